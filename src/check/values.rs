//! Dates and durations: each claim against the source claims of the same
//! happening and the same role, with time zones and the sources' own disagreement.
use super::*;

/// The findings on dates and durations: each claim is compared only with the
/// source claims of the same happening and the same role.
pub(super) fn happening_findings(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    out: &mut Analysis,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let lex = happenings::lexicon();
    let reading = happenings::read(draft);
    // How the draft writes each person, for hover cards.
    let mut names: lexicon::HashMap<&str, &str> = Default::default();
    for c in &draft.claims {
        if let Value::Person(p) = &c.value {
            names.entry(&p.key).or_insert(&p.name);
        }
    }
    let (draft_zones, draft_place) = zones::of_article(draft);
    // Whether each of the draft's happenings is said to happen again (once, not per claim:
    // a long draft's happening has a mention in every line).
    let again_of: Vec<bool> =
        reading.happenings.iter().map(|h| h.mentions.iter().any(|&m| reading.mentions[m].again)).collect();
    let usable = |g: u32| corpus.happenings[g as usize].members.iter().any(|&(s, _)| Some(s as usize) != exclude);

    for (ci, c) in draft.claims.iter().enumerate() {
        if ci % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let Some(a) = reading.attached[ci] else { continue };
        if c.stamp {
            continue;
        }
        let local = &reading.happenings[a.happening];
        out.reports[ci].about = Some(describe_about(local.kind, local.date.as_ref(), &local.people, a.role, &names));
        if !a.role.compared() || ignored(draft, c.span) {
            continue;
        }
        let is_date = matches!(c.value, Value::Date(_));
        // The corpus happenings this draft happening may be, near the claim's date
        // (a date) or its happening's (a length).
        let near = match &c.value {
            Value::Date(d) => happenings::interval(d),
            _ => local.date.as_ref().and_then(happenings::interval),
        };
        let cands: Vec<u32> =
            corpus.happening_candidates(local.kind, &local.people, near).into_iter().filter(|&g| usable(g)).collect();
        // A happening told apart by its people that the sources name with no one
        // (`Sidang pemeriksaan ditutup pada Kamis (5/4/2024)`) is the draft's, named
        // with people, when it is the only one of the family on the very day.
        let compared = matches!((&c.value, a.role), (Value::Date(_), Role::When) | (Value::Duration(_), Role::Length));
        let cands = match near.filter(|_| compared) {
            Some(day) if cands.is_empty() && lex.who(local.kind) && !local.people.is_empty() => {
                let loose: Vec<u32> = corpus
                    .happening_candidates(local.kind, &[], near)
                    .into_iter()
                    .filter(|&g| usable(g))
                    .filter(|&g| {
                        let h = corpus.happenings[g as usize].date.as_ref().and_then(happenings::interval);
                        h.is_some_and(|x| gap_days(x, day) == 0)
                    })
                    .collect();
                if loose.len() == 1 {
                    loose
                } else {
                    Vec::new()
                }
            }
            _ => cands,
        };
        let cands = &cands;
        let alone = corpus.family_size(local.kind) == 1;
        if corpus.family_size(local.kind) == 0 {
            // No source speaks of such a happening at all.
            unsupported(c, ci, local.kind, is_date, draft, out);
            continue;
        }
        // Which corpus happenings this claim speaks of: for a date, the ones on
        // that date; for a length, the ones on its happening's date, else the
        // only one of its kind and people.
        let who = lex.who(local.kind);
        // Said to happen again: a date or a length a few days off is another happening's.
        let again = again_of[a.happening];
        // For kinds told apart by their people (matches, hearings), a day off is
        // the same happening only when time zones explain it.
        let day_of = |v: &Value| match v {
            Value::Date(d) => d.date(),
            _ => None,
        };
        let mine_day = match &c.value {
            Value::Date(d) => d.date(),
            _ => local.day,
        };
        let my_zones_cell: std::cell::OnceCell<Vec<chrono_tz::Tz>> = std::cell::OnceCell::new();
        let my_zones = || my_zones_cell.get_or_init(|| zones::of_claim(draft, &draft_zones, c.span));
        let tz_ok = |g: u32| {
            let Some(mine) = mine_day else { return false };
            corpus.happenings[g as usize].claims.iter().any(|&(si, sci, role)| {
                let s = &corpus.sources[si as usize];
                let sc = &s.ex.claims[sci as usize];
                role == Role::When
                    && day_of(&sc.value).is_some_and(|y| {
                        zones::explains(mine, my_zones(), y, &zones::of_claim(&s.ex, &s.zones, sc.span))
                    })
            })
        };
        let chosen: Vec<u32> = match (&c.value, a.role) {
            (Value::Date(d), Role::When) => match happenings::interval(d) {
                Some(mine) => on_date(corpus, cands, mine, (who, &local.people, again), alone, &tz_ok),
                None => continue,
            },
            (Value::Duration(_), Role::Length) => match local.date.as_ref().and_then(happenings::interval) {
                Some(when) => on_date(corpus, cands, when, (who, &local.people, again), alone, &tz_ok),
                None if cands.len() == 1 => cands.clone(),
                None => dominant(corpus, cands).into_iter().collect(),
            },
            _ => continue,
        };
        if chosen.is_empty() {
            // No source happening is found for it. That says more about how far
            // happenings are matched than about the sources: no hint.
            continue;
        }
        let mut evidence: Vec<Evidence> = Vec::new();
        for &g in &chosen {
            let h = &corpus.happenings[g as usize];
            for &(si, sci, role) in &h.claims {
                let (si, sci) = (si as usize, sci as usize);
                if role != a.role || Some(si) == exclude {
                    continue;
                }
                let s = &corpus.sources[si];
                let sc = &s.ex.claims[sci];
                if sc.stamp || (s.lent_date && matches!(&sc.value, Value::Date(d) if d.relative)) {
                    continue;
                }
                let verdict = match (&c.value, &sc.value) {
                    (Value::Duration(x), Value::Duration(y)) => {
                        (if x.overlaps(y) { Verdict::Supports } else { Verdict::Contradicts }, false)
                    }
                    (Value::Date(x), Value::Date(y)) => {
                        let (Some(ix), Some(iy)) = (interval(x), interval(y)) else { continue };
                        let gap = gap_days(ix, iy);
                        let tz = match (x.date(), y.date()) {
                            (Some(dx), Some(dy)) if gap == 1 => {
                                zones::explains(dx, my_zones(), dy, &zones::of_claim(&s.ex, &s.zones, sc.span))
                            }
                            _ => false,
                        };
                        (if gap == 0 { Verdict::Supports } else { Verdict::Contradicts }, tz)
                    }
                    _ => continue,
                };
                evidence.push(evidence_of(corpus, si, sci, verdict.0, verdict.1));
            }
        }
        // Syndicated copies (the same wire sentence in two outlets) are one source, not two.
        let mut quotes: std::collections::HashSet<String> = Default::default();
        evidence.retain(|e| quotes.insert(e.quote.to_lowercase()));
        // Time zones the sources themselves show: a source a day from one that
        // states the draft's date, reckoned in zones that explain the day.
        if is_date {
            let dated: Vec<(usize, NaiveDate, Vec<chrono_tz::Tz>, Verdict)> = evidence
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let s = &corpus.sources[e.source];
                    let d = match &s.ex.claims[e.claim].value {
                        Value::Date(d) => d.date()?,
                        _ => return None,
                    };
                    Some((i, d, zones::of_claim(&s.ex, &s.zones, e.span), e.verdict))
                })
                .collect();
            for (i, d, z, v) in &dated {
                if *v != Verdict::Contradicts || evidence[*i].timezone {
                    continue;
                }
                let explained =
                    dated.iter().any(|(_, d2, z2, v2)| *v2 == Verdict::Supports && zones::explains(*d2, z2, *d, z));
                if explained {
                    evidence[*i].timezone = true;
                }
            }
        }
        let what = about(local.kind, a.role);
        if let Some((code, message, fixes)) =
            verdict_finding(draft, corpus, c, &evidence, is_date, &what, draft_place.as_deref())
        {
            out.findings.push(Finding {
                code,
                severity: code.severity(),
                message,
                span: c.span,
                claim: ci,
                evidence: evidence.clone(),
                fixes,
            });
        }
        if evidence.is_empty() {
            // The happening is known but no source states this attribute of it.
            unsupported(c, ci, local.kind, is_date, draft, out);
        }
        out.reports[ci].evidence = evidence;
    }
    Some(())
}

/// The corpus happenings among `cands` on a date, else a day either side (a
/// time zone, or a slip of one day), else the only candidate when it is a few
/// days off (never for a happening said to happen again). Otherwise a date
/// further off names no happening of the sources: a false alarm costs more
/// than a miss.
fn on_date(
    corpus: &Corpus,
    cands: &[u32],
    when: (NaiveDate, NaiveDate),
    (who, people, again): (bool, &[std::sync::Arc<str>], bool),
    alone: bool,
    tz_ok: &dyn Fn(u32) -> bool,
) -> Vec<u32> {
    let gap =
        |g: u32| corpus.happenings[g as usize].date.as_ref().and_then(happenings::interval).map(|x| gap_days(x, when));
    // The same day first: hearings on consecutive days are different hearings;
    // a day off counts only when no happening is on the day itself.
    let exact: Vec<u32> = cands.iter().copied().filter(|&g| gap(g) == Some(0)).collect();
    if !exact.is_empty() {
        return exact;
    }
    let next: Vec<u32> = cands.iter().copied().filter(|&g| gap(g) == Some(1) && (!who || tz_ok(g))).collect();
    // Said to happen again: a day off is another happening, unless a time zone explains it.
    if again {
        return if who { next } else { Vec::new() };
    }
    if !next.is_empty() {
        return next;
    }
    if who {
        // Told apart by their people, a happening a day off that no time zone explains
        // is the same one only when it is the only candidate, every person of the
        // draft's is in it, and two or more sources speak of it (`Presiden menemui
        // keluarga awak pada Rabu`, a day before the one meeting of his with them that
        // the sources date): a slip of one day.
        return match cands {
            [only]
                if gap(*only) == Some(1)
                    && happenings::people_within(people, &corpus.happenings[*only as usize].people)
                    && source_count(corpus, *only) >= 2 =>
            {
                vec![*only]
            }
            _ => Vec::new(),
        };
    }
    // The story's only happening of its kind, or the only one within a week that
    // three or more sources speak of, a few days off: a slip of the date is still
    // about it.
    match cands {
        [only] if (alone || dominant(corpus, cands).is_some()) && gap(*only).is_some_and(|x| x <= 7) => vec![*only],
        _ => Vec::new(),
    }
}

fn unsupported(
    c: &crate::claims::Claim,
    ci: usize,
    kind: happenings::Kind,
    is_date: bool,
    draft: &Extracted,
    out: &mut Analysis,
) {
    let key = if is_date { "unsupported.date" } else { "unsupported.length" };
    let text = c.text(&draft.article.text);
    out.findings.push(Finding {
        code: Code::Unsupported,
        severity: Code::Unsupported.severity(),
        message: Message::new(key)
            .word("kind", format!("kind.{}", happenings::lexicon().name(kind)))
            .arg("claim", text)
            .arg("value", describe_value(&c.value)),
        span: c.span,
        claim: ci,
        evidence: Vec::new(),
        fixes: Vec::new(),
    });
}

/// A claim's role in its happening, in words.
fn describe_about(
    kind: happenings::Kind,
    date: Option<&DateValue>,
    people: &[std::sync::Arc<str>],
    role: Role,
    names_of: &lexicon::HashMap<&str, &str>,
) -> Message {
    let mut s = about(kind, role);
    if let Some(d) = date.filter(|d| crate::i18n::Lang::EN.short_date(d).is_some()) {
        s = Message::new("about.date").arg("about", s).arg("date", Arg::ShortDate(*d));
    }
    // People as the draft writes them.
    let names: Vec<&str> = people.iter().filter_map(|k| names_of.get(&**k).copied()).collect();
    if names.len() >= 2 {
        let list = Arg::List(names.into_iter().map(Arg::from).collect(), Join::And);
        s = Message::new("about.between").arg("about", s).arg("people", list);
    } else if let Some(n) = names.first() {
        s = Message::new("about.with").arg("about", s).arg("person", *n);
    }
    s
}

/// A role in a happening: `length of the call`, `lama panggilan telepon`.
fn about(kind: happenings::Kind, role: Role) -> Message {
    Message::new("about")
        .word("role", format!("role.{}", role.name()))
        .word("kind", format!("kind.{}", happenings::lexicon().name(kind)))
}

/// The finding a claim's evidence calls for, if any.
fn verdict_finding(
    draft: &Extracted,
    corpus: &Corpus,
    c: &crate::claims::Claim,
    evidence: &[Evidence],
    is_date: bool,
    what: &Message,
    draft_place: Option<&str>,
) -> Option<(Code, Message, Vec<Fix>)> {
    let supports = evidence.iter().filter(|e| e.verdict == Verdict::Supports).count();
    let real: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Contradicts && !e.timezone).collect();
    let tz: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Contradicts && e.timezone).collect();
    let text = c.text(&draft.article.text);
    let value_desc = describe_value(&c.value);
    let cite = |evs: &[&Evidence]| -> Arg {
        let mut parts: Vec<Arg> = Vec::new();
        for ev in evs {
            let s = &corpus.sources[ev.source];
            let v = describe_value(&s.ex.claims[ev.claim].value);
            let p = Message::new("cite")
                .arg("source", s.label())
                .arg("claim", source_claim_text(corpus, ev.source, ev.claim))
                .arg("value", v)
                .into();
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        Arg::List(parts, Join::Semicolon)
    };
    let base = |key: &'static str| {
        Message::new(key).arg("claim", text).arg("value", value_desc.clone()).arg("what", what.clone())
    };
    let fixes_from = |evs: &[&Evidence]| -> Vec<Fix> {
        let mut fixes: Vec<Fix> = Vec::new();
        for ev in evs {
            let t = source_claim_text(corpus, ev.source, ev.claim).to_string();
            if !fixes.iter().any(|f| f.replacement == t) && t != text {
                fixes.push(Fix { title: Message::new("fix.value").arg("value", &t), replacement: t, span: None });
            }
        }
        fixes
    };
    let agreeing = || {
        let agree: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Supports).collect();
        labels(corpus, &agree)
    };
    let tz_note = || zone_note(draft_place, tz.first().and_then(|e| corpus.sources[e.source].place.as_deref()));
    if supports == 0 && !real.is_empty() {
        let code = if is_date { Code::DateConflict } else { Code::DurationConflict };
        Some((code, base("conflict").arg("cite", cite(&real)), fixes_from(&real)))
    } else if supports == 0 && !tz.is_empty() {
        Some((Code::DateTimezone, base("timezone").arg("cite", cite(&tz)).arg("zones", tz_note()), Vec::new()))
    } else if supports > 0 && real.is_empty() && !tz.is_empty() {
        // The draft keeps one outlet's calendar; another, in another zone, gives the
        // next or the day before. The writer should know which day is whose.
        Some((
            Code::DateTimezone,
            base("timezone.agreeing").arg("agreeing", agreeing()).arg("cite", cite(&tz)).arg("zones", tz_note()),
            Vec::new(),
        ))
    } else if supports > 0 && !real.is_empty() {
        Some((Code::SourcesDisagree, base("disagree").arg("agreeing", agreeing()).arg("cite", cite(&real)), Vec::new()))
    } else {
        None
    }
}

/// Of several corpus happenings an undated one may be, the story's own: the one
/// that three or more sources speak of when each other is spoken of by one at
/// most (the crash a story follows, not the earlier one it recalls in passing).
fn dominant(corpus: &Corpus, cands: &[u32]) -> Option<u32> {
    let mut counted: Vec<(usize, u32)> = cands.iter().map(|&g| (source_count(corpus, g), g)).collect();
    counted.sort_unstable_by(|a, b| b.cmp(a));
    match counted.as_slice() {
        [(top, g), rest @ ..] if *top >= 3 && rest.iter().all(|(n, _)| *n <= 1) => Some(*g),
        _ => None,
    }
}

/// How many sources speak of a corpus happening.
fn source_count(corpus: &Corpus, g: u32) -> usize {
    let mut v: Vec<u32> = corpus.happenings[g as usize].members.iter().map(|&(s, _)| s).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}
