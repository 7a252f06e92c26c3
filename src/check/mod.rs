//! Cross-checking a draft against the corpus: the findings, their codes,
//! evidence and fixes. One module per family of checks, as harper has one
//! linter per rule: `values` (dates and durations, by happening and role),
//! `weekday` (a date and its weekday, no corpus needed), `spelling` (names of
//! people), `sources` (the sources' disagreements among themselves).
//!
//! Pure: takes an extracted draft and an indexed corpus, returns plain data.

use crate::claims::{dates, DateValue, Extracted, Value};
use crate::happenings::{self, Role};
use crate::i18n::{Arg, Join, Message};
use crate::index::Corpus;
use crate::lexicon;
use crate::names::{self, TokenMatch};
use crate::text::{fold, Span};
use crate::zones;

mod roles;
mod sources;
mod spelling;
mod values;
mod weekday;

use chrono::{Datelike, Days, NaiveDate};
use roles::role_findings;
pub use sources::{source_disagreements, SourceDisagreement};
use spelling::{name_consistency, name_findings};
use values::happening_findings;
use weekday::weekday_findings;

/// Stable diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    NameVariant,
    NameInconsistent,
    RoleConflict,
    DateWeekday,
    DateConflict,
    DateTimezone,
    DurationConflict,
    SourcesDisagree,
    Unsupported,
}

impl Code {
    pub const ALL: [Code; 9] = [
        Code::NameVariant,
        Code::NameInconsistent,
        Code::RoleConflict,
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
            Code::RoleConflict => "role-conflict",
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
            Code::DateTimezone | Code::SourcesDisagree | Code::RoleConflict => Severity::Information,
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
    /// How a source spells a name the draft spells otherwise.
    Spelling,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supports => "supports",
            Verdict::Contradicts => "contradicts",
            Verdict::Spelling => "spelling",
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

#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What the fix does, rendered in the writer's language by the outputs.
    pub title: Message,
    /// Text to put in place of the finding's span, or of `span` when set.
    pub replacement: String,
    /// The text the fix replaces when it is not the finding's (a role before a name).
    pub span: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Rendered in the writer's language by the outputs (`Lang::render`).
    pub message: Message,
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
    pub about: Option<Message>,
    pub evidence: Vec<Evidence>,
    /// For persons: spellings the sources use, with counts.
    pub spellings: Vec<(String, usize)>,
    /// For persons: the roles the sources give them, each with the sources that do, most used first.
    pub roles: Vec<(String, Vec<usize>)>,
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
        role_findings(draft, corpus, exclude, &mut out);
    }
    name_consistency(draft, corpus, exclude, &mut out);
    out.findings.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    Some(out)
}

/// How many claims are handled between two looks at the cancellation flag.
const CANCEL_EVERY: usize = 64;

use crate::happenings::{gap_days, interval};

/// Evidence: claim `claim` of source `source`, quoted in its sentence.
/// Evidence from every mention of one spelling (by its folded key), leaving
/// out the excluded source.
fn spelling_evidence(corpus: &Corpus, key: &str, exclude: Option<usize>, verdict: Verdict) -> Vec<Evidence> {
    corpus.spellings.get(key).map_or_else(Vec::new, |sp| {
        sp.mentions
            .iter()
            .filter(|(s, _)| Some(*s) != exclude)
            .map(|&(si, sci)| evidence_of(corpus, si, sci, verdict, false))
            .collect()
    })
}

fn evidence_of(corpus: &Corpus, source: usize, claim: usize, verdict: Verdict, timezone: bool) -> Evidence {
    let s = &corpus.sources[source];
    let span = s.ex.claims[claim].span;
    Evidence {
        source,
        claim,
        span,
        quote: quote(&s.ex.article.text, s.ex.sentence_at(span.start), span),
        verdict,
        timezone,
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

/// A date's or duration's value in words, as messages cite it.
fn describe_value(v: &Value) -> Arg {
    Arg::Value(v.clone())
}

fn source_claim_text(corpus: &Corpus, src: usize, claim: usize) -> &str {
    let s = &corpus.sources[src];
    s.ex.claims[claim].text(&s.ex.article.text)
}

/// The places the two writers write from, when known: ` (Washington and Jakarta)`.
fn zone_note(mine: Option<&str>, theirs: Option<&str>) -> Arg {
    let m = match (mine, theirs) {
        (Some(a), Some(b)) => Message::new("zone.both").arg("mine", title_case(a)).arg("theirs", title_case(b)),
        (None, Some(b)) => Message::new("zone.theirs").arg("theirs", title_case(b)),
        (Some(a), None) => Message::new("zone.mine").arg("mine", title_case(a)),
        _ => return Arg::Empty,
    };
    m.into()
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

fn labels(corpus: &Corpus, evs: &[&Evidence]) -> Arg {
    let mut v: Vec<&str> = evs.iter().map(|e| corpus.sources[e.source].label()).collect();
    v.dedup();
    Arg::List(v.into_iter().map(Arg::from).collect(), Join::Comma)
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
