//! Cross-checking a draft against the corpus: which event each claim speaks
//! about, which source claims it lines up with, and the findings.
//!
//! Pure: takes an extracted draft and an indexed corpus, returns plain data.

use crate::claims::{dates, fmt_seconds, DateValue, DurationValue, Extracted, Precision, Value};
use crate::context;
use crate::index::{zone_of, Context, Corpus, EVENT_SPAN_DAYS};
use crate::lexicon::{self, Unit};
use crate::names::{self, TokenMatch};
use crate::text::{fold, Span};
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
    /// Events the claim's sentence is about.
    pub events: Vec<usize>,
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
        let events = claim_events(draft, corpus, exclude, cancelled)?;
        for (report, e) in out.reports.iter_mut().zip(events) {
            report.events = e;
        }
        value_findings(draft, corpus, exclude, &mut out, cancelled)?;
        name_findings(draft, corpus, exclude, &mut out, cancelled)?;
    }
    name_consistency(draft, corpus, exclude, &mut out);
    out.findings.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    Some(out)
}

/// How many claims are handled between two looks at the cancellation flag.
const CANCEL_EVERY: usize = 64;

/// The claims whose spans lie inside `span` (claims are sorted by start).
fn claims_in(draft: &Extracted, span: Span) -> impl Iterator<Item = &crate::claims::Claim> {
    let i = draft.claims.partition_point(|c| c.span.start < span.start);
    draft.claims[i..].iter().take_while(move |c| c.span.start < span.end).filter(move |c| c.span.end <= span.end)
}

// ---------------------------------------------------------------- events

fn sentence_people(draft: &Extracted, span: Span) -> Vec<&str> {
    claims_in(draft, span)
        .filter_map(|c| match &c.value {
            Value::Person(p) => Some(&*p.key),
            _ => None,
        })
        .collect()
}

/// Scores of the events a piece of the draft may speak about: word
/// similarity, dates inside the event's dates, people found in few events.
/// Events the piece shares nothing with are left out.
fn event_scores(draft: &Extracted, corpus: &Corpus, span: Span, exclude: Option<usize>) -> Vec<(usize, f32)> {
    let text = &draft.article.text[span.start..span.end];
    let people = sentence_people(draft, span);
    let v = corpus.vector(context::content_words(text), &people);
    let n_events = corpus.events.len();
    let mut scores: lexicon::HashMap<usize, f32> =
        corpus.event_similarities(&v).into_iter().map(|(e, s)| (e, 4.0 * s)).collect();
    // Dates score the events already in view and the events near the date
    // (found through the date index, never by scanning every event).
    let in_view: Vec<usize> = scores.keys().copied().collect();
    for c in claims_in(draft, span) {
        match &c.value {
            Value::Date(d) if !c.stamp && d.year.is_some() => {
                let mut near: Vec<usize> = in_view.clone();
                if let Some((lo, hi)) = interval(d) {
                    let from = lo.checked_sub_days(Days::new(EVENT_SPAN_DAYS as u64 + 7)).unwrap_or(lo);
                    let to = hi.checked_add_days(Days::new(7)).unwrap_or(hi);
                    near.extend(corpus.events_starting_between(from, to));
                }
                near.sort_unstable();
                near.dedup();
                for ei in near {
                    let e = &corpus.events[ei];
                    let a = date_affinity(d, e.first, e.last);
                    if a != 0.0 {
                        *scores.entry(ei).or_default() += a;
                    }
                }
            }
            Value::Person(p) => {
                let events = corpus.events_of_person(&p.key);
                let k = events.len();
                if k > 0 && k < n_events {
                    for &e in events {
                        *scores.entry(e as usize).or_default() += 1.0 / k as f32;
                    }
                }
            }
            _ => {}
        }
    }
    scores.into_iter().filter(|&(e, _)| !corpus.events[e].members.iter().all(|&m| Some(m) == exclude)).collect()
}

/// How well a stated date fits an event's dates.
fn date_affinity(d: &DateValue, first: Option<NaiveDate>, last: Option<NaiveDate>) -> f32 {
    let (Some(first), Some(last)) = (first, last) else { return 0.0 };
    let Some(y) = d.year else { return 0.0 };
    match d.precision {
        Precision::Day => match d.date() {
            Some(x) if x >= first - Days::new(7) && x <= last + Days::new(7) => 3.0,
            Some(_) if y == first.year() || y == last.year() => 0.5,
            _ => -1.0,
        },
        Precision::Week | Precision::Month => {
            let m = d.month.unwrap_or(0) as u32;
            if (y, m) >= (first.year(), first.month().saturating_sub(1)) && (y, m) <= (last.year(), last.month() + 1) {
                2.0
            } else if y == first.year() || y == last.year() {
                0.5
            } else {
                -1.0
            }
        }
        Precision::Year => {
            if y == first.year() || y == last.year() {
                1.5
            } else {
                -1.0
            }
        }
    }
}

/// Events by score, best first (ties by event order).
fn ranked(mut scores: Vec<(usize, f32)>) -> Vec<(usize, f32)> {
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scores
}

/// The clear winner among scores, or none.
fn winner(scores: Vec<(usize, f32)>) -> Option<usize> {
    let r = ranked(scores);
    let &(best, top) = r.first()?;
    let second = r.get(1).map(|x| x.1).unwrap_or(0.0);
    (top >= 0.3 && top > second.max(0.0) * 1.25 + 0.05).then_some(best)
}

/// For each draft claim, the events its sentence (else its paragraph, else
/// the whole draft) speaks about.
fn claim_events(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<Vec<usize>>> {
    let all = Span::new(0, draft.article.text.len());
    let doc_scores = event_scores(draft, corpus, all, exclude);
    let doc = match winner(doc_scores.clone()) {
        Some(e) => vec![e],
        // No clear winner: the few events the draft is closest to.
        None => ranked(doc_scores).into_iter().filter(|x| x.1 > 0.0).take(3).map(|x| x.0).collect(),
    };
    let mut cache: lexicon::HashMap<Span, Option<usize>> = Default::default();
    let mut out = Vec::with_capacity(draft.claims.len());
    for (n, c) in draft.claims.iter().enumerate() {
        if n % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let sentence = draft.sentence_at(c.span.start);
        let line = draft.article.line_of(c.span.start).map(|l| l.span);
        let mut found = None;
        for piece in [sentence, line].into_iter().flatten() {
            let w = *cache.entry(piece).or_insert_with(|| winner(event_scores(draft, corpus, piece, exclude)));
            if let Some(e) = w {
                found = Some(vec![e]);
                break;
            }
        }
        out.push(found.unwrap_or_else(|| doc.clone()));
    }
    Some(out)
}

// ---------------------------------------------------------------- values

/// Whether two claim contexts speak about the same thing: the concept words
/// nearest the claims agree; where one has none, the contexts share a concept
/// and a word, or two words. `strict` asks for the nearest concepts to agree
/// (dates far apart are most often different occasions of one kind).
fn aligned(a: &Context, b: &Context, strict: bool) -> bool {
    if a.primary != 0 && b.primary != 0 {
        return a.primary & b.primary != 0;
    }
    if strict {
        return false;
    }
    let shared = a.words.iter().filter(|w| b.words.contains(w)).count();
    (a.concepts & b.concepts != 0 && shared >= 1) || shared >= 2
}

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

fn value_findings(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    out: &mut Analysis,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let (draft_zone, draft_place) = zone_of(draft);
    for (ci, c) in draft.claims.iter().enumerate() {
        if ci % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        if c.stamp || ignored(draft, c.span) {
            continue;
        }
        let is_date = matches!(c.value, Value::Date(_));
        if !is_date && !matches!(c.value, Value::Duration(_)) {
            continue;
        }
        if let Value::Date(d) = &c.value {
            if interval(d).is_none() {
                continue;
            }
        }
        let ctx = corpus.context(draft, c);
        let events = out.reports[ci].events.clone();
        let mut evidence: Vec<Evidence> = Vec::new();
        let mut stated_anywhere = false;
        for &e in &events {
            for &si in &corpus.events[e].members {
                if Some(si) == exclude {
                    continue;
                }
                let s = &corpus.sources[si];
                for (sci, sc) in s.ex.claims.iter().enumerate() {
                    if sc.stamp || (s.lent_date && matches!(&sc.value, Value::Date(d) if d.relative)) {
                        continue;
                    }
                    let verdict = match (&c.value, &sc.value) {
                        (Value::Duration(a), Value::Duration(b)) => {
                            if a.overlaps(b) {
                                stated_anywhere = true;
                            }
                            if !s.context(sci).is_some_and(|sc| aligned(&ctx, sc, false)) {
                                continue;
                            }
                            (if a.overlaps(b) { Verdict::Supports } else { Verdict::Contradicts }, false)
                        }
                        (Value::Date(a), Value::Date(b)) => {
                            let (Some(ia), Some(ib)) = (interval(a), interval(b)) else { continue };
                            let gap = gap_days(ia, ib);
                            if gap == 0 {
                                stated_anywhere = true;
                            }
                            if !s.context(sci).is_some_and(|sc| aligned(&ctx, sc, gap > 7)) {
                                continue;
                            }
                            // Only compare dates at day precision with day-precise sources
                            // when both are days; a month contains its days.
                            let tz = gap == 1
                                && a.precision == Precision::Day
                                && b.precision == Precision::Day
                                && zones_differ(draft_zone, s.zone);
                            (if gap == 0 { Verdict::Supports } else { Verdict::Contradicts }, tz)
                        }
                        _ => continue,
                    };
                    let sentence = s.context(sci).and_then(|x| x.sentence);
                    evidence.push(Evidence {
                        source: si,
                        claim: sci,
                        span: sc.span,
                        quote: quote(&s.ex.article.text, sentence, sc.span),
                        verdict: verdict.0,
                        timezone: verdict.1,
                    });
                }
            }
        }
        // Syndicated copies (the same wire sentence in two outlets) are one source, not two.
        let mut quotes: std::collections::HashSet<String> = Default::default();
        evidence.retain(|e| quotes.insert(e.quote.to_lowercase()));
        // Time zones the sources themselves show: two aligned sources a day apart
        // from different zones explain the same difference in the draft.
        if is_date {
            let dated: Vec<(NaiveDate, Option<i32>)> = evidence
                .iter()
                .filter_map(|ev| match &corpus.sources[ev.source].ex.claims[ev.claim].value {
                    Value::Date(d) if d.precision == Precision::Day => {
                        d.date().map(|x| (x, corpus.sources[ev.source].zone))
                    }
                    _ => None,
                })
                .collect();
            let shown = |x: NaiveDate| {
                dated.iter().any(|&(d, z)| {
                    dated.iter().any(|&(d2, z2)| d2 == x && (d - d2).num_days().abs() == 1 && zones_differ(z, z2))
                })
            };
            if let Value::Date(dv) = &c.value {
                if let Some(mine) = dv.date() {
                    for ev in evidence.iter_mut() {
                        if let Value::Date(sd) = &corpus.sources[ev.source].ex.claims[ev.claim].value {
                            if let Some(theirs) = sd.date() {
                                if (theirs - mine).num_days().abs() == 1 && shown(theirs) {
                                    ev.timezone = true;
                                }
                            }
                        }
                    }
                }
            }
        }
        let supports = evidence.iter().filter(|e| e.verdict == Verdict::Supports).count();
        let real: Vec<&Evidence> =
            evidence.iter().filter(|e| e.verdict == Verdict::Contradicts && !e.timezone).collect();
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
        let finding = if evidence.is_empty() {
            if stated_anywhere || events.is_empty() {
                None
            } else {
                let kind = if is_date { "date" } else { "duration" };
                Some((
                    Code::Unsupported,
                    format!("no source of this event states the {kind} `{text}` ({value_desc})"),
                    Vec::new(),
                ))
            }
        } else if supports == 0 && !real.is_empty() {
            let code = if is_date { Code::DateConflict } else { Code::DurationConflict };
            Some((
                code,
                format!("`{text}` ({value_desc}) disagrees with the sources: {}", cite(&real)),
                fixes_from(&real),
            ))
        } else if supports == 0 && !tz.is_empty() {
            Some((
                Code::DateTimezone,
                format!(
                    "`{text}` ({value_desc}) is one day from the sources, which a time zone explains: {}{}",
                    cite(&tz),
                    zone_note(
                        draft_place.as_deref(),
                        tz.iter().map(|e| corpus.sources[e.source].place.as_deref()).next().flatten()
                    )
                ),
                Vec::new(),
            ))
        } else if supports > 0 && !real.is_empty() {
            let agree: Vec<&Evidence> = evidence.iter().filter(|e| e.verdict == Verdict::Supports).collect();
            Some((
                Code::SourcesDisagree,
                format!(
                    "the sources disagree on `{text}` ({value_desc}): {} agrees; {}",
                    labels(corpus, &agree),
                    cite(&real)
                ),
                Vec::new(),
            ))
        } else {
            // Agreeing, or a day apart only where time zones explain it: nothing
            // to say (the hover shows it).
            None
        };
        if let Some((code, message, fixes)) = finding {
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
        out.reports[ci].evidence = evidence;
    }
    Some(())
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

fn zones_differ(a: Option<i32>, b: Option<i32>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if (x - y).abs() >= 6)
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
    /// One distinct value of a bucket: its first claim and the zones of its writers.
    struct Group {
        source: usize,
        claim: usize,
        zones: Vec<Option<i32>>,
    }
    for (ei, e) in corpus.events.iter().enumerate() {
        // (is date, concept) → value key → group
        type Key = (u64, u64);
        let mut buckets: lexicon::HashMap<(bool, u64), Vec<(Key, Group)>> = Default::default();
        let mut slots: lexicon::HashMap<(bool, u64, Key), usize> = Default::default();
        for &si in &e.members {
            let s = &corpus.sources[si];
            for (ci, c) in s.ex.claims.iter().enumerate() {
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
                let Some(ctx) = s.context(ci) else { continue };
                if ctx.primary == 0 {
                    continue; // what it is about is unclear: compare it with nothing
                }
                let is_date = matches!(c.value, Value::Date(_));
                let bucket = buckets.entry((is_date, ctx.primary)).or_default();
                match slots.get(&(is_date, ctx.primary, key)) {
                    Some(&g) => {
                        if !bucket[g].1.zones.contains(&s.zone) {
                            bucket[g].1.zones.push(s.zone);
                        }
                    }
                    None => {
                        slots.insert((is_date, ctx.primary, key), bucket.len());
                        bucket.push((key, Group { source: si, claim: ci, zones: vec![s.zone] }));
                    }
                }
            }
        }
        let mut keys: Vec<&(bool, u64)> = buckets.keys().collect();
        keys.sort();
        for k in keys {
            let groups = &buckets[k];
            for (i, (_, a)) in groups.iter().enumerate() {
                for (_, b) in &groups[i + 1..] {
                    if a.source == b.source {
                        continue; // an article's own values of one kind are its own business
                    }
                    if let Some(f) = pair_finding(corpus, a.source, a.claim, b.source, b.claim, &a.zones, &b.zones) {
                        out.push(SourceDisagreement { event: ei, source: a.source, finding: f });
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
    zones_a: &[Option<i32>],
    zones_b: &[Option<i32>],
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
            let tz = gap == 1
                && p.precision == Precision::Day
                && q.precision == Precision::Day
                && zones_a.iter().any(|&za| zones_b.iter().any(|&zb| zones_differ(za, zb)));
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
