//! Claims: the persons, dates and durations an article states, each with its
//! exact byte span and a normalized value.
//!
//! Finding an expression and resolving its value are two steps: the finders
//! (`dates`, `durations`, `persons`) work on tokens of content lines; dates are
//! resolved afterwards against the article's reference date.

pub mod dates;
pub mod durations;
pub mod numbers;
pub mod persons;

use crate::article::{Article, Lang, LineKind, ReadOptions};
use crate::lexicon::{self, Qualifier, Unit, Word};
use crate::text::{self, Span, TokKind, Token};
use chrono::NaiveDate;
pub use dates::{DateExpr, DateValue, Precision};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Date,
    Duration,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Date => "date",
            Kind::Duration => "duration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PersonValue {
    /// The full name as the article writes it. Shared by every mention of
    /// the person in the article (`Arc`), as a corpus holds many mentions.
    pub name: Arc<str>,
    /// The title or role attached at this mention (`Presiden Rusia`).
    pub role: Option<Arc<str>>,
    /// The name folded for matching (`vladimir putin`).
    pub key: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DurationValue {
    pub seconds: f64,
    pub min_seconds: f64,
    pub max_seconds: f64,
    pub qualifier: Qualifier,
    /// The largest unit stated, for showing the value in the writer's terms.
    pub unit: Unit,
}

impl DurationValue {
    pub fn new(seconds: f64, qualifier: Qualifier, unit: Unit) -> DurationValue {
        let (min, max) = match qualifier {
            Qualifier::Exact => (seconds, seconds),
            Qualifier::About => (seconds * 0.75, seconds * 1.25),
            Qualifier::Almost => (seconds * 0.75, seconds),
            Qualifier::AtLeast => (seconds, seconds * 2.0),
            Qualifier::AtMost => (seconds * 0.5, seconds),
            Qualifier::Range => (seconds, seconds),
        };
        DurationValue { seconds, min_seconds: min, max_seconds: max, qualifier, unit }
    }

    /// A range (`20 hingga 30 detik`): its middle as the nominal value.
    pub fn range(lo: f64, hi: f64, unit: Unit) -> DurationValue {
        DurationValue { seconds: (lo + hi) / 2.0, min_seconds: lo, max_seconds: hi, qualifier: Qualifier::Range, unit }
    }

    /// Whether the two intervals can both hold.
    pub fn overlaps(&self, other: &DurationValue) -> bool {
        self.min_seconds <= other.max_seconds + 1e-6 && other.min_seconds <= self.max_seconds + 1e-6
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Person(PersonValue),
    Date(DateValue),
    Duration(DurationValue),
}

/// One claim of an article.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub span: Span,
    pub value: Value,
    /// The claim is the article's publication stamp, not a statement about the story.
    pub stamp: bool,
}

impl Claim {
    pub fn kind(&self) -> Kind {
        match self.value {
            Value::Person(_) => Kind::Person,
            Value::Date(_) => Kind::Date,
            Value::Duration(_) => Kind::Duration,
        }
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }

    /// The value in one line, as the human format and tests write it.
    pub fn summary(&self) -> String {
        match &self.value {
            Value::Person(p) => match &p.role {
                Some(r) => format!("{} ({})", p.name, r),
                None => p.name.to_string(),
            },
            Value::Date(d) => {
                let mut s = d.iso().unwrap_or_else(|| "?".into());
                if let Some(w) = d.weekday {
                    s.push(' ');
                    s.push_str(dates::weekday_name(w));
                }
                s
            }
            Value::Duration(d) => format!(
                "{}s [{}, {}] {}",
                fmt_seconds(d.seconds),
                fmt_seconds(d.min_seconds),
                fmt_seconds(d.max_seconds),
                d.qualifier.name()
            ),
        }
    }
}

/// Seconds without a trailing `.0`, rounded to milliseconds.
pub fn fmt_seconds(s: f64) -> String {
    let r = (s * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Settings for reading one article's claims.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Publication date given by the caller; wins over what the file says.
    pub published: Option<NaiveDate>,
    /// Reference date taken from the article's story when it states no date at all.
    pub story_date: Option<NaiveDate>,
    /// Year taken from the article's story when the article states none.
    pub story_year: Option<i32>,
    /// Today: what a weekday-and-date without a year is read against when
    /// neither the article nor its story gives a year. Tests and the CLI set it.
    pub today: NaiveDate,
    /// Whether today may supply the year of a weekday-and-date as a last
    /// resort (an article is not from the future). A draft is read first
    /// without it, so that its text and then its story decide before the clock.
    pub clock_years: bool,
    pub read: ReadOptions,
}

impl Options {
    pub fn new(today: NaiveDate) -> Options {
        Options {
            published: None,
            story_date: None,
            story_year: None,
            today,
            clock_years: true,
            read: ReadOptions::default(),
        }
    }
}

/// An article with its claims and the dates it was read against.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub article: Article,
    pub claims: Vec<Claim>,
    /// The publication date: front matter, a stamp, or `--published`.
    pub published: Option<NaiveDate>,
    /// The date relative expressions were resolved against.
    pub reference: Option<NaiveDate>,
    /// Sentences of the content lines, in order; a sentence never crosses a line.
    pub sentences: Vec<Span>,
}

impl Extracted {
    /// The sentence holding byte `offset`, if it is in content.
    pub fn sentence_at(&self, offset: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end < offset);
        self.sentences.get(i).copied().filter(|s| s.start <= offset)
    }
}

/// Reads `text` and returns its claims, sorted by position.
pub fn extract(text: &str, opts: &Options) -> Extracted {
    let article = Article::read(text, opts.read);
    extract_article(article, opts)
}

/// Folded words of the outlet that published the article, learnt from front
/// matter, the byline and the dateline (`WASHINGTON (AP) —`, `PALU, KOMPAS.com -`):
/// where the text names its outlet (`kata Reuters`), that is no person.
fn outlet_words(meta: &crate::article::Meta) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let place = meta.dateline_place.as_deref().unwrap_or("");
    let dateline = meta.dateline.as_deref().unwrap_or("");
    let from_dateline = dateline.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && !place.split_whitespace().any(|p| p.eq_ignore_ascii_case(w))
    });
    if let Some(o) = meta.source_outlet() {
        out.push(crate::text::fold(o.trim()));
    }
    for w in meta
        .source_outlet()
        .iter()
        .flat_map(|o| o.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .chain(from_dateline.map(str::to_string))
    {
        let w = crate::text::fold(w.trim_end_matches('.'));
        if w.chars().count() >= 2 && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

pub fn extract_article(article: Article, opts: &Options) -> Extracted {
    let scan = Scan::new(&article);
    let sentences = scan.sentences();
    let mut found_dates = dates::find(&scan);
    let taken: Vec<Span> = found_dates.iter().map(|d| d.span).collect();
    let durations = durations::find(&scan, &taken);
    let persons = persons::find(&scan, &outlet_words(&article.meta));

    // Publication date: the caller's (`--published` always wins), then front
    // matter, then a stamp line.
    let mut published = opts.published;
    if published.is_none() {
        published = article.meta.date.as_deref().and_then(|d| dates::parse_standalone(d, article.lang));
    }
    if published.is_none() {
        published = found_dates.iter().filter(|d| d.stamp).find_map(|d| d.expr.full_date());
    }
    let reference = dates::reference(published, &found_dates, opts);

    let mut claims: Vec<Claim> = Vec::with_capacity(found_dates.len() + durations.len() + persons.len());
    // Anchored dates (`Sehari kemudian`) count from the day told just before them.
    let mut last_day: Option<NaiveDate> = None;
    for d in found_dates.drain(..) {
        let value = match (d.expr, last_day) {
            (DateExpr::Anchored { days }, Some(anchor)) => anchor
                .checked_add_signed(chrono::Duration::days(days as i64))
                .map(|x| DateValue::of_date_pub(x, true))
                .unwrap_or_else(|| d.expr.resolve(reference, opts)),
            _ => d.expr.resolve(reference, opts),
        };
        if !d.stamp {
            if let Some(day) = value.date() {
                last_day = Some(day);
            }
        }
        // `three days later` with nothing to count from says no date.
        if matches!(d.expr, DateExpr::Anchored { .. }) && value.date().is_none() {
            continue;
        }
        claims.push(Claim { span: d.span, value: Value::Date(value), stamp: d.stamp });
    }
    for (span, value) in durations {
        claims.push(Claim { span, value: Value::Duration(value), stamp: false });
    }
    for (span, value) in persons {
        claims.push(Claim { span, value: Value::Person(value), stamp: false });
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end, c.kind()));
    drop(scan);
    Extracted { article, claims, published, reference, sentences }
}

/// A word of the text compared and hashed as `Scan::lower` writes it (ASCII
/// letters lowercased), so that counting words builds no string.
#[derive(Clone, Copy)]
pub struct AsciiCaseless<'a>(&'a str);

impl PartialEq for AsciiCaseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for AsciiCaseless<'_> {}

impl std::hash::Hash for AsciiCaseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// Per-token facts the finders share.
#[derive(Debug, Clone, Copy)]
pub struct TokInfo {
    pub word: Option<&'static Word>,
    /// First token of its line: no claim crosses it.
    pub line_start: bool,
    /// First word of a sentence.
    pub sentence_start: bool,
    /// On a heading written In Title Case.
    pub title_line: bool,
    /// On a publication stamp line.
    pub stamp: bool,
}

/// The tokens of an article's content and stamp lines, with lookups.
pub struct Scan<'a> {
    pub text: &'a str,
    /// ASCII-lowercased copy of `text`, same byte offsets.
    pub lower: String,
    pub lang: Lang,
    pub toks: Vec<Token>,
    pub info: Vec<TokInfo>,
    /// How often each word occurs, letter case aside, counted on first use.
    counts: std::sync::OnceLock<crate::lexicon::HashMap<AsciiCaseless<'a>, u32>>,
    /// Word sets the person rules build once per article.
    person_memo: persons::Memo,
}

const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "no", "vs", "jl", "sept", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec", "des", "okt", "agu", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "rev", "h", "hj", "kh", "ir", "drs", "inc",
];

impl<'a> Scan<'a> {
    pub fn new(article: &'a Article) -> Scan<'a> {
        let text = article.text.as_str();
        let lower = text.to_ascii_lowercase();
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut info = Vec::with_capacity(text.len() / 5);
        let mut line_toks = Vec::new();
        for line in &article.lines {
            let (title_line, stamp) = match line.kind {
                LineKind::Content { title_case } => (title_case, false),
                LineKind::Stamp => (false, true),
                _ => continue,
            };
            line_toks.clear();
            text::tokenize(text, line.span, &mut line_toks);
            let mut first = true;
            let mut sentence_start = true;
            for (li, &t) in line_toks.iter().enumerate() {
                if !article.masked.is_empty() && article.is_masked(t.start) {
                    continue;
                }
                let s = &lower[t.start..t.end];
                let word = if t.kind == TokKind::Word { lexicon::word(s) } else { None };
                let starts = sentence_start && t.kind != TokKind::Punct;
                info.push(TokInfo { word, line_start: first, sentence_start: starts, title_line, stamp });
                toks.push(t);
                first = false;
                if t.kind == TokKind::Punct {
                    let c = &text[t.start..t.end];
                    if matches!(c, "." | "!" | "?" | "•" | "|") {
                        let prev = toks.len().checked_sub(2).map(|j| toks[j]);
                        let abbrev = c == "."
                            && prev.is_some_and(|p| {
                                p.kind == TokKind::Word
                                    && (ABBREVIATIONS.contains(&&lower[p.start..p.end])
                                        || text[p.start..p.end].chars().count() == 1)
                            });
                        // `10.000 kaki`, `pukul 14.36`: a point inside a number ends no sentence.
                        let in_number = c == "."
                            && !t.gap
                            && prev.is_some_and(|p| p.kind == TokKind::Num)
                            && line_toks.get(li + 1).is_some_and(|n| n.kind == TokKind::Num && !n.gap);
                        if !abbrev && !in_number {
                            sentence_start = true;
                        }
                    } else if !matches!(
                        c,
                        "\"" | "\u{201c}"
                            | "\u{2018}"
                            | "'"
                            | "("
                            | "["
                            | "*"
                            | "-"
                            | "_"
                            | "#"
                            | ">"
                            | "\u{2013}"
                            | "\u{2014}"
                    ) {
                        sentence_start = false;
                    }
                } else {
                    sentence_start = false;
                }
            }
        }
        Scan {
            text,
            lower,
            lang: article.lang,
            toks,
            info,
            counts: Default::default(),
            person_memo: Default::default(),
        }
    }

    /// How many times the lowercased word `lower` occurs in the article.
    pub fn count(&self, lower: &str) -> usize {
        let map = self.counts.get_or_init(|| {
            let mut m: crate::lexicon::HashMap<AsciiCaseless<'a>, u32> = Default::default();
            for t in self.toks.iter().filter(|t| t.kind == TokKind::Word) {
                *m.entry(AsciiCaseless(&self.text[t.start..t.end])).or_default() += 1;
            }
            m
        });
        map.get(&AsciiCaseless(lower)).map_or(0, |&n| n as usize)
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Sentence spans: from a sentence's first token to the token before the
    /// next sentence or line.
    pub fn sentences(&self) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for i in 0..self.toks.len() {
            let info = self.info[i];
            if info.line_start || info.sentence_start {
                if let Some(s) = start {
                    out.push(Span::new(self.toks[s].start, self.toks[i - 1].end));
                }
                start = Some(i);
            }
        }
        if let (Some(s), Some(last)) = (start, self.toks.last()) {
            out.push(Span::new(self.toks[s].start, last.end));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Original text of token `i`.
    pub fn t(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// ASCII-lowercased text of token `i`, or "" past the end.
    pub fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start..t.end],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn word(&self, i: usize) -> Option<&'static Word> {
        self.info.get(i).and_then(|w| w.word)
    }

    /// Whether token `i` exists and continues the line of the token before it.
    pub fn on_line(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| !x.line_start)
    }

    /// Whether token `i` continues the line and touches the previous token.
    pub fn tight(&self, i: usize) -> bool {
        self.on_line(i) && !self.toks[i].gap
    }

    pub fn is(&self, i: usize, lower: &str) -> bool {
        self.lw(i) == lower
    }

    /// Whether tokens from `i` on the same line spell `words` (lowercased).
    pub fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| (k == 0 || self.on_line(i + k)) && self.lw(i + k) == *w)
    }

    pub fn span(&self, from: usize, to_inclusive: usize) -> Span {
        Span::new(self.toks[from].start, self.toks[to_inclusive].end)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Num)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(TokKind::Punct) && self.t(i) == p
    }
}
