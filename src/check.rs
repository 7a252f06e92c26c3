//! Cross-checking a draft against the corpus: which event each claim speaks
//! about, which source claims it lines up with, and the findings.
//!
//! Pure: takes an extracted draft and an indexed corpus, returns plain data.

use crate::claims::{dates, fmt_seconds, DateValue, DurationValue, Extracted, Precision, Value};
use crate::happenings::{self, Role};
use crate::index::Corpus;
use crate::lexicon::{self, Unit};
use crate::names::{self, TokenMatch};
use crate::text::{fold, Span};
use crate::zones;
use chrono::{Datelike, Days, NaiveDate};

/// Stable diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    NameVariant,
    NameInconsistent,
    DateWeekday,
    DateConflict,
    DateTimezone,
    DurationConflict,
    SourcesDisagree,
    Unsupported,
}

impl Code {
    pub const ALL: [Code; 8] = [
        Code::NameVariant,
        Code::NameInconsistent,
        Code::DateWeekday,
        Code::DateConflict,
        Code::DateTimezone,
        Code::DurationConflict,
        Code::SourcesDisagree,
        Code::Unsupported,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Code::NameVariant => "name-variant",
            Code::NameInconsistent => "name-inconsistent",
            Code::DateWeekday => "date-weekday",
            Code::DateConflict => "date-conflict",
            Code::DateTimezone => "date-timezone",
            Code::DurationConflict => "duration-conflict",
            Code::SourcesDisagree => "sources-disagree",
            Code::Unsupported => "unsupported",
        }
    }

    pub fn from_name(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.name() == s)
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::NameVariant
            | Code::NameInconsistent
            | Code::DateWeekday
            | Code::DateConflict
            | Code::DurationConflict => Severity::Warning,
            Code::DateTimezone | Code::SourcesDisagree => Severity::Information,
            Code::Unsupported => Severity::Hint,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Supports,
    Contradicts,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supports => "supports",
            Verdict::Contradicts => "contradicts",
        }
    }
}

/// A source claim that speaks to a draft claim.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub source: usize,
    /// Index of the claim in the source.
    pub claim: usize,
    pub span: Span,
    /// The source sentence, trimmed around the claim.
    pub quote: String,
    pub verdict: Verdict,
    /// Explained by the time zones of the two writers.
    pub timezone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// Text to put in place of the finding's span.
    pub replacement: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Index of the draft claim.
    pub claim: usize,
    pub evidence: Vec<Evidence>,
    pub fixes: Vec<Fix>,
}

/// What the corpus says about one draft claim, for hovers.
#[derive(Debug, Clone, Default)]
pub struct ClaimReport {
    /// What the claim is about: its role in a happening, in words
    /// (`length of the call of 12 Feb 2025 between Donald Trump and Vladimir Putin`).
    pub about: Option<String>,
    pub evidence: Vec<Evidence>,
    /// For persons: spellings the sources use, with counts.
    pub spellings: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub reports: Vec<ClaimReport>,
    pub findings: Vec<Finding>,
}

/// Checks `draft` against the corpus, leaving out source `exclude` (the draft
/// itself when it is a corpus file).
pub fn analyze(draft: &Extracted, corpus: &Corpus, exclude: Option<usize>) -> Analysis {
    analyze_cancellable(draft, corpus, exclude, &|| false).unwrap_or_default()
}

/// `analyze`, giving up (`None`) as soon as `cancelled` says so; it is asked
/// between claims, so a newer edit stops an outdated analysis of a long draft.
pub fn analyze_cancellable(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Analysis> {
    let mut out = Analysis { reports: vec![ClaimReport::default(); draft.claims.len()], findings: Vec::new() };
    weekday_findings(draft, corpus, &mut out);
    if !corpus.is_empty() {
        happening_findings(draft, corpus, exclude, &mut out, cancelled)?;
        name_findings(draft, corpus, exclude, &mut out, cancelled)?;
    }
    name_consistency(draft, corpus, exclude, &mut out);
    out.findings.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    Some(out)
}

/// How many claims are handled between two looks at the cancellation flag.
const CANCEL_EVERY: usize = 64;

fn interval(d: &DateValue) -> Option<(NaiveDate, NaiveDate)> {
    let y = d.year?;
    match d.precision {
        Precision::Day => d.date().map(|x| (x, x)),
        Precision::Week => {
            let start = NaiveDate::from_isoywd_opt(y, d.week?, chrono::Weekday::Mon)?;
            Some((start, start + Days::new(6)))
        }
        Precision::Month => {
            let start = NaiveDate::from_ymd_opt(y, d.month? as u32, 1)?;
            let end = start.checked_add_months(chrono::Months::new(1))? - Days::new(1);
            Some((start, end))
        }
        Precision::Year => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?)),
    }
}

/// Days between two date intervals, 0 when they overlap.
fn gap_days(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_days()
    } else {
        0
    }
}

/// A short quote: the sentence around `span`, at most about 160 characters.
pub fn quote(text: &str, sentence: Option<Span>, span: Span) -> String {
    let s = sentence.unwrap_or(span);
    let (mut a, mut b) = (s.start.min(span.start), s.end.max(span.end));
    const MAX: usize = 160;
    if b - a > MAX {
        a = a.max(span.start.saturating_sub(70));
        b = b.min(span.end + 70);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
    }
    let mut q: String = text[a..b].split_whitespace().collect::<Vec<_>>().join(" ");
    if a > s.start {
        q.insert(0, '…');
    }
    if b < s.end {
        q.push('…');
    }
    q
}

/// A length in the words a writer would use: `45 min`, `1 h 30 min`, `2 days`.
pub fn human_duration(seconds: f64) -> String {
    let s = seconds.round() as i64;
    if s < 60 {
        return format!("{} s", fmt_seconds(seconds));
    }
    if s < 3600 {
        let (m, r) = (s / 60, s % 60);
        return if r == 0 { format!("{m} min") } else { format!("{m} min {r} s") };
    }
    if s < 86_400 * 2 {
        let (h, m) = (s / 3600, (s % 3600) / 60);
        return if m == 0 { format!("{h} h") } else { format!("{h} h {m} min") };
    }
    let days = seconds / 86_400.0;
    if days < 60.0 {
        return format!("{} days", fmt_seconds((days * 10.0).round() / 10.0));
    }
    let years = seconds / Unit::Year.seconds();
    if years < 2.0 {
        format!("{} months", fmt_seconds((seconds / Unit::Month.seconds() * 10.0).round() / 10.0))
    } else {
        format!("{} years", fmt_seconds((years * 10.0).round() / 10.0))
    }
}

pub fn describe_duration(d: &DurationValue) -> String {
    let base = human_duration(d.seconds);
    match d.qualifier {
        lexicon::Qualifier::Exact => base,
        lexicon::Qualifier::About => format!("about {base}"),
        lexicon::Qualifier::Almost => format!("almost {base}"),
        lexicon::Qualifier::AtLeast => format!("at least {base}"),
        lexicon::Qualifier::AtMost => format!("at most {base}"),
        lexicon::Qualifier::Range => {
            format!("{} to {}", human_duration(d.min_seconds), human_duration(d.max_seconds))
        }
    }
}

/// A date's or duration's value in words, as messages cite it.
fn describe_value(v: &Value) -> String {
    match v {
        Value::Date(d) => describe_date(d),
        Value::Duration(d) => describe_duration(d),
        Value::Person(p) => p.name.to_string(),
    }
}

pub fn describe_date(d: &DateValue) -> String {
    d.iso().unwrap_or_else(|| "an unknown date".into())
}

fn source_claim_text(corpus: &Corpus, src: usize, claim: usize) -> &str {
    let s = &corpus.sources[src];
    s.ex.claims[claim].text(&s.ex.article.text)
}

/// The findings on dates and durations: each claim is compared only with the
/// source claims of the same happening and the same role.
fn happening_findings(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    out: &mut Analysis,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let lex = happenings::lexicon();
    let reading = happenings::read(draft);
    let (draft_zones, draft_place) = zones::of_article(draft);
    let usable = |g: u32| corpus.happenings[g as usize].members.iter().any(|&(s, _)| Some(s as usize) != exclude);
    // The corpus happenings each draft happening may be.
    let candidates: Vec<Vec<u32>> = reading
        .happenings
        .iter()
        .map(|h| corpus.happening_candidates(h.kind, &h.people).into_iter().filter(|&g| usable(g)).collect())
        .collect();
    for (ci, c) in draft.claims.iter().enumerate() {
        if ci % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let Some(a) = reading.attached[ci] else { continue };
        if c.stamp {
            continue;
        }
        let local = &reading.happenings[a.happening];
        out.reports[ci].about = Some(describe_about(local.kind, local.date.as_ref(), &local.people, a.role, draft));
        if !a.role.compared() || ignored(draft, c.span) {
            continue;
        }
        let cands = &candidates[a.happening];
        let is_date = matches!(c.value, Value::Date(_));
        if cands.is_empty() {
            // No source speaks of such a happening at all.
            unsupported(c, ci, local.kind, is_date, draft, out);
            continue;
        }
        // Which corpus happenings this claim speaks of: for a date, the ones on
        // that date; for a length, the ones on its happening's date, else the
        // only one of its kind and people.
        let who = lex.who(local.kind);
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
        let my_zones = zones::of_claim(draft, &draft_zones, c.span);
        let tz_ok = |g: u32| {
            let Some(mine) = mine_day else { return false };
            corpus.happenings[g as usize].claims.iter().any(|&(si, sci, role)| {
                let s = &corpus.sources[si as usize];
                let sc = &s.ex.claims[sci as usize];
                role == Role::When
                    && day_of(&sc.value).is_some_and(|y| {
                        zones::explains(mine, &my_zones, y, &zones::of_claim(&s.ex, &s.zones, sc.span))
                    })
            })
        };
        let chosen: Vec<u32> = match (&c.value, a.role) {
            (Value::Date(d), Role::When) => match happenings::interval(d) {
                Some(mine) => on_date(corpus, cands, mine, who, &tz_ok),
                None => continue,
            },
            (Value::Duration(_), Role::Length) => match local.date.as_ref().and_then(happenings::interval) {
                Some(when) => on_date(corpus, cands, when, who, &tz_ok),
                None if cands.len() == 1 => cands.clone(),
                None => Vec::new(),
            },
            _ => continue,
        };
        if chosen.is_empty() {
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
                            (Some(dx), Some(dy)) if gap == 1 => zones::explains(
                                dx,
                                &zones::of_claim(draft, &draft_zones, c.span),
                                dy,
                                &zones::of_claim(&s.ex, &s.zones, sc.span),
                            ),
                            _ => false,
                        };
                        (if gap == 0 { Verdict::Supports } else { Verdict::Contradicts }, tz)
                    }
                    _ => continue,
                };
                evidence.push(Evidence {
                    source: si,
                    claim: sci,
                    span: sc.span,
                    quote: quote(&s.ex.article.text, s.ex.sentence_at(sc.span.start), sc.span),
                    verdict: verdict.0,
                    timezone: verdict.1,
                });
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
        let what = format!("{} of the {}", a.role.name(), lex.name(local.kind));
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
/// days off. Otherwise a date further off names no happening of the sources:
/// a false alarm costs more than a miss.
fn on_date(
    corpus: &Corpus,
    cands: &[u32],
    when: (NaiveDate, NaiveDate),
    who: bool,
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
    if !next.is_empty() || who {
        return next;
    }
    // The story's only happening of its kind, a few days off: a slip of the
    // date is still about it.
    match cands {
        [only] if gap(*only).is_some_and(|x| x <= 7) => vec![*only],
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
    let what = if is_date { "date" } else { "length" };
    let text = c.text(&draft.article.text);
    out.findings.push(Finding {
        code: Code::Unsupported,
        severity: Code::Unsupported.severity(),
        message: format!(
            "no source states the {what} of this {}: `{text}` ({})",
            happenings::lexicon().name(kind),
            describe_value(&c.value)
        ),
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
    draft: &Extracted,
) -> String {
    let lex = happenings::lexicon();
    let mut s = format!("{} of the {}", role.name(), lex.name(kind));
    if let Some(d) = date.and_then(happenings::short_date) {
        s.push_str(&format!(" of {d}"));
    }
    // People as the draft writes them.
    let names: Vec<String> = people
        .iter()
        .filter_map(|k| {
            draft.claims.iter().find_map(|c| match &c.value {
                Value::Person(p) if &p.key == k => Some(p.name.to_string()),
                _ => None,
            })
        })
        .collect();
    if names.len() >= 2 {
        s.push_str(&format!(" between {}", names.join(" and ")));
    } else if let Some(n) = names.first() {
        s.push_str(&format!(" with {n}"));
    }
    s
}

/// The finding a claim's evidence calls for, if any.
fn verdict_finding(
    draft: &Extracted,
    corpus: &Corpus,
    c: &crate::claims::Claim,
    evidence: &[Evidence],
    is_date: bool,
    what: &str,
    draft_place: Option<&str>,
) -> Option<(Code, String, Vec<Fix>)> {
    let supports = evidence.iter().filter(|e| e.verdict == Verdict::Supports).count();
    let real: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Contradicts && !e.timezone).collect();
    let tz: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Contradicts && e.timezone).collect();
    let text = c.text(&draft.article.text);
    let value_desc = describe_value(&c.value);
    let cite = |evs: &[&Evidence]| -> String {
        let mut parts: Vec<String> = Vec::new();
        for ev in evs {
            let s = &corpus.sources[ev.source];
            let v = describe_value(&s.ex.claims[ev.claim].value);
            let p = format!("{} has `{}` ({})", s.label(), source_claim_text(corpus, ev.source, ev.claim), v);
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        parts.join("; ")
    };
    let fixes_from = |evs: &[&Evidence]| -> Vec<Fix> {
        let mut fixes: Vec<Fix> = Vec::new();
        for ev in evs {
            let t = source_claim_text(corpus, ev.source, ev.claim).to_string();
            if !fixes.iter().any(|f| f.replacement == t) && t != text {
                fixes.push(Fix { title: format!("Use the sources' value `{t}`"), replacement: t });
            }
        }
        fixes
    };
    if supports == 0 && !real.is_empty() {
        let code = if is_date { Code::DateConflict } else { Code::DurationConflict };
        Some((
            code,
            format!("`{text}` ({value_desc}), the {what}, disagrees with the sources: {}", cite(&real)),
            fixes_from(&real),
        ))
    } else if supports == 0 && !tz.is_empty() {
        Some((
            Code::DateTimezone,
            format!(
                "`{text}` ({value_desc}), the {what}, is one day from the sources, which a time zone explains: {}{}",
                cite(&tz),
                zone_note(draft_place, tz.iter().map(|e| corpus.sources[e.source].place.as_deref()).next().flatten())
            ),
            Vec::new(),
        ))
    } else if supports > 0 && !real.is_empty() {
        let agree: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Supports).collect();
        Some((
            Code::SourcesDisagree,
            format!(
                "the sources disagree on the {what}, `{text}` ({value_desc}): {} agrees; {}",
                labels(corpus, &agree),
                cite(&real)
            ),
            Vec::new(),
        ))
    } else {
        None
    }
}

fn zone_note(mine: Option<&str>, theirs: Option<&str>) -> String {
    match (mine, theirs) {
        (Some(a), Some(b)) => format!(" ({} and {})", title_case(a), title_case(b)),
        (None, Some(b)) => format!(" (the source writes from {})", title_case(b)),
        (Some(a), None) => format!(" (this article writes from {})", title_case(a)),
        _ => String::new(),
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn labels(corpus: &Corpus, evs: &[&Evidence]) -> String {
    let mut v: Vec<&str> = evs.iter().map(|e| corpus.sources[e.source].label()).collect();
    v.dedup();
    v.join(", ")
}

/// Whether an ignore comment (`<!-- corroborate-ignore -->`) covers the span:
/// on the same line, or alone on the line above.
pub fn ignored(draft: &Extracted, span: Span) -> bool {
    const MARK: &str = "corroborate-ignore";
    if !draft.article.has_ignore_marks {
        return false;
    }
    let text = &draft.article.text;
    let lines = &draft.article.lines;
    let i = lines.partition_point(|l| l.span.end < span.start);
    let Some(line) = lines.get(i) else { return false };
    if text[line.span.start..line.span.end.max(span.end).min(text.len())].contains(MARK) {
        return true;
    }
    if let Some(prev) = i.checked_sub(1).map(|j| &lines[j]) {
        let prev = text[prev.span.start..prev.span.end].trim();
        return prev.starts_with("<!--") && prev.contains(MARK) && prev.ends_with("-->");
    }
    false
}

// ---------------------------------------------------------------- weekdays

fn weekday_word(w: u8, lang: crate::article::Lang, like: &str) -> String {
    let id = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
    let en = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    // The draft's own weekday word decides the language; else the draft's language.
    let word = lexicon::word(&like.to_ascii_lowercase());
    let indonesian = match word {
        Some(x) if x.weekday.is_some() => x.weekday_id,
        _ => lang == crate::article::Lang::Id,
    };
    let base = if indonesian { id[w as usize] } else { en[w as usize] };
    if like.chars().next().is_some_and(char::is_lowercase) {
        base.to_lowercase()
    } else if like.len() > 1 && like.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        base.to_uppercase()
    } else {
        base.to_string()
    }
}

fn weekday_findings(draft: &Extracted, corpus: &Corpus, out: &mut Analysis) {
    let text = &draft.article.text;
    for (ci, c) in draft.claims.iter().enumerate() {
        let Value::Date(d) = &c.value else { continue };
        let (Some(stated), Some(date)) = (d.weekday, d.date()) else { continue };
        if d.relative && d.year.is_none() {
            continue;
        }
        let actual = dates::weekday_of(date);
        if actual == stated || ignored(draft, c.span) {
            continue;
        }
        let claim_text = c.text(text);
        // The weekday word is the first word of the claim (or after `hari`).
        let words: Vec<(usize, &str)> = claim_text.match_indices(|ch: char| ch.is_alphabetic()).fold(
            Vec::new(),
            |mut acc: Vec<(usize, &str)>, (i, _)| {
                let rest = &claim_text[i..];
                let end = rest.find(|ch: char| !ch.is_alphabetic() && ch != '\'').unwrap_or(rest.len());
                if acc.last().is_none_or(|&(j, w)| i >= j + w.len()) {
                    acc.push((i, &rest[..end]));
                }
                acc
            },
        );
        let Some(&(wpos, wtext)) =
            words.iter().find(|(_, w)| lexicon::word(&w.to_ascii_lowercase()).is_some_and(|x| x.weekday.is_some()))
        else {
            continue;
        };
        let mut fixes = Vec::new();
        let new_day = weekday_word(actual, draft.article.lang, wtext);
        let fix_weekday = format!("{}{}{}", &claim_text[..wpos], new_day, &claim_text[wpos + wtext.len()..]);
        fixes.push(Fix { title: format!("Change the weekday to {new_day}"), replacement: fix_weekday });
        // The nearest date that does fall on the stated weekday, in the same month.
        let back = (actual as i64 - stated as i64).rem_euclid(7);
        let fwd = (stated as i64 - actual as i64).rem_euclid(7);
        let candidate = if back <= fwd {
            date.checked_sub_days(Days::new(back as u64))
        } else {
            date.checked_add_days(Days::new(fwd as u64))
        };
        if let Some(cand) = candidate.filter(|x| x.month() == date.month() && x.year() == date.year()) {
            if let Some(replaced) = replace_day(claim_text, date.day(), cand.day()) {
                fixes.push(Fix {
                    title: format!("Change the date to {}", cand.format("%Y-%m-%d")),
                    replacement: replaced,
                });
            }
        }
        // Rank by what the sources say: a source stating the other date puts that fix first.
        let sources_say_candidate = candidate.is_some_and(|cand| corpus.states_day(cand));
        if sources_say_candidate && fixes.len() == 2 {
            fixes.swap(0, 1);
        }
        out.findings.push(Finding {
            code: Code::DateWeekday,
            severity: Code::DateWeekday.severity(),
            message: format!(
                "`{claim_text}`: {} was a {}, not a {}",
                date.format("%Y-%m-%d"),
                dates::weekday_name(actual),
                dates::weekday_name(stated)
            ),
            span: c.span,
            claim: ci,
            evidence: Vec::new(),
            fixes,
        });
    }
}

/// Replaces the day-of-month number in a date's text, keeping zero padding.
fn replace_day(text: &str, old: u32, new: u32) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let n: u32 = text[start..i].parse().ok()?;
            if n == old && i - start <= 2 {
                let digits = if i - start == 2 { format!("{new:02}") } else { new.to_string() };
                return Some(format!("{}{}{}", &text[..start], digits, &text[i..]));
            }
        } else {
            i += 1;
        }
    }
    None
}

// ---------------------------------------------------------------- names

/// Source spellings that `name` is a variant of: (spelling, count, how close).
fn variants_of(name: &str, corpus: &Corpus, exclude: Option<usize>) -> (bool, Vec<(String, usize, TokenMatch)>) {
    let key = fold(name);
    let count = |sp: &crate::index::Spelling| sp.mentions.iter().filter(|(s, _)| Some(*s) != exclude).count();
    if corpus.spellings.get(&key).is_some_and(|sp| count(sp) > 0) {
        return (true, Vec::new());
    }
    let mut found = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        let n = count(sp);
        if n == 0 || fold(&sp.name) == key {
            continue;
        }
        if let Some(m) = names::match_names(name, &sp.name) {
            if !m.identical() {
                found.push((sp.name.clone(), n, m.worst()));
            } else if m.pairs.len() == names::words(name).len() {
                // Same words, fewer of them (`Mikhail Galuzin` for `Mikhail Yurievich Galuzin`):
                // the sources know this person; no variant.
                return (true, Vec::new());
            }
        }
    }
    found.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    (false, found)
}

/// Whether the words a mention writes are among those spelled differently:
/// `Prabowo` alone is no misspelling of `Prabowo Subianto`, even when it
/// stands for `Prabowo Subiyanto`.
fn mention_differs(mention: &str, name: &str, target: &str) -> bool {
    let Some(m) = names::match_names(name, target) else { return false };
    let nw = names::words(name);
    let written: Vec<String> = mention.split(|c: char| c.is_whitespace() || c == '[' || c == ']').map(fold).collect();
    m.pairs.iter().any(|&(di, _, tm)| tm != TokenMatch::Same && written.contains(&fold(nw[di])))
}

/// The draft text of a mention rewritten with the source's spelling, word by word.
fn respell(mention: &str, name: &str, target: &str) -> Option<String> {
    let m = names::match_names(name, target)?;
    let nw = names::words(name);
    let tw = names::words(target);
    if fold(mention) == fold(name) {
        return Some(target.to_string());
    }
    // A shortened mention: replace the words it shares with the name.
    let mut out = mention.to_string();
    for (di, ti, tm) in m.pairs {
        if tm != TokenMatch::Same {
            let from = nw[di];
            if let Some(pos) = out.find(from) {
                out.replace_range(pos..pos + from.len(), tw[ti]);
            }
        }
    }
    (out != mention).then_some(out)
}

/// What the sources say of one name: their spellings of the person, and
/// whether the name is theirs or a variant of theirs.
struct NameVerdict {
    spellings: Vec<(String, usize)>,
    known: bool,
    variants: Vec<(String, usize, TokenMatch)>,
}

fn name_verdict(name: &str, corpus: &Corpus, exclude: Option<usize>) -> NameVerdict {
    let mut spellings: Vec<(String, usize)> = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        let n = sp.mentions.iter().filter(|(s, _)| Some(*s) != exclude).count();
        if n > 0 && names::match_names(name, &sp.name).is_some() {
            spellings.push((sp.name.clone(), n));
        }
    }
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (known, variants) = variants_of(name, corpus, exclude);
    NameVerdict { spellings, known, variants }
}

fn name_findings(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    out: &mut Analysis,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let text = &draft.article.text;
    // A draft names the same people many times: judge each name once.
    let mut verdicts: lexicon::HashMap<&str, NameVerdict> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        if ci % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let Value::Person(p) = &c.value else { continue };
        let verdict = verdicts.entry(&*p.name).or_insert_with(|| name_verdict(&p.name, corpus, exclude));
        // Spellings the sources use for this person, for hovers.
        out.reports[ci].spellings = verdict.spellings.clone();
        if ignored(draft, c.span) {
            continue;
        }
        let (known, variants) = (verdict.known, &verdict.variants);
        if known || variants.is_empty() {
            continue;
        }
        let best = &variants[0].0;
        let mention = c.text(text);
        if !mention_differs(mention, &p.name, best) {
            continue;
        }
        let evidence: Vec<Evidence> = corpus
            .spellings
            .get(&fold(best))
            .map(|sp| {
                sp.mentions
                    .iter()
                    .filter(|(s, _)| Some(*s) != exclude)
                    .take(3)
                    .map(|&(si, sci)| {
                        let s = &corpus.sources[si];
                        let span = s.ex.claims[sci].span;
                        Evidence {
                            source: si,
                            claim: sci,
                            span,
                            quote: quote(&s.ex.article.text, s.ex.sentence_at(span.start), span),
                            verdict: Verdict::Contradicts,
                            timezone: false,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let others: Vec<String> = variants.iter().map(|(n, k, _)| format!("`{n}` ({k}×)")).collect();
        let fixes = respell(mention, &p.name, best)
            .map(|r| vec![Fix { title: format!("Use the sources' spelling `{best}`"), replacement: r }])
            .unwrap_or_default();
        out.findings.push(Finding {
            code: Code::NameVariant,
            severity: Code::NameVariant.severity(),
            message: format!("`{}` is spelled differently in the sources: {}", p.name, others.join(", ")),
            span: c.span,
            claim: ci,
            evidence: evidence.clone(),
            fixes,
        });
        out.reports[ci].evidence = evidence;
    }
    Some(())
}

/// One person spelled two ways in the draft.
fn name_consistency(draft: &Extracted, corpus: &Corpus, exclude: Option<usize>, out: &mut Analysis) {
    let text = &draft.article.text;
    // Distinct spellings in order of first use, with counts.
    let mut seen: Vec<(String, usize, usize)> = Vec::new(); // (name, count, first claim)
    let mut seen_at: lexicon::HashMap<&str, usize> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        if let Value::Person(p) = &c.value {
            match seen_at.get(&*p.key) {
                Some(&i) => seen[i].1 += 1,
                None => {
                    seen_at.insert(&p.key, seen.len());
                    seen.push((p.name.to_string(), 1, ci));
                }
            }
        }
    }
    let mut preferred_of: lexicon::HashMap<&str, Option<&(String, usize, usize)>> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        let Value::Person(p) = &c.value else { continue };
        if ignored(draft, c.span) {
            continue;
        }
        let Some(preferred) = *preferred_of.entry(&*p.key).or_insert_with(|| {
            let others: Vec<&(String, usize, usize)> = seen
                .iter()
                .filter(|s| *fold(&s.0) != *p.key)
                .filter(|s| {
                    names::match_names(&p.name, &s.0).is_some_and(|m| !m.identical())
                        || names::match_names(&s.0, &p.name).is_some_and(|m| !m.identical())
                })
                .collect();
            if others.is_empty() {
                return None;
            }
            // The preferred spelling: one the sources use, else the most used, else the first.
            let mine = seen.iter().find(|s| *fold(&s.0) == *p.key)?;
            let sourced = |n: &str| !corpus.is_empty() && variants_of(n, corpus, exclude).0;
            let mut all: Vec<&(String, usize, usize)> = others;
            all.push(mine);
            all.sort_by(|a, b| sourced(&b.0).cmp(&sourced(&a.0)).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            Some(all[0])
        }) else {
            continue;
        };
        if *fold(&preferred.0) == *p.key {
            continue;
        }
        if !mention_differs(c.text(text), &p.name, &preferred.0) {
            continue;
        }
        let first = &draft.claims[preferred.2];
        let line = draft.article.lines.partition_point(|l| l.span.end < first.span.start) + 1;
        let mention = c.text(text);
        let fixes = respell(mention, &p.name, &preferred.0)
            .map(|r| {
                vec![Fix { title: format!("Spell it `{}` as elsewhere in this draft", preferred.0), replacement: r }]
            })
            .unwrap_or_default();
        out.findings.push(Finding {
            code: Code::NameInconsistent,
            severity: Code::NameInconsistent.severity(),
            message: format!("`{}` is spelled `{}` elsewhere in this draft (line {line})", p.name, preferred.0),
            span: c.span,
            claim: ci,
            evidence: Vec::new(),
            fixes,
        });
    }
}

// ---------------------------------------------------------------- sources

/// A disagreement among the sources of one event: the finding is on a claim
/// of `source`, its evidence the other source's claim.
#[derive(Debug, Clone)]
pub struct SourceDisagreement {
    pub event: usize,
    pub source: usize,
    pub finding: Finding,
}

/// Where the sources of each event disagree among themselves, and the sources'
/// own weekday errors.
///
/// Linear in the number of claims: the claims of an event are bucketed by
/// kind and by what they are about (their nearest concept), and within a
/// bucket by value; only distinct values are compared, so twenty thousand
/// copies of one value cost no more than one.
pub fn source_disagreements(corpus: &Corpus) -> Vec<SourceDisagreement> {
    let mut out = Vec::new();
    // The sources' own weekday errors.
    for (si, s) in corpus.sources.iter().enumerate() {
        let mut a = Analysis { reports: vec![ClaimReport::default(); s.ex.claims.len()], findings: Vec::new() };
        weekday_findings(&s.ex, corpus, &mut a);
        for f in a.findings {
            let claim = &s.ex.claims[f.claim];
            if s.lent_date && matches!(&claim.value, Value::Date(d) if d.relative) {
                continue;
            }
            out.push(SourceDisagreement { event: s.event, source: si, finding: f });
        }
    }
    /// One distinct value of a happening's role: its first claim and the zones of its writers.
    struct Group {
        source: usize,
        claim: usize,
        zones: Vec<chrono_tz::Tz>,
        /// Every (source, claim) stating this value.
        all: Vec<(usize, usize)>,
    }
    type Key = (u64, u64);
    for h in &corpus.happenings {
        for role in [Role::When, Role::Length] {
            let mut groups: Vec<(Key, Group)> = Vec::new();
            let mut slot: lexicon::HashMap<Key, usize> = Default::default();
            for &(si, ci, r) in &h.claims {
                if r != role {
                    continue;
                }
                let (si, ci) = (si as usize, ci as usize);
                let s = &corpus.sources[si];
                let c = &s.ex.claims[ci];
                let key: Key = match &c.value {
                    _ if c.stamp => continue,
                    Value::Date(d) if s.lent_date && d.relative => continue,
                    Value::Date(d) => match interval(d) {
                        Some((lo, hi)) => (lo.num_days_from_ce() as u64, hi.num_days_from_ce() as u64),
                        None => continue,
                    },
                    Value::Duration(d) => (d.min_seconds.to_bits(), d.max_seconds.to_bits()),
                    Value::Person(_) => continue,
                };
                let claim_zones = if matches!(c.value, Value::Date(_)) {
                    zones::of_claim(&s.ex, &s.zones, c.span)
                } else {
                    Vec::new()
                };
                let g = match slot.get(&key) {
                    Some(&g) => g,
                    None => {
                        slot.insert(key, groups.len());
                        groups.push((key, Group { source: si, claim: ci, zones: Vec::new(), all: Vec::new() }));
                        groups.len() - 1
                    }
                };
                for z in claim_zones {
                    if !groups[g].1.zones.contains(&z) {
                        groups[g].1.zones.push(z);
                    }
                }
                groups[g].1.all.push((si, ci));
            }
            for (i, (_, a)) in groups.iter().enumerate() {
                for (_, b) in &groups[i + 1..] {
                    if a.source == b.source {
                        continue; // an article's own values are its own business
                    }
                    if let Some(mut f) = pair_finding(corpus, a.source, a.claim, b.source, b.claim, &a.zones, &b.zones)
                    {
                        // The other sources that state the same value are evidence too.
                        for &(so, co) in b.all.iter().filter(|&&(so, co)| (so, co) != (b.source, b.claim)).take(7) {
                            let o = &corpus.sources[so];
                            let span = o.ex.claims[co].span;
                            f.evidence.push(Evidence {
                                source: so,
                                claim: co,
                                span,
                                quote: quote(&o.ex.article.text, o.ex.sentence_at(span.start), span),
                                verdict: Verdict::Contradicts,
                                timezone: f.code == Code::DateTimezone,
                            });
                        }
                        let event = corpus.sources[a.source].event;
                        out.push(SourceDisagreement { event, source: a.source, finding: f });
                    }
                }
            }
        }
    }
    out.sort_by_key(|d| (d.event, d.source, d.finding.span.start, d.finding.code));
    out
}

/// The finding for two sources' claims of one bucket, if they cannot both hold.
fn pair_finding(
    corpus: &Corpus,
    sa: usize,
    ca: usize,
    sb: usize,
    cb: usize,
    zones_a: &[chrono_tz::Tz],
    zones_b: &[chrono_tz::Tz],
) -> Option<Finding> {
    let (a, b) = (&corpus.sources[sa], &corpus.sources[sb]);
    let (x, y) = (&a.ex.claims[ca], &b.ex.claims[cb]);
    let (code, timezone) = match (&x.value, &y.value) {
        (Value::Duration(p), Value::Duration(q)) => {
            if p.overlaps(q) {
                return None;
            }
            (Code::DurationConflict, false)
        }
        (Value::Date(p), Value::Date(q)) => {
            let gap = gap_days(interval(p)?, interval(q)?);
            if gap == 0 {
                return None;
            }
            let tz = match (p.date(), q.date()) {
                (Some(dp), Some(dq)) if gap == 1 => zones::explains(dp, zones_a, dq, zones_b),
                _ => false,
            };
            (if tz { Code::DateTimezone } else { Code::DateConflict }, tz)
        }
        _ => return None,
    };
    let text = x.text(&a.ex.article.text);
    let other = y.text(&b.ex.article.text);
    let message = if timezone {
        format!(
            "`{text}` ({}) is one day from {}'s `{other}` ({}), which a time zone explains{}",
            describe_value(&x.value),
            b.label(),
            describe_value(&y.value),
            zone_note(a.place.as_deref(), b.place.as_deref())
        )
    } else {
        format!(
            "`{text}` ({}) disagrees with {}'s `{other}` ({})",
            describe_value(&x.value),
            b.label(),
            describe_value(&y.value)
        )
    };
    let sentence = b.context(cb).and_then(|c| c.sentence);
    let evidence = vec![Evidence {
        source: sb,
        claim: cb,
        span: y.span,
        quote: quote(&b.ex.article.text, sentence, y.span),
        verdict: Verdict::Contradicts,
        timezone,
    }];
    Some(Finding { code, severity: code.severity(), message, span: x.span, claim: ca, evidence, fixes: Vec::new() })
}
