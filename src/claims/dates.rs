//! Dates: finding date expressions of both languages, and resolving them
//! against an article's reference date.
//!
//! Forms: `28/1/2017`, `Sabtu (28/1/2017)`, `Rabu (12/2)`, `(31/1)`,
//! `31 Jan 2017`, `20 Januari lalu`, `Januari 2025`, `November lalu`,
//! `pada hari Rabu`, `kemarin`, `bulan lalu`, `3 minggu yang lalu`,
//! `Friday, March 7, 2025`, `Sept. 3`, `on Thursday`, `last month`, ...

use super::numbers;
use super::{Options, Scan};
use crate::article::Lang;
use crate::text::{is_capitalized, Span, TokKind};
use chrono::{Datelike, Days, Months, NaiveDate};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// Direction words: `lalu`/`last` point back, `mendatang`/`next` forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    None,
    Past,
    Future,
}

/// Which occurrence of a weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekRel {
    /// The latest on or before the reference date.
    Bare,
    /// The latest strictly before.
    Past,
    /// The first strictly after.
    Future,
    /// In the reference date's week (Monday to Sunday).
    ThisWeek,
    LastWeek,
    NextWeek,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelUnit {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A calendar date, possibly without year or day.
    Calendar { year: Option<i32>, month: u8, day: Option<u8>, weekday: Option<u8>, dir: Dir },
    /// A year alone.
    Year(i32),
    /// A weekday alone (`pada hari Rabu`, `last Sunday`).
    Weekday { weekday: u8, rel: WeekRel },
    /// An offset from the reference date (`kemarin`, `bulan lalu`, `3 weeks ago`).
    Relative { amount: i32, unit: RelUnit, precision: Precision },
    /// A day of a month relative to the reference (`20th of next month`, `20 bulan depan`).
    DayOfMonth { day: u8, months: i32 },
    /// Days after the date told just before (`Sehari kemudian`, `a week later`,
    /// `hari itu`, `the next day`): resolved from that date, not the reference.
    Anchored { days: i32 },
}

impl DateExpr {
    /// The date, if the expression states day, month and year itself.
    pub fn full_date(&self) -> Option<NaiveDate> {
        match *self {
            DateExpr::Calendar { year: Some(y), month, day: Some(d), .. } => {
                NaiveDate::from_ymd_opt(y, month as u32, d as u32)
            }
            _ => None,
        }
    }
}

/// A resolved date: what is known of it, at its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// ISO week number, for week precision.
    pub week: Option<u32>,
    pub precision: Precision,
    /// The weekday the text states, 0 = Monday.
    pub weekday: Option<u8>,
    /// Resolved from a relative expression or a reference date.
    pub relative: bool,
}

impl DateValue {
    fn unknown(precision: Precision, weekday: Option<u8>) -> DateValue {
        DateValue { year: None, month: None, day: None, week: None, precision, weekday, relative: true }
    }

    fn of_date(d: NaiveDate, precision: Precision, weekday: Option<u8>, relative: bool) -> DateValue {
        let (week, year) = if precision == Precision::Week {
            let w = d.iso_week();
            (Some(w.week()), w.year())
        } else {
            (None, d.year())
        };
        DateValue {
            year: Some(year),
            month: (precision <= Precision::Month && precision != Precision::Week).then_some(d.month() as u8),
            day: (precision == Precision::Day).then_some(d.day() as u8),
            week,
            precision,
            weekday,
            relative,
        }
    }

    /// A day, as resolved from an anchor.
    pub fn of_date_pub(d: NaiveDate, relative: bool) -> DateValue {
        DateValue::of_date(d, Precision::Day, None, relative)
    }

    /// The ISO 8601 text at the value's precision: `2017-01-28`, `2016-11`,
    /// `2025`, `2025-W06`, or `--02-10` when the year is unknown.
    pub fn iso(&self) -> Option<String> {
        match (self.precision, self.year, self.month, self.day) {
            (Precision::Day, Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (Precision::Day, None, Some(m), Some(d)) => Some(format!("--{m:02}-{d:02}")),
            (Precision::Month, Some(y), Some(m), _) => Some(format!("{y:04}-{m:02}")),
            (Precision::Month, None, Some(m), _) => Some(format!("--{m:02}")),
            (Precision::Year, Some(y), _, _) => Some(format!("{y:04}")),
            (Precision::Week, Some(y), _, _) => self.week.map(|w| format!("{y:04}-W{w:02}")),
            _ => None,
        }
    }

    /// The calendar date, at day precision with a year.
    pub fn date(&self) -> Option<NaiveDate> {
        match (self.precision, self.year, self.month, self.day) {
            (Precision::Day, Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m as u32, d as u32),
            _ => None,
        }
    }
}

pub fn weekday_name(w: u8) -> &'static str {
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][w as usize % 7]
}

pub fn weekday_of(d: NaiveDate) -> u8 {
    d.weekday().num_days_from_monday() as u8
}

/// A date expression found in the text.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub span: Span,
    pub expr: DateExpr,
    /// On a publication stamp line.
    pub stamp: bool,
}

/// Finds every date expression of an article.
pub fn find(s: &Scan) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some((mut expr, first, next)) = at(s, i) {
            if next > first {
                // A day and month without a year in a sentence told in the past
                // (or the future) lies before (or after) the reference.
                if let DateExpr::Calendar { year: None, dir: dir @ Dir::None, .. } = &mut expr {
                    *dir = tense_around(s, first, next);
                }
                out.push(Found { span: s.span(first, next - 1), expr, stamp: s.info[first].stamp });
                i = next;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The tense of the sentence around tokens `first..next`, from its words:
/// `telah`, `sudah`, `pernah`, `was`, `spoke`, `-ed` verbs are past; `akan`,
/// `will`, `dijadwalkan`, `scheduled` future; both or neither, none.
fn tense_around(s: &Scan, first: usize, next: usize) -> Dir {
    // The clause decides; without a cue there, a sentence told in the past
    // (but never one with a future elsewhere) puts the date in the past.
    match tense(s, first, next, false) {
        Dir::None => match tense(s, first, next, true) {
            Dir::Past => Dir::Past,
            _ => Dir::None,
        },
        d => d,
    }
}

/// The tense of the clause around tokens `first..next` (or of the whole
/// sentence, with `whole`).
fn tense(s: &Scan, first: usize, next: usize, whole: bool) -> Dir {
    const WINDOW: usize = 30;
    // The clause: up to a comma, a semicolon or a joining word on either side.
    let ends_clause = |k: usize| {
        !whole
            && (s.is_punct(k, ",")
                || s.is_punct(k, ";")
                || matches!(
                    s.lw(k),
                    "dan"
                        | "and"
                        | "serta"
                        | "but"
                        | "tetapi"
                        | "namun"
                        | "sedangkan"
                        | "while"
                        | "sementara"
                        // reported speech is a clause of its own: `said on Wednesday that
                        // it would resume talks on Monday, Oct. 2`
                        | "that"
                        | "bahwa"
                ))
    };
    let mut from = first;
    while from > 0
        && first - from < WINDOW
        && !s.info[from].sentence_start
        && !s.info[from].line_start
        && !ends_clause(from - 1)
    {
        from -= 1;
    }
    let mut to = next;
    while to < s.len() && to - next < WINDOW && !s.info[to].sentence_start && !s.info[to].line_start && !ends_clause(to)
    {
        to += 1;
    }
    let (mut past, mut future) = (false, false);
    for k in from..to {
        if k >= first && k < next || !s.is_word(k) {
            continue;
        }
        match s.lw(k) {
            "telah" | "sudah" | "pernah" | "was" | "were" | "had" | "did" | "spoke" | "met" | "said" | "told"
            | "took" | "began" | "ended" | "won" | "lost" | "fell" | "struck" | "died" | "came" | "went" | "held"
            | "ago" | "last" => past = true,
            "akan" | "will" | "would" | "shall" | "dijadwalkan" | "scheduled" | "upcoming" | "next" | "mendatang"
            | "rencananya" | "direncanakan" | "planned" => future = true,
            w if s.lang == Lang::En && w.len() > 4 && w.ends_with("ed") => past = true,
            _ => {}
        }
    }
    match (past, future) {
        (true, false) => Dir::Past,
        (false, true) => Dir::Future,
        _ => Dir::None,
    }
}

/// A date written alone (front matter `date:`), in any supported form.
pub fn parse_standalone(text: &str, lang: Lang) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text.get(..10.min(text.len()))?, "%Y-%m-%d") {
        return Some(d);
    }
    let mut a = crate::article::Article::read(text, crate::article::ReadOptions::default());
    a.lang = lang;
    // A lone date reads as a stamp line; take whatever full date it holds.
    let scan = Scan::new(&a);
    find(&scan).iter().find_map(|f| f.expr.full_date())
}

fn month_at(s: &Scan, i: usize) -> Option<u8> {
    let w = s.word(i)?;
    let m = w.month?;
    if w.month_needs_capital && !is_capitalized(s.t(i)) {
        return None;
    }
    Some(m)
}

/// A month word written in full (not `Jan`, `Sep`), usable alone.
fn full_month_at(s: &Scan, i: usize) -> Option<u8> {
    let m = month_at(s, i)?;
    let l = s.lw(i);
    let full = l.len() >= 5 || matches!(l, "mei" | "juni" | "juli" | "june" | "july" | "may");
    (full && is_capitalized(s.t(i))).then_some(m)
}

/// A weekday word. Lowercase `minggu` is a week, so Sunday needs a capital.
fn weekday_at(s: &Scan, i: usize) -> Option<u8> {
    let w = s.word(i)?.weekday?;
    let l = s.lw(i);
    if l == "minggu" && !is_capitalized(s.t(i)) {
        return None;
    }
    Some(w)
}

fn is_abbreviated_weekday(s: &Scan, i: usize) -> bool {
    s.lw(i).len() <= 4 && !matches!(s.lw(i), "rabu" | "ahad")
}

/// Day of month in digits (with `th`/`st` and a dot), or in English words.
fn day_at(s: &Scan, i: usize) -> Option<(u8, usize)> {
    let mut j;
    let d: u32;
    if s.is_num(i) && s.t(i).len() <= 2 {
        d = s.t(i).parse().ok()?;
        j = i + 1;
        if s.is_word(j) && s.tight(j) && matches!(s.lw(j), "st" | "nd" | "rd" | "th") {
            j += 1;
        }
    } else if let Some(o) = s.word(i).and_then(|w| w.ordinal) {
        d = o as u32;
        j = i + 1;
    } else if let Some(crate::lexicon::NumWord::Tens(t)) = s.word(i).and_then(|w| w.number) {
        // twenty-first, twenty second, twenty two, thirty-one
        j = i + 1;
        if s.is_punct(j, "-") && s.tight(j) {
            j += 1;
        }
        let w = s.word(j);
        if let Some(o) = w.and_then(|w| w.ordinal).filter(|&o| o < 10) {
            d = t as u32 + o as u32;
            j += 1;
        } else if let Some(crate::lexicon::NumWord::Unit(u)) = w.and_then(|w| w.number) {
            if !(1.0..10.0).contains(&u) {
                return None;
            }
            d = t as u32 + u as u32;
            j += 1;
        } else {
            d = t as u32;
            j = i + 1;
        }
    } else if let Some(crate::lexicon::NumWord::Unit(u)) = s.word(i).and_then(|w| w.number) {
        if !(1.0..=19.0).contains(&u) || !s.is_word(i) {
            return None;
        }
        d = u as u32;
        j = i + 1;
    } else {
        return None;
    }
    if !(1..=31).contains(&d) {
        return None;
    }
    if s.is_punct(j, ".") && s.tight(j) && s.lang == Lang::Id
        || (s.is_punct(j, ".") && s.tight(j) && month_at(s, j + 1).is_some())
    {
        j += 1;
    }
    Some((d as u8, j))
}

/// A year in digits (3 or 4) or English words (`two thousand`, `nineteen seventy eight`).
fn year_at(s: &Scan, i: usize) -> Option<(i32, usize)> {
    if s.is_num(i) && (s.t(i).len() == 4 || s.t(i).len() == 3) {
        // Not the start of a longer number (`2017.5`, `2017,00`).
        if (s.is_punct(i + 1, ".") || s.is_punct(i + 1, ",")) && s.tight(i + 1) && s.is_num(i + 2) && s.tight(i + 2) {
            return None;
        }
        let y: i32 = s.t(i).parse().ok()?;
        return (1000..=2999).contains(&y).then_some((y, i + 1));
    }
    if s.is_word(i) && s.lang == Lang::En {
        let first = numbers::parse_words(s, i)?;
        if (1000.0..=2999.0).contains(&first.value) {
            return Some((first.value as i32, first.next));
        }
        if (10.0..=99.0).contains(&first.value) {
            // nineteen seventy eight, nineteen zero one, twenty twenty
            let mut j = first.next;
            let mut low = 0.0;
            if s.is(j, "zero") || s.is(j, "oh") {
                j += 1;
                let n = numbers::parse_words(s, j)?;
                if n.value >= 10.0 {
                    return None;
                }
                low = n.value;
                j = n.next;
            } else if let Some(n) = numbers::parse_words(s, j) {
                if !(10.0..=99.0).contains(&n.value) {
                    return None;
                }
                low = n.value;
                j = n.next;
            }
            if j == first.next {
                return None;
            }
            return Some(((first.value * 100.0 + low) as i32, j));
        }
    }
    None
}

fn valid(year: Option<i32>, month: u8, day: u8) -> bool {
    let y = year.unwrap_or(2024); // a leap year lets 29/2 stand when no year is stated
    NaiveDate::from_ymd_opt(y, month as u32, day as u32).is_some()
}

fn two_digit_year(y: i32) -> i32 {
    if y < 50 {
        2000 + y
    } else {
        1900 + y
    }
}

/// Numeric dates: `28/1/2017`, `05/03/2025`, `2015/08/12`, `13.5.2015`,
/// `9-18-15`, `2019-sep-1`; with `require_year = false` also `12/2`.
fn numeric(s: &Scan, i: usize, allow_no_year: bool) -> Option<(DateExpr, usize)> {
    if !s.is_num(i) {
        return None;
    }
    // Not inside a longer run of digits and separators.
    if i > 0 && s.tight(i) && (s.is_num(i - 1) || matches!(s.t(i - 1), "/" | "-" | "." | ":" | ",")) {
        return None;
    }
    let sep_ok = |j: usize| s.kind(j) == Some(TokKind::Punct) && s.tight(j) && matches!(s.t(j), "/" | "-" | ".");
    if !sep_ok(i + 1) || !s.tight(i + 2) {
        return None;
    }
    let sep = s.t(i + 1);
    let a = s.t(i);
    // Year first: 2015/08/12, 2015-08-12, 2015.5.13, 2019-sep-1.
    if a.len() == 4 {
        let y: i32 = a.parse().ok()?;
        let m = if s.is_num(i + 2) { s.t(i + 2).parse::<u8>().ok()? } else { s.word(i + 2)?.month? };
        if !(s.is_punct(i + 3, sep) && s.tight(i + 3) && s.is_num(i + 4) && s.tight(i + 4)) {
            return None;
        }
        let d: u8 = s.t(i + 4).parse().ok()?;
        let next = i + 5;
        if trailing_digits(s, next) || !valid(Some(y), m, d) {
            return None;
        }
        return Some((
            DateExpr::Calendar { year: Some(y), month: m, day: Some(d), weekday: None, dir: Dir::None },
            next,
        ));
    }
    if a.len() > 2 || !s.is_num(i + 2) || s.t(i + 2).len() > 2 {
        return None;
    }
    let x: u8 = a.parse().ok()?;
    let y: u8 = s.t(i + 2).parse().ok()?;
    let mut next = i + 3;
    let mut year = None;
    let third_sep = s.kind(next) == Some(TokKind::Punct)
        && s.tight(next)
        && (s.t(next) == sep || (s.t(next) == "," && s.lang == Lang::En && sep == "/"));
    if third_sep && s.is_num(next + 1) && s.tight(next + 1) {
        let c = s.t(next + 1);
        year = match c.len() {
            4 => Some(c.parse::<i32>().ok()?),
            2 => Some(two_digit_year(c.parse::<i32>().ok()?)),
            _ => return None,
        };
        next += 2;
    } else if sep == "." {
        return None; // `14.44` is a clock time
    }
    if year.is_none() && !allow_no_year {
        return None;
    }
    if trailing_digits(s, next) {
        return None;
    }
    let (day, month) = if x > 12 {
        (x, y)
    } else if y > 12 {
        (y, x)
    } else {
        match s.lang {
            Lang::Id => (x, y),
            Lang::En => (y, x),
        }
    };
    if !(1..=12).contains(&month) || !valid(year, month, day) {
        return None;
    }
    Some((DateExpr::Calendar { year, month, day: Some(day), weekday: None, dir: Dir::None }, next))
}

fn trailing_digits(s: &Scan, j: usize) -> bool {
    s.kind(j) == Some(TokKind::Punct)
        && s.tight(j)
        && matches!(s.t(j), "/" | "-" | ".")
        && s.is_num(j + 1)
        && s.tight(j + 1)
}

/// Direction words after a date: `lalu`, `mendatang`, `depan`.
fn dir_after(s: &Scan, j: usize) -> (Dir, usize) {
    if !s.on_line(j) {
        return (Dir::None, j);
    }
    match s.lw(j) {
        "lalu" | "kemarin" | "silam" => (Dir::Past, j + 1),
        "mendatang" | "depan" => (Dir::Future, j + 1),
        _ => (Dir::None, j),
    }
}

/// Textual dates: `31 Jan 2017`, `20 Januari lalu`, `March 7, 2025`,
/// `Sept. 3`, `tenth of September, two thousand`, `Januari 2025`.
fn textual(s: &Scan, i: usize) -> Option<(DateExpr, usize)> {
    // Day first.
    if let Some((day, mut j)) = day_at(s, i) {
        if s.is(j, "of") && s.on_line(j) {
            j += 1;
        }
        // `20th of next month`, `20 bulan depan`.
        if s.on_line(j) && s.on_line(j + 1) {
            let months = match (s.lw(j), s.lw(j + 1)) {
                ("next", "month") | ("bulan", "depan") => Some(1),
                ("this", "month") | ("bulan", "ini") => Some(0),
                ("last", "month") | ("bulan", "lalu") => Some(-1),
                _ => None,
            };
            if let Some(months) = months {
                if s.is_num(i) || s.word(i).is_some_and(|w| w.ordinal.is_some()) {
                    return Some((DateExpr::DayOfMonth { day, months }, j + 2));
                }
            }
        }
        if s.on_line(j) {
            if let Some(month) = month_at(s, j) {
                // A spelled-out cardinal day only before `of`: `two March` is rare,
                // `five days` is not a date.
                let words = !s.is_num(i);
                if words
                    && !s.is(j - 1, "of")
                    && s.word(i).and_then(|w| w.ordinal).is_none()
                    && !s.is_punct(j - 1, "-")
                    && s.lang != Lang::En
                {
                    return None;
                }
                let mut k = j + 1;
                if s.is_punct(k, ".") && s.tight(k) {
                    k += 1;
                }
                let mut year = None;
                let mut kk = k;
                if s.is_punct(kk, ",") && s.on_line(kk) {
                    kk += 1;
                }
                if s.on_line(kk) {
                    if let Some((y, n)) = year_at(s, kk) {
                        year = Some(y);
                        k = n;
                    }
                }
                if !valid(year, month, day) {
                    return None;
                }
                let (dir, k) = if year.is_none() { dir_after(s, k) } else { (Dir::None, k) };
                return Some((DateExpr::Calendar { year, month, day: Some(day), weekday: None, dir }, k));
            }
        }
    }
    // Month first.
    let month = month_at(s, i)?;
    let mut j = i + 1;
    if s.is_punct(j, ".") && s.tight(j) {
        j += 1;
    }
    if !s.on_line(j) {
        return None;
    }
    // Month and year: `Januari 2025`, `March 2025`.
    if let Some((y, n)) = year_at(s, j).filter(|_| s.is_num(j)) {
        if full_month_at(s, i).is_some() || s.lw(i).len() >= 3 && is_capitalized(s.t(i)) {
            return Some((DateExpr::Calendar { year: Some(y), month, day: None, weekday: None, dir: Dir::None }, n));
        }
    }
    let mut k = j;
    if s.is(k, "the") {
        k += 1;
    }
    let (day, mut n) = day_at(s, k)?;
    // `May 5 hours` is no date.
    if s.word(n).and_then(|w| w.unit).is_some() && s.on_line(n) {
        return None;
    }
    let mut year = None;
    let mut m = n;
    if s.is_punct(m, ",") && s.on_line(m) {
        m += 1;
    }
    if s.on_line(m) {
        if let Some((y, e)) = year_at(s, m) {
            year = Some(y);
            n = e;
        }
    }
    if !valid(year, month, day) {
        return None;
    }
    Some((DateExpr::Calendar { year, month, day: Some(day), weekday: None, dir: Dir::None }, n))
}

/// A month alone after a cue (`November lalu`, `pada Maret`, `last March`).
fn month_alone(s: &Scan, i: usize) -> Option<(DateExpr, usize, usize)> {
    let month = full_month_at(s, i)?;
    let before = if i > 0 && s.on_line(i) { s.lw(i - 1) } else { "" };
    let (dir, next) = dir_after(s, i + 1);
    let mut first = i;
    let dir = match before {
        "last" => {
            first = i - 1;
            Dir::Past
        }
        "next" => {
            first = i - 1;
            Dir::Future
        }
        "bulan" => {
            first = i - 1;
            dir
        }
        "pada" | "sejak" | "hingga" | "sampai" | "awal" | "akhir" | "pertengahan" | "medio" | "in" | "since"
        | "until" | "early" | "late" | "mid" | "during" | "through" | "this" | "akhir-akhir" => dir,
        _ if dir != Dir::None => dir,
        _ => return None,
    };
    Some((DateExpr::Calendar { year: None, month, day: None, weekday: None, dir }, first, next))
}

/// A year alone after a cue (`tahun 2017`, `pada 2017`, `in 2017`).
fn year_alone(s: &Scan, i: usize) -> Option<(DateExpr, usize, usize)> {
    if !s.is_num(i) || s.t(i).len() != 4 || i == 0 || !s.on_line(i) {
        return None;
    }
    let before = s.lw(i - 1);
    let first = match before {
        "tahun" => i - 1,
        "pada" | "sejak" | "hingga" | "sampai" | "in" | "since" | "until" | "by" | "during" | "awal" | "akhir"
        | "pertengahan" => i,
        // `the walkout of 1988`, not `a total of 2000`
        "of" if i >= 2
            && !matches!(
                s.lw(i - 2),
                "total" | "out" | "sum" | "average" | "maximum" | "minimum" | "toll" | "score" | "number"
            ) =>
        {
            i
        }
        _ => return None,
    };
    let (y, next) = year_at(s, i)?;
    // `pada 2017 orang` would be a count; a unit or a noun after the number rules it out.
    if s.on_line(next) && s.is_word(next) && !is_capitalized(s.t(next)) {
        let w = s.lw(next);
        let allowed = [
            "lalu",
            "dan",
            "ini",
            "itu",
            "yang",
            "and",
            "when",
            "as",
            "to",
            "the",
            "ketika",
            "saat",
            "silam",
            "kemarin",
            "mendatang",
        ];
        // `the strike of 1988 lasted`, `in 2007 was`: a verb, not a counted noun.
        let verb = s.lang == Lang::En
            && (matches!(w, "was" | "were" | "is" | "had" | "has") || (w.len() > 4 && w.ends_with("ed")));
        if !allowed.contains(&w) && !verb && s.word(next).is_none_or(|x| !x.stop_id && !x.stop_en) {
            return None;
        }
    }
    if !(1800..=2200).contains(&y) {
        return None;
    }
    Some((DateExpr::Year(y), first, next))
}

fn rel_unit(word: &str) -> Option<RelUnit> {
    match word {
        "hari" | "day" | "days" => Some(RelUnit::Day),
        "minggu" | "pekan" | "week" | "weeks" => Some(RelUnit::Week),
        "bulan" | "month" | "months" => Some(RelUnit::Month),
        "tahun" | "year" | "years" => Some(RelUnit::Year),
        _ => None,
    }
}

fn se_rel_unit(word: &str) -> Option<RelUnit> {
    match word {
        "sehari" => Some(RelUnit::Day),
        "seminggu" | "sepekan" => Some(RelUnit::Week),
        "sebulan" => Some(RelUnit::Month),
        "setahun" => Some(RelUnit::Year),
        _ => None,
    }
}

fn precision_of(u: RelUnit) -> Precision {
    match u {
        RelUnit::Day => Precision::Day,
        RelUnit::Week => Precision::Week,
        RelUnit::Month => Precision::Month,
        RelUnit::Year => Precision::Year,
    }
}

/// Relative dates: `hari ini`, `kemarin`, `bulan lalu`, `3 minggu yang lalu`,
/// `yesterday`, `last month`, `two weeks ago`, `two weeks from now`.
/// Dates told from the one before: `Sehari kemudian`, `keesokan harinya`,
/// `tiga hari kemudian`, `Dua pekan berselang`, `hari itu`, `pada hari yang sama`,
/// `a day later`, `two weeks later`, `the next day`, `that day`, `the same day`.
fn anchored(s: &Scan, i: usize) -> Option<(DateExpr, usize)> {
    let on = |k: usize| s.on_line(i + k);
    let later = |k: usize| {
        on(k) && matches!(s.lw(i + k), "kemudian" | "setelahnya" | "sesudahnya" | "berselang" | "later" | "afterwards")
    };
    let anchored = |days: i32, next: usize| Some((DateExpr::Anchored { days }, next));
    match s.lw(i) {
        "sehari" if later(1) => return anchored(1, i + 2),
        "sepekan" | "seminggu" if later(1) => return anchored(7, i + 2),
        "keesokan" if on(1) && matches!(s.lw(i + 1), "harinya" | "hari") => return anchored(1, i + 2),
        "hari" if on(1) && s.is(i + 1, "itu") => return anchored(0, i + 2),
        "hari" if on(2) && s.is(i + 1, "yang") && s.is(i + 2, "sama") => return anchored(0, i + 3),
        "that" if on(1) && s.is(i + 1, "day") => return anchored(0, i + 2),
        "the" if on(2) && s.is(i + 1, "same") && s.is(i + 2, "day") => return anchored(0, i + 3),
        "the" if on(2) && matches!(s.lw(i + 1), "next" | "following") && s.is(i + 2, "day") => {
            return anchored(1, i + 3)
        }
        _ => {}
    }
    // A count of days or weeks, then `kemudian` / `later`.
    let (amount, j) = if matches!(s.lw(i), "a" | "an") {
        (1.0, i + 1)
    } else {
        let n = numbers::parse(s, i)?;
        (n.value, n.next)
    };
    if amount.fract() != 0.0 || !(1.0..=366.0).contains(&amount) || !s.on_line(j) {
        return None;
    }
    let per = match s.lw(j) {
        "hari" | "day" | "days" => 1,
        "pekan" | "minggu" | "week" | "weeks" => 7,
        _ => return None,
    };
    if s.lw(j) == "minggu" && crate::text::is_capitalized(s.t(j)) {
        return None;
    }
    if !(s.on_line(j + 1) && matches!(s.lw(j + 1), "kemudian" | "setelahnya" | "sesudahnya" | "berselang" | "later")) {
        return None;
    }
    Some((DateExpr::Anchored { days: amount as i32 * per }, j + 2))
}

fn relative(s: &Scan, i: usize) -> Option<(DateExpr, usize)> {
    let rel = |amount: i32, unit: RelUnit, precision: Precision| DateExpr::Relative { amount, unit, precision };
    let w = s.lw(i);
    let on = |k: usize| s.on_line(i + k);
    if let Some(a) = anchored(s, i) {
        return Some(a);
    }
    match w {
        "hari" if on(1) && s.is(i + 1, "ini") => return Some((rel(0, RelUnit::Day, Precision::Day), i + 2)),
        "kemarin" => {
            if on(1) && s.is(i + 1, "lusa") {
                return Some((rel(-2, RelUnit::Day, Precision::Day), i + 2));
            }
            return Some((rel(-1, RelUnit::Day, Precision::Day), i + 1));
        }
        "besok" | "esok" => {
            if on(1) && s.is(i + 1, "lusa") {
                return Some((rel(2, RelUnit::Day, Precision::Day), i + 2));
            }
            return Some((rel(1, RelUnit::Day, Precision::Day), i + 1));
        }
        "lusa" => return Some((rel(2, RelUnit::Day, Precision::Day), i + 1)),
        "today" => return Some((rel(0, RelUnit::Day, Precision::Day), i + 1)),
        "yesterday" => return Some((rel(-1, RelUnit::Day, Precision::Day), i + 1)),
        "tomorrow" | "tmrw" => return Some((rel(1, RelUnit::Day, Precision::Day), i + 1)),
        "the" if on(1) && on(2) && on(3) && s.is(i + 1, "day") => {
            let target = s.lw(i + 3);
            let base = match target {
                "yesterday" => -1,
                "tomorrow" | "tmrw" => 1,
                _ => return None,
            };
            let delta = match s.lw(i + 2) {
                "before" => -1,
                "after" => 1,
                _ => return None,
            };
            return Some((rel(base + delta, RelUnit::Day, Precision::Day), i + 4));
        }
        "pekan" | "minggu" | "bulan" | "tahun" if on(1) => {
            let unit = rel_unit(w)?;
            let amount = match s.lw(i + 1) {
                "lalu" | "kemarin" => -1,
                "depan" | "mendatang" => 1,
                "ini" => 0,
                _ => return None,
            };
            // `Minggu lalu` with a capital is last Sunday, handled as a weekday.
            return Some((rel(amount, unit, precision_of(unit)), i + 2));
        }
        "last" | "next" | "this" | "past" if on(1) => {
            let unit = rel_unit(s.lw(i + 1)).filter(|_| !s.lw(i + 1).ends_with('s'))?;
            let amount = match w {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            if unit == RelUnit::Day {
                return None;
            }
            return Some((rel(amount, unit, precision_of(unit)), i + 2));
        }
        _ => {}
    }
    // se- forms: `sehari yang lalu`, `sebulan lalu`.
    if let Some(unit) = se_rel_unit(w) {
        return ago_tail(s, i + 1).map(|(sign, next)| (rel(sign, unit, Precision::Day), next));
    }
    // A count and a unit: `3 minggu yang lalu`, `two weeks ago`, `a month ago`,
    // `a few days ago`, `two weeks from now`.
    let (amount, j) = if s.is(i, "a") || s.is(i, "an") || s.is(i, "one") {
        if on(1) && s.is(i + 1, "few") {
            (3.0, i + 2)
        } else if on(1) && s.is(i + 1, "couple") && s.is(i + 2, "of") {
            (2.0, i + 3)
        } else {
            (1.0, i + 1)
        }
    } else if s.is(i, "few") {
        (3.0, i + 1)
    } else if let Some(n) = numbers::parse(s, i) {
        (n.value, n.next)
    } else {
        return None;
    };
    if amount.fract() != 0.0 || amount <= 0.0 || amount > 10_000.0 || !s.on_line(j) {
        return None;
    }
    let unit = rel_unit(s.lw(j))?;
    let (sign, next) = ago_tail(s, j + 1)?;
    let (n, unit) = match unit {
        RelUnit::Week => (amount as i32 * 7, RelUnit::Day),
        u => (amount as i32, u),
    };
    Some((rel(sign * n, unit, Precision::Day), next))
}

/// `(yang) lalu`, `silam`, `ago` → -1; `lagi`, `mendatang`, `from now` → +1.
fn ago_tail(s: &Scan, j: usize) -> Option<(i32, usize)> {
    if !s.on_line(j) {
        return None;
    }
    match s.lw(j) {
        "yang" if s.on_line(j + 1) && matches!(s.lw(j + 1), "lalu" | "silam") => Some((-1, j + 2)),
        "lalu" | "silam" | "ago" => Some((-1, j + 1)),
        "lagi" | "mendatang" => Some((1, j + 1)),
        "from" if s.on_line(j + 1) && s.is(j + 1, "now") => Some((1, j + 2)),
        _ => None,
    }
}

/// A weekday and what follows it: a date (`Sabtu (28/1/2017)`,
/// `Friday, March 7, 2025`), or a cue making it a weekday alone.
fn weekday_expr(s: &Scan, i: usize) -> Option<(DateExpr, usize, usize)> {
    let wd = weekday_at(s, i)?;
    let mut first = i;
    // With a date: `Sabtu (28/1/2017)`, `Rabu (12/2)`, `Ahad, 25 Mei 2025`.
    let mut j = i + 1;
    let paren = s.is_punct(j, "(") && s.on_line(j);
    if paren || (s.is_punct(j, ",") && s.on_line(j)) {
        j += 1;
    }
    if s.on_line(j) {
        if let Some((expr, next)) = numeric(s, j, paren).or_else(|| textual(s, j)) {
            let mut next = next;
            if paren {
                if !s.is_punct(next, ")") {
                    return None;
                }
                next += 1;
            }
            if let DateExpr::Calendar { year, month, day, dir, .. } = expr {
                if s.lw(i) == "minggu" && i > 0 && s.is(i - 1, "hari") {
                    first = i - 1;
                }
                return Some((DateExpr::Calendar { year, month, day, weekday: Some(wd), dir }, first, next));
            }
        }
    }
    if is_abbreviated_weekday(s, i) {
        return None;
    }
    // Alone, with its cues.
    let before = if i > 0 && s.on_line(i) { s.lw(i - 1) } else { "" };
    let before2 = if i > 1 && s.on_line(i) && s.on_line(i - 1) { s.lw(i - 2) } else { "" };
    let mut rel = WeekRel::Bare;
    let mut next = i + 1;
    if s.word(i).is_some_and(|w| w.weekday_id) {
        if before == "hari" {
            first = i - 1;
        }
        if s.on_line(i + 1) {
            match s.lw(i + 1) {
                "lalu" | "kemarin" => {
                    rel = WeekRel::Past;
                    next = i + 2;
                }
                "depan" | "mendatang" | "besok" => {
                    rel = WeekRel::Future;
                    next = i + 2;
                }
                "ini" => {
                    rel = WeekRel::ThisWeek;
                    next = i + 2;
                }
                "pekan" | "minggu" if s.on_line(i + 2) => match s.lw(i + 2) {
                    "lalu" => {
                        rel = WeekRel::LastWeek;
                        next = i + 3;
                    }
                    "depan" => {
                        rel = WeekRel::NextWeek;
                        next = i + 3;
                    }
                    "ini" => {
                        rel = WeekRel::ThisWeek;
                        next = i + 3;
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        // Sunday alone at a sentence start is too often "week" written with a capital.
        if s.lw(i) == "minggu" && before != "hari" && rel == WeekRel::Bare && s.info[i].sentence_start {
            return None;
        }
        if !is_capitalized(s.t(i)) && before != "hari" {
            return None;
        }
        return Some((DateExpr::Weekday { weekday: wd, rel }, first, next));
    }
    // English.
    match before {
        "this" => {
            rel = WeekRel::ThisWeek;
            first = i - 1;
        }
        "next" => {
            rel = WeekRel::NextWeek;
            first = i - 1;
        }
        "last" | "past" => {
            rel = WeekRel::Past;
            first = i - 1;
        }
        "week" if matches!(before2, "this" | "next" | "last") => {
            rel = match before2 {
                "this" => WeekRel::ThisWeek,
                "next" => WeekRel::NextWeek,
                _ => WeekRel::LastWeek,
            };
            first = i - 2;
        }
        "on" if i >= 3
            && s.lw(i - 2) == "week"
            && matches!(s.lw(i - 3), "this" | "next" | "last")
            && s.on_line(i - 2)
            && s.on_line(i - 1) =>
        {
            rel = match s.lw(i - 3) {
                "this" => WeekRel::ThisWeek,
                "next" => WeekRel::NextWeek,
                _ => WeekRel::LastWeek,
            };
            first = i - 3;
        }
        _ => {}
    }
    if s.on_line(i + 1) && s.on_line(i + 2) {
        let (a, b) = (s.lw(i + 1), s.lw(i + 2));
        let (a, b, skip) = if a == "of" && s.on_line(i + 3) { (b, s.lw(i + 3), 1) } else { (a, b, 0) };
        if b == "week" {
            let r = match a {
                "this" => Some(WeekRel::ThisWeek),
                "next" => Some(WeekRel::NextWeek),
                "last" => Some(WeekRel::LastWeek),
                _ => None,
            };
            if let Some(r) = r {
                rel = r;
                next = i + 3 + skip;
            }
        }
    }
    Some((DateExpr::Weekday { weekday: wd, rel }, first, next))
}

/// The date expression starting at token `i`: (expression, first token, next token).
fn at(s: &Scan, i: usize) -> Option<(DateExpr, usize, usize)> {
    let k = s.kind(i)?;
    match k {
        TokKind::Punct => {
            // `(31/1)`: a day and month alone in brackets.
            if s.t(i) == "(" {
                if let Some((e, n)) = numeric(s, i + 1, true) {
                    if s.is_punct(n, ")") {
                        return Some((e, i + 1, n));
                    }
                }
            }
            None
        }
        TokKind::Num => {
            let tanggal = i > 0 && s.on_line(i) && matches!(s.lw(i - 1), "tanggal" | "tgl");
            if let Some((e, n)) = numeric(s, i, tanggal) {
                return Some((e, i, n));
            }
            if let Some((e, n)) = textual(s, i) {
                return Some((e, i, n));
            }
            if let Some((e, n)) = relative(s, i) {
                return Some((e, i, n));
            }
            year_alone(s, i)
        }
        TokKind::Word => {
            if s.word(i).is_some_and(|w| w.weekday.is_some()) {
                if let Some(r) = weekday_expr(s, i) {
                    return Some(r);
                }
            }
            if s.word(i).is_some_and(|w| w.month.is_some()) {
                if let Some((e, n)) = textual(s, i) {
                    return Some((e, i, n));
                }
                if let Some(r) = month_alone(s, i) {
                    return Some(r);
                }
            }
            if s.lw(i) == "tahun" && s.is_num(i + 1) {
                if let Some(r) = year_alone(s, i + 1) {
                    return Some(r);
                }
            }
            if let Some((e, n)) = relative(s, i) {
                return Some((e, i, n));
            }
            if s.lang == Lang::En || s.word(i).is_some_and(|w| w.ordinal.is_some() || w.number.is_some()) {
                if let Some((e, n)) = textual(s, i) {
                    return Some((e, i, n));
                }
            }
            None
        }
    }
}

/// The date relative expressions resolve against: the publication date, else
/// the latest full date the article states, else the latest date inferred
/// from a weekday, else the story's date.
pub fn reference(published: Option<NaiveDate>, found: &[Found], opts: &Options) -> Option<NaiveDate> {
    if published.is_some() {
        return published;
    }
    let stated = found.iter().filter_map(|f| f.expr.full_date()).max();
    if stated.is_some() {
        return stated;
    }
    let inferred = weekday_anchor(found, opts).and_then(|anchor| {
        found
            .iter()
            .filter_map(|f| match f.expr {
                DateExpr::Calendar { year: None, month, day: Some(d), weekday: Some(w), .. } => {
                    infer_year_from_weekday(month, d, w, anchor)
                }
                _ => None,
            })
            .max()
    });
    if inferred.is_some() {
        return inferred;
    }
    if let Some(d) = opts.story_date {
        return Some(d);
    }
    None
}

/// What a weekday-and-date without a year is read against, when the article
/// has no publication date and states no full date: the end of a year the
/// article states (`Januari 2025`), else its story's date (a month's grace),
/// else today when `clock_years` allows it. Never the clock where the text or
/// its story says more.
pub fn weekday_anchor(found: &[Found], opts: &Options) -> Option<NaiveDate> {
    let stated_year = found
        .iter()
        .filter_map(|f| match f.expr {
            DateExpr::Year(y) | DateExpr::Calendar { year: Some(y), .. } => Some(y),
            _ => None,
        })
        .max();
    if let Some(end) = stated_year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)) {
        return Some(end);
    }
    if let Some(d) = opts.story_date.and_then(|d| d.checked_add_days(Days::new(31))) {
        return Some(d);
    }
    opts.clock_years.then_some(opts.today)
}

/// The most recent year, not after `anchor`, in which `day month` falls on `weekday`.
pub fn infer_year_from_weekday(month: u8, day: u8, weekday: u8, anchor: NaiveDate) -> Option<NaiveDate> {
    (0..60).map(|k| anchor.year() - k).find_map(|y| {
        let d = NaiveDate::from_ymd_opt(y, month as u32, day as u32)?;
        (d <= anchor && weekday_of(d) == weekday).then_some(d)
    })
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Days::new(weekday_of(d) as u64)
}

impl DateExpr {
    /// Resolves the expression against `reference` (or the story's year and
    /// today's date where the article gives none).
    pub fn resolve(&self, reference: Option<NaiveDate>, opts: &Options) -> DateValue {
        match *self {
            DateExpr::Calendar { year: Some(y), month, day, weekday, .. } => match day {
                Some(d) => NaiveDate::from_ymd_opt(y, month as u32, d as u32)
                    .map(|date| DateValue::of_date(date, Precision::Day, weekday, false))
                    .unwrap_or(DateValue::unknown(Precision::Day, weekday)),
                None => DateValue {
                    year: Some(y),
                    month: Some(month),
                    day: None,
                    week: None,
                    precision: Precision::Month,
                    weekday,
                    relative: false,
                },
            },
            DateExpr::Calendar { year: None, month, day, weekday, dir } => {
                let precision = if day.is_some() { Precision::Day } else { Precision::Month };
                let year = match reference {
                    Some(r) => Some(nearest_year(r, month, day, dir, weekday)),
                    None => match (day, weekday) {
                        (Some(d), Some(w)) => {
                            let story = opts.story_date.and_then(|s| s.checked_add_days(Days::new(31)));
                            let anchor = story.or(opts.clock_years.then_some(opts.today));
                            anchor.and_then(|a| infer_year_from_weekday(month, d, w, a)).map(|d| d.year())
                        }
                        _ => opts.story_year,
                    },
                };
                DateValue { year, month: Some(month), day, week: None, precision, weekday, relative: true }
            }
            DateExpr::Year(y) => DateValue {
                year: Some(y),
                month: None,
                day: None,
                week: None,
                precision: Precision::Year,
                weekday: None,
                relative: false,
            },
            DateExpr::Weekday { weekday, rel } => {
                let Some(r) = reference else {
                    return DateValue::unknown(Precision::Day, Some(weekday));
                };
                let rw = weekday_of(r) as i64;
                let w = weekday as i64;
                let date = match rel {
                    WeekRel::Bare => r - Days::new(((rw - w).rem_euclid(7)) as u64),
                    WeekRel::Past => r - Days::new((((rw - w - 1).rem_euclid(7)) + 1) as u64),
                    WeekRel::Future => r + Days::new((((w - rw - 1).rem_euclid(7)) + 1) as u64),
                    WeekRel::ThisWeek => week_start(r) + Days::new(w as u64),
                    WeekRel::LastWeek => week_start(r) - Days::new(7) + Days::new(w as u64),
                    WeekRel::NextWeek => week_start(r) + Days::new(7 + w as u64),
                };
                DateValue::of_date(date, Precision::Day, Some(weekday), true)
            }
            // Without the date before it (resolved by `resolve_anchored`), from the reference.
            DateExpr::Anchored { days } => match reference.and_then(|r| shift_days(r, days as i64)) {
                Some(d) => DateValue::of_date(d, Precision::Day, None, true),
                None => DateValue::unknown(Precision::Day, None),
            },
            DateExpr::DayOfMonth { day, months } => {
                let date = reference
                    .and_then(|r| shift_months(r.with_day(1)?, months))
                    .and_then(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), day as u32));
                match date {
                    Some(d) => DateValue::of_date(d, Precision::Day, None, true),
                    None => DateValue::unknown(Precision::Day, None),
                }
            }
            DateExpr::Relative { amount, unit, precision } => {
                let Some(r) = reference else {
                    return DateValue::unknown(precision, None);
                };
                let date = match unit {
                    RelUnit::Day => shift_days(r, amount as i64),
                    RelUnit::Week => shift_days(r, 7 * amount as i64),
                    RelUnit::Month => shift_months(r, amount),
                    RelUnit::Year => shift_months(r, 12 * amount),
                };
                match date {
                    Some(d) => DateValue::of_date(d, precision, None, true),
                    None => DateValue::unknown(precision, None),
                }
            }
        }
    }
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn shift_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// The year that puts `day month` nearest to the reference date, honouring
/// `lalu` (not after) and `mendatang` (not before).
fn nearest_year(r: NaiveDate, month: u8, day: Option<u8>, dir: Dir, weekday: Option<u8>) -> i32 {
    // A stated weekday picks, among the years near the reference, the one it
    // falls in (`Thursday, March 21` read in October 2024 is 2024, not 2025).
    // Only years the direction allows and within a year of the reference: a
    // weekday that is itself the slip must not move the date to another year.
    if let (Some(d), Some(w)) = (day, weekday) {
        let fits: Vec<i32> = [r.year() - 1, r.year(), r.year() + 1]
            .into_iter()
            .filter(|&y| {
                NaiveDate::from_ymd_opt(y, month as u32, d as u32).is_some_and(|x| {
                    let ok = match dir {
                        Dir::Past => x <= r,
                        Dir::Future => x >= r,
                        Dir::None => true,
                    };
                    ok && (x - r).num_days().abs() < 365 && weekday_of(x) == w
                })
            })
            .collect();
        if fits.len() == 1 {
            return fits[0];
        }
    }
    let mut best: Option<(i64, i32)> = None;
    for y in [r.year() - 1, r.year(), r.year() + 1] {
        let d = match day {
            Some(d) => NaiveDate::from_ymd_opt(y, month as u32, d as u32),
            None => NaiveDate::from_ymd_opt(y, month as u32, 1),
        };
        let Some(d) = d else { continue };
        // Month precision compares whole months.
        let (lo, hi) = match day {
            Some(_) => (d, d),
            None => (d, d.checked_add_months(Months::new(1)).map(|x| x - Days::new(1)).unwrap_or(d)),
        };
        let ok = match dir {
            Dir::Past => lo <= r,
            Dir::Future => hi >= r,
            Dir::None => true,
        };
        if !ok {
            continue;
        }
        let dist = if r < lo {
            (lo - r).num_days()
        } else if r > hi {
            (r - hi).num_days()
        } else {
            0
        };
        if best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, y));
        }
    }
    best.map(|(_, y)| y).unwrap_or(r.year())
}
