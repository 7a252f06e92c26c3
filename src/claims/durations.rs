//! Durations: how long something lasted, as an interval of seconds.
//!
//! Digits and number words of both languages, `se-` forms (`sejam`), halves
//! and quarters (`satu setengah jam`, `an hour and a half`), compounds
//! (`1 jam 15 menit`), and qualifiers read as intervals (`hampir`, `sekitar`,
//! `lebih dari`, `kurang dari`, `almost`, `about`, `more than`, `less than`).
//! Clock times, offsets (`dua jam setelah`, `three days later`) and ages are
//! not durations.

use super::numbers::{self, Num};
use super::{DurationValue, Scan};
use crate::lexicon::{NumWord, Qualifier, Unit, QUALIFIERS_BEFORE};
use crate::text::Span;

/// Finds every duration, skipping tokens inside `taken` spans (dates).
pub fn find(s: &Scan, taken: &[Span]) -> Vec<(Span, DurationValue)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut t = 0; // index into taken
    while i < s.len() {
        let start = s.toks[i].start;
        while t < taken.len() && taken[t].end <= start {
            t += 1;
        }
        if t < taken.len() && taken[t].start <= start {
            i += 1;
            continue;
        }
        if let Some((first, next, v)) = at(s, i) {
            let span = s.span(first, next - 1);
            if !taken[t..].iter().take_while(|x| x.start < span.end).any(|x| x.overlaps(&span)) {
                out.push((span, v));
                i = next;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn qualifier_at(s: &Scan, i: usize) -> Option<(Qualifier, usize)> {
    if !s.word(i).is_some_and(|w| w.qualifier_start) {
        return None;
    }
    for (words, q) in QUALIFIERS_BEFORE {
        if s.seq(i, words) {
            return Some((*q, i + words.len()));
        }
    }
    None
}

fn unit_at(s: &Scan, i: usize, after_digits: bool) -> Option<Unit> {
    if !s.on_line(i) || !s.is_word(i) {
        return None;
    }
    let u = s.word(i)?.unit?;
    let l = s.lw(i);
    if l == "h" && !after_digits {
        return None;
    }
    // `Minggu` with a capital after a number is still a week (`3 Minggu`) only in headings;
    // in running text a capital means Sunday.
    if l == "minggu" && crate::text::is_capitalized(s.t(i)) && !s.info[i].title_line {
        return None;
    }
    Some(u)
}

/// `and a half`, `setengah`, `and half`, `and a quarter` after a unit or number.
fn fraction_tail(s: &Scan, j: usize) -> Option<(f64, usize)> {
    if !s.on_line(j) {
        return None;
    }
    if s.is(j, "setengah") {
        return Some((0.5, j + 1));
    }
    if s.is(j, "and") && s.on_line(j + 1) {
        let mut k = j + 1;
        if s.is(k, "a") || s.is(k, "an") || s.is(k, "one") {
            k += 1;
        }
        if s.is(k, "half") && s.on_line(k) {
            return Some((0.5, k + 1));
        }
        if s.is(k, "quarter") && s.on_line(k) {
            return Some((0.25, k + 1));
        }
        // one and two quarters, one and three quarters
        if let Some(NumWord::Unit(n)) = s.word(k).and_then(|w| w.number) {
            if (1.0..=3.0).contains(&n) && s.on_line(k + 1) && (s.is(k + 1, "quarter") || s.is(k + 1, "quarters")) {
                return Some((n * 0.25, k + 2));
            }
        }
    }
    None
}

/// `of an`, `of a`, `of` between a fraction and its unit.
fn skip_of(s: &Scan, mut j: usize) -> usize {
    if s.is(j, "of") && s.on_line(j) {
        j += 1;
        if (s.is(j, "an") || s.is(j, "a")) && s.on_line(j) {
            j += 1;
        }
    } else if (s.is(j, "an") || s.is(j, "a")) && s.on_line(j) {
        j += 1;
    }
    j
}

/// Words allowed between a count and its unit: `2 more minutes`, `another business day`.
fn skip_modifiers(s: &Scan, mut j: usize) -> usize {
    while s.on_line(j)
        && matches!(
            s.lw(j),
            "more" | "additional" | "extra" | "less" | "fewer" | "full" | "whole" | "business" | "working"
        )
    {
        j += 1;
    }
    if s.is_punct(j, "-") && s.tight(j) {
        j += 1;
    }
    j
}

/// One count-and-unit: (seconds, unit, next token).
fn component(s: &Scan, i: usize) -> Option<(f64, Unit, usize)> {
    let w = s.lw(i);
    // se- forms: sejam, sehari, seminggu; `sejam setengah`.
    if let Some(u) = s.word(i).and_then(|w| w.se_unit) {
        let mut n = 1.0;
        let mut next = i + 1;
        if s.is(next, "setengah") && s.on_line(next) {
            n = 1.5;
            next += 1;
        }
        return Some((n * u.seconds(), u, next));
    }
    // setengah jam, seperempat jam, half an hour, half a day, half hour.
    if matches!(w, "setengah" | "seperempat" | "half") {
        let f = if w == "seperempat" { 0.25 } else { 0.5 };
        let j = skip_of(s, i + 1);
        let u = unit_at(s, j, false)?;
        return Some((f * u.seconds(), u, j + 1));
    }
    // a quarter of an hour, quarter-hour, three-quarters of an hour.
    if w == "quarter"
        || ((w == "a" || w == "three") && s.on_line(i + 1) && matches!(s.lw(i + 1), "quarter" | "quarters" | "-"))
    {
        let mut j = i;
        let mut f = 0.25;
        if w == "three" {
            f = 0.75;
            j += 1;
        } else if w == "a" {
            j += 1;
        }
        if s.is_punct(j, "-") {
            j += 1;
        }
        if !(s.is(j, "quarter") || s.is(j, "quarters")) {
            return None;
        }
        j += 1;
        if s.is_punct(j, "-") && s.tight(j) {
            j += 1;
        }
        let j = skip_of(s, j);
        let u = unit_at(s, j, false)?;
        return Some((f * u.seconds(), u, j + 1));
    }
    // all day, all-week, full day, whole day, another hour, a fortnight.
    if matches!(w, "all" | "full" | "whole" | "another" | "entire") {
        let mut j = i + 1;
        if s.is_punct(j, "-") && s.tight(j) {
            j += 1;
        }
        let j = skip_modifiers(s, j);
        let u = unit_at(s, j, false)?;
        if s.lw(j).ends_with('s') || !matches!(u, Unit::Hour | Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
            return None;
        }
        return Some((u.seconds(), u, j + 1));
    }
    if s.is(i, "fortnight") {
        return None;
    }
    // A count: digits, words, a fraction, `a`/`an`, `couple of`.
    let (n, after_digits): (Num, bool) = if w == "a" || w == "an" {
        if s.is(i + 1, "couple") && s.is(i + 2, "of") && s.on_line(i + 2) {
            (Num { value: 2.0, next: i + 3, words: true }, false)
        } else if s.is(i + 1, "fortnight") && s.on_line(i + 1) {
            return Some((14.0 * 86_400.0, Unit::Week, i + 2));
        } else {
            (Num { value: 1.0, next: i + 1, words: true }, false)
        }
    } else if w == "couple" && s.is(i + 1, "of") {
        (Num { value: 2.0, next: i + 2, words: true }, false)
    } else if let Some(f) = numbers::parse_fraction(s, i) {
        (f, true)
    } else if let Some(n) = numbers::parse(s, i) {
        let digits = !n.words;
        // Digits then a scale word: `5 ribu`, `3 million`.
        let mut n = n;
        if digits && s.on_line(n.next) {
            if let Some(NumWord::Scale(m)) = s.word(n.next).and_then(|w| w.number) {
                n = Num { value: n.value * m, next: n.next + 1, words: false };
            }
        }
        (n, digits)
    } else {
        return None;
    };
    let mut value = n.value;
    let mut j = n.next;
    // N setengah jam, N and a half hours, one and three quarters hour.
    if let Some((f, k)) = fraction_tail(s, j) {
        if value.fract() == 0.0 {
            value += f;
            j = skip_of(s, k);
        }
    }
    let j = skip_modifiers(s, j);
    let u = unit_at(s, j, after_digits)?;
    if u == Unit::Quarter && value.fract() != 0.0 {
        return None;
    }
    // `a second term` is an ordinal: after `a`, `second` must end the phrase.
    if (w == "a" || w == "an")
        && u == Unit::Second
        && s.on_line(j + 1)
        && s.is_word(j + 1)
        && !matches!(s.lw(j + 1), "and" | "or")
    {
        return None;
    }
    Some((value * u.seconds(), u, j + 1))
}

/// Words after a length that make it an offset, not a length.
fn is_offset_word(s: &Scan, j: usize) -> bool {
    if !s.on_line(j) {
        return false;
    }
    match s.lw(j) {
        "setelah" | "sesudah" | "sebelum" | "sebelumnya" | "kemudian" | "lalu" | "silam" | "lagi" | "mendatang"
        | "after" | "before" | "later" | "earlier" | "ago" | "prior" | "old" | "usia" | "longer" | "shorter"
        | "faster" | "slower" | "early" | "late" | "behind" | "ahead" => true,
        // `15 menit lebih cepat`: a difference, not a length.
        "lebih" => {
            s.on_line(j + 1)
                && matches!(
                    s.lw(j + 1),
                    "cepat" | "lambat" | "awal" | "dini" | "lama" | "singkat" | "pendek" | "panjang"
                )
        }
        "yang" => s.on_line(j + 1) && matches!(s.lw(j + 1), "lalu" | "silam"),
        "from" => s.on_line(j + 1) && matches!(s.lw(j + 1), "now" | "today" | "tomorrow" | "yesterday"),
        "ke" => s.is_punct(j + 1, "-") || s.on_line(j + 1) && s.is(j + 1, "depan"),
        "-" => s.on_line(j + 1) && matches!(s.lw(j + 1), "old"),
        _ => false,
    }
}

fn is_age_cue(s: &Scan, i: usize) -> bool {
    i > 0
        && s.on_line(i)
        && matches!(s.lw(i - 1), "usia" | "berusia" | "umur" | "berumur" | "aged" | "age" | "umurnya" | "usianya")
}

/// A range read as one interval: `20 hingga 30 detik`, `20 to 30 seconds`,
/// `3-4 jam`, `antara 40 dan 50 menit`, `between 40 and 50 minutes`,
/// `between three days and a week`.
fn range_at(s: &Scan, first: usize, i: usize) -> Option<(usize, usize, DurationValue)> {
    let between = matches!(s.lw(i), "antara" | "between") && s.on_line(i + 1);
    let j = if between { i + 1 } else { i };
    // Two numbers sharing one unit, or two full lengths.
    let lo_num = numbers::parse(s, j);
    let (lo, lo_unit, k) = match component(s, j) {
        Some((secs, u, n)) => (Some(secs), Some(u), n),
        None => (None, None, lo_num?.next),
    };
    if !s.on_line(k) {
        return None;
    }
    let joined = match s.lw(k) {
        "hingga" | "sampai" | "to" | "until" | "-" | "\u{2013}" if !between => true,
        "dan" | "and" if between => true,
        _ => s.is_punct(k, "-") && !between,
    };
    if !joined || !s.on_line(k + 1) {
        return None;
    }
    let (hi, hi_unit, next) = component(s, k + 1)?;
    let lo = match (lo, lo_unit) {
        (Some(lo), Some(_)) => lo,
        // `20 hingga 30 detik`: the first number takes the second's unit.
        _ => lo_num?.value * hi_unit.seconds(),
    };
    if !(lo > 0.0 && lo < hi) {
        return None;
    }
    let unit = lo_unit.unwrap_or(hi_unit).max(hi_unit);
    Some((first, next, DurationValue::range(lo, hi, unit)))
}

/// The duration starting at token `i`: (first token, next token, value).
fn at(s: &Scan, i: usize) -> Option<(usize, usize, DurationValue)> {
    // Most words can open no duration: skip them before any matching.
    match s.kind(i)? {
        crate::text::TokKind::Word => {
            if matches!(s.lw(i), "between" | "antara") {
                return range_at(s, i, i);
            }
            let w = s.word(i)?;
            if !(w.qualifier_start || w.duration_start || w.number.is_some() || w.se_unit.is_some()) {
                return None;
            }
        }
        crate::text::TokKind::Punct if !matches!(s.t(i), "," | ".") => return None,
        _ => {}
    }
    let first = i;
    let (mut q, j) = qualifier_at(s, i).unwrap_or((Qualifier::Exact, i));
    if is_age_cue(s, j) || (j > i && !s.on_line(j)) {
        return None;
    }
    // Clock time: `pukul 14.44`, `jam 3`.
    if j > 0 && s.on_line(j) && matches!(s.lw(j - 1), "pukul" | "jam" | "at") && s.is_num(j) {
        return None;
    }
    if let Some(r) = range_at(s, first, j) {
        return Some(r);
    }
    let (mut secs, mut unit, mut next) = component(s, j)?;
    let mut units = vec![unit];
    // Trailing fraction: `an hour and a half`, `satu jam setengah`, `seven hours and a quarter`.
    if let Some((f, k)) = fraction_tail(s, next) {
        secs += f * unit.seconds();
        next = k;
    }
    // Compounds: `1 jam 15 menit`, `2 years, 3 months`, `an hour and 10 minutes`,
    // `1 hour thirty`, `1h30`.
    loop {
        let mut k = next;
        if s.on_line(k) && (s.is_punct(k, ",") || s.is(k, "and") || s.is(k, "dan")) {
            k += 1;
        }
        if !s.on_line(k) {
            break;
        }
        if let Some((more, u, n)) = component(s, k) {
            if units.contains(&u) {
                break;
            }
            units.push(u);
            secs += more;
            unit = unit.max(u);
            next = n;
            continue;
        }
        // A bare number after hours or minutes counts the next smaller unit,
        // when nothing but punctuation follows it.
        if let (Some(smaller), Some(n)) = (units.last().and_then(|u| u.next_smaller()), numbers::parse(s, k)) {
            let ends = !s.on_line(n.next) || !s.is_word(n.next);
            if ends
                && n.value > 0.0
                && n.value < 60.0
                && n.value.fract() == 0.0
                && (k == next || s.is(next, "and") || s.tight(k))
            {
                secs += n.value * smaller.seconds();
                next = n.next;
            }
        }
        break;
    }
    // Qualifiers after: `45 menit lebih`, `an hour or more`, `two hours or so`.
    if s.on_line(next) {
        // `45 menit lebih` is more than 45 minutes; `lebih cepat` (faster) is a comparison.
        let plain_after = !s.on_line(next + 1) || !s.is_word(next + 1) || s.word(next + 1).is_some_and(|w| w.stop_id);
        if s.is(next, "lebih") && plain_after && q == Qualifier::Exact {
            q = Qualifier::AtLeast;
            next += 1;
        } else if s.is(next, "or") && s.on_line(next + 1) {
            if s.is(next + 1, "more") && q == Qualifier::Exact {
                q = Qualifier::AtLeast;
                next += 2;
            } else if s.is(next + 1, "so") && q == Qualifier::Exact {
                q = Qualifier::About;
                next += 2;
            }
        }
    }
    // `dua jam setelah gempa` is an offset, but `selama dua jam sebelum` a length.
    let introduced = first > 0
        && s.on_line(first)
        && matches!(s.lw(first - 1), "selama" | "berdurasi" | "berlangsung" | "for" | "during" | "lasted" | "lasting");
    if is_offset_word(s, next) && !introduced {
        return None;
    }
    // Years and months together count in months (`2 years and 3 months` is
    // 27 months of 30 days), as a year of 365 days would not split into them.
    if units.len() > 1 && units.iter().all(|u| matches!(u, Unit::Year | Unit::Month)) {
        let months =
            (secs / Unit::Year.seconds()).floor() * 12.0 + (secs % Unit::Year.seconds()) / Unit::Month.seconds();
        secs = months * Unit::Month.seconds();
    }
    // The largest unit stated.
    let unit = units.iter().copied().max().unwrap_or(unit);
    Some((first, next, DurationValue::new(secs, q, unit)))
}
