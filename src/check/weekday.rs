//! Weekdays: a stated weekday that does not fall on its date. Needs no corpus;
//! the sources only rank the two fixes.
use super::*;

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

pub(super) fn weekday_findings(draft: &Extracted, corpus: &Corpus, out: &mut Analysis) {
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
        fixes.push(Fix {
            title: Message::new("fix.weekday").arg("day", &new_day),
            replacement: fix_weekday,
            span: None,
        });
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
                    title: Message::new("fix.date").arg("date", cand),
                    replacement: replaced,
                    span: None,
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
            message: Message::new("weekday")
                .arg("claim", claim_text)
                .arg("date", date)
                .arg("actual", Arg::Weekday(actual))
                .arg("stated", Arg::Weekday(stated)),
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
