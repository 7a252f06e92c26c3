//! Numerals: digits with Indonesian or English separators, magnitude suffixes
//! (`100K`, `1,2M`), simple fractions (`1/2`), and number words of both
//! languages (`dua puluh lima`, `seratus dua puluh dua`, `twenty and four`).

use super::Scan;
use crate::article::Lang;
use crate::lexicon::NumWord;
use crate::text::TokKind;

/// A numeral found at a token: its value and the token after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    /// Index of the first token after the numeral.
    pub next: usize,
    /// Written in words rather than digits.
    pub words: bool,
}

/// A numeral starting at token `i`, digits or words.
pub fn parse(s: &Scan, i: usize) -> Option<Num> {
    parse_digits(s, i).or_else(|| parse_words(s, i))
}

/// Digits with separators and an optional magnitude suffix.
pub fn parse_digits(s: &Scan, i: usize) -> Option<Num> {
    let mut j = i;
    let mut int_part: String;
    let mut frac = String::new();
    // Leading decimal separator: `,77` or `.5`.
    if s.kind(i) == Some(TokKind::Punct) && (s.t(i) == "," || s.t(i) == ".") && s.is_num(i + 1) && s.tight(i + 1) {
        let prev_is_num = i > 0 && s.is_num(i - 1) && s.tight(i);
        if prev_is_num {
            return None;
        }
        int_part = "0".into();
        frac.push_str(s.t(i + 1));
        j = i + 2;
    } else if s.is_num(i) {
        int_part = s.t(i).to_string();
        j += 1;
        let (thousands, decimal) = match s.lang {
            Lang::Id => (".", ","),
            Lang::En => (",", "."),
        };
        // Thousands groups: exactly three digits after the separator.
        while s.kind(j) == Some(TokKind::Punct)
            && s.t(j) == thousands
            && s.tight(j)
            && s.is_num(j + 1)
            && s.tight(j + 1)
            && s.t(j + 1).len() == 3
        {
            // `1.500` is fifteen hundred in Indonesian, but `14.44` is a clock
            // time and `1.5` a decimal: only three-digit groups count.
            int_part.push_str(s.t(j + 1));
            j += 2;
        }
        if s.kind(j) == Some(TokKind::Punct) && s.tight(j) && s.is_num(j + 1) && s.tight(j + 1) {
            let sep = s.t(j);
            // `1,5` in Indonesian, `1.5` in English; a separator before other
            // than three digits is a decimal point in either.
            if sep == decimal || (sep == thousands && s.t(j + 1).len() != 3) {
                frac.push_str(s.t(j + 1));
                j += 2;
            }
        }
    } else {
        return None;
    }
    let mut value: f64 =
        if frac.is_empty() { int_part.parse().ok()? } else { format!("{int_part}.{frac}").parse().ok()? };
    if s.is_word(j) && s.tight(j) {
        let m = match s.t(j) {
            "K" | "k" | "rb" => Some(1e3),
            "M" | "jt" => Some(1e6),
            "G" => Some(1e9),
            _ => None,
        };
        if let Some(m) = m {
            value *= m;
            j += 1;
            return Some(Num { value, next: j, words: false });
        }
    }
    Some(Num { value, next: j, words: false })
}

/// A fraction written with a slash: `1/2`, `3/4`, `1/4`.
pub fn parse_fraction(s: &Scan, i: usize) -> Option<Num> {
    if !(s.is_num(i) && s.is_punct(i + 1, "/") && s.tight(i + 1) && s.is_num(i + 2) && s.tight(i + 2)) {
        return None;
    }
    let a: f64 = s.t(i).parse().ok()?;
    let b: f64 = s.t(i + 2).parse().ok()?;
    if !(b == 2.0 || b == 3.0 || b == 4.0) || a <= 0.0 || a >= b {
        return None;
    }
    Some(Num { value: a / b, next: i + 3, words: false })
}

/// Number words of either language, as one numeral.
pub fn parse_words(s: &Scan, i: usize) -> Option<Num> {
    let mut total = 0.0;
    let mut group = 0.0; // below a thousand, settled
    let mut pending: Option<f64> = None; // last unit word, waiting for belas/puluh/ratus
    let mut j = i;
    let mut any = false;
    let mut last_end = i;
    loop {
        if j > i && !s.on_line(j) {
            break;
        }
        // `twenty-four`, `twenty four`, `two thousand and eighteen`.
        if any && (s.is(j, "and") || s.is_punct(j, "-")) {
            if let Some(NumWord::Unit(_) | NumWord::Tens(_) | NumWord::Hundred | NumWord::Scale(_)) =
                s.word(j + 1).and_then(|w| w.number)
            {
                j += 1;
                continue;
            }
            break;
        }
        let Some(w) = s.word(j).and_then(|w| w.number) else {
            break;
        };
        match w {
            NumWord::Unit(v) => {
                if pending.is_some() {
                    // Two unit words in a row (`dua tiga`) end the numeral.
                    break;
                }
                if group > 0.0 && group % 100.0 != 0.0 && (group % 10.0 != 0.0 || v >= 10.0) {
                    break;
                }
                pending = Some(v);
            }
            NumWord::Tens(v) => {
                if pending.is_some() || (group % 100.0 != 0.0) {
                    break;
                }
                group += v;
            }
            NumWord::Teen => {
                let Some(p) = pending.take() else { break };
                if p >= 10.0 {
                    break;
                }
                group += p + 10.0;
            }
            NumWord::TimesTen => {
                let Some(p) = pending.take() else { break };
                if p >= 10.0 {
                    break;
                }
                group += p * 10.0;
            }
            NumWord::Hundred => {
                let base = group
                    + match pending.take() {
                        Some(p) => p,
                        // `ratus` needs its count (`dua ratus`); `hundred` alone is one hundred.
                        None if s.lw(j) == "ratus" => break,
                        None => 1.0,
                    };
                if base >= 100.0 && group > 0.0 {
                    break;
                }
                group = base * 100.0;
            }
            NumWord::SeScale(v) => {
                if pending.is_some() || (v < 1000.0 && group > 0.0) {
                    break;
                }
                if v >= 1000.0 {
                    total += v;
                } else {
                    group += v;
                }
            }
            NumWord::Scale(v) => {
                let base = group + pending.take().unwrap_or(0.0);
                if base == 0.0 {
                    break;
                }
                total += base * v;
                group = 0.0;
            }
            NumWord::Half | NumWord::Quarter => break,
        }
        any = true;
        j += 1;
        last_end = j;
    }
    if !any {
        return None;
    }
    let value = total + group + pending.unwrap_or(0.0);
    Some(Num { value, next: last_end, words: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ReadOptions};

    fn num(text: &str) -> Option<f64> {
        let a = Article::read(text, ReadOptions::default());
        let s = Scan::new(&a);
        parse(&s, 0).map(|n| n.value)
    }

    #[test]
    fn indonesian_number_words() {
        assert_eq!(num("dua puluh lima"), Some(25.0));
        assert_eq!(num("tujuh belas"), Some(17.0));
        assert_eq!(num("seratus dua puluh dua"), Some(122.0));
        assert_eq!(num("tujuh ratus dua puluh satu ribu dua belas"), Some(721_012.0));
        assert_eq!(num("sepuluh ribu sebelas"), Some(10_011.0));
        assert_eq!(num("dua ratus ribu"), Some(200_000.0));
        assert_eq!(num("lima ribu"), Some(5_000.0));
    }

    #[test]
    fn english_number_words() {
        assert_eq!(num("twenty four"), Some(24.0));
        assert_eq!(num("twenty-four"), Some(24.0));
        assert_eq!(num("ninety"), Some(90.0));
        assert_eq!(num("two thousand and eighteen"), Some(2018.0));
        assert_eq!(num("one hundred twenty"), Some(120.0));
    }

    #[test]
    fn digits_with_separators_follow_the_language() {
        assert_eq!(num("1,5 jam dan itu"), Some(1.5));
        assert_eq!(num("1.500 orang dan itu"), Some(1500.0));
        assert_eq!(num("3.000.000 menit itu"), Some(3_000_000.0));
        assert_eq!(num("1.5 hours in the day"), Some(1.5));
        assert_eq!(num("1,500 people in the town"), Some(1500.0));
        assert_eq!(num("100K"), Some(100_000.0));
        assert_eq!(num(",77 menit itu"), Some(0.77));
    }
}
