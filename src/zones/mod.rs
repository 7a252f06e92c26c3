//! Time zones: where a writer's clock is, and whether two dates a day apart
//! can be the same moment.
//!
//! Zones come from the IANA database (`chrono-tz`, with daylight saving), and
//! places from `places.txt`. An article's zones are its dateline's place, the
//! zones its stamps and times name (`WIB`, `ET`, `PDT`, `Seattle time`), else
//! Jakarta for Indonesian text. A claim adds the places of its sentence (`di
//! Montreal`, `waktu setempat` at a place). Two dates one day apart are one
//! moment when the later one is in a zone at least three hours east of the
//! earlier one's.

use crate::article::Lang;
use crate::claims::Extracted;
use crate::lexicon::HashMap;
use crate::text::Span;
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use std::sync::OnceLock;

fn places() -> &'static HashMap<String, Tz> {
    static P: OnceLock<HashMap<String, Tz>> = OnceLock::new();
    P.get_or_init(|| {
        let mut m = HashMap::default();
        for line in include_str!("places.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((place, zone)) = line.split_once('|') {
                if let Ok(tz) = zone.trim().parse::<Tz>() {
                    m.insert(place.trim().to_string(), tz);
                }
            }
        }
        m
    })
}

/// The zone of a place (lowercase), if the atlas knows it.
pub fn of_place(place: &str) -> Option<Tz> {
    places().get(place).copied()
}

/// Zone abbreviations news prints after times.
fn of_abbreviation(w: &str) -> Option<Tz> {
    Some(match w {
        "WIB" => Tz::Asia__Jakarta,
        "WITA" => Tz::Asia__Makassar,
        "WIT" => Tz::Asia__Jayapura,
        "ET" | "EST" | "EDT" => Tz::America__New_York,
        "CT" | "CST" | "CDT" => Tz::America__Chicago,
        "PT" | "PST" | "PDT" => Tz::America__Los_Angeles,
        "GMT" | "BST" => Tz::Europe__London,
        "CET" | "CEST" => Tz::Europe__Paris,
        "AEST" | "AEDT" => Tz::Australia__Sydney,
        "JST" => Tz::Asia__Tokyo,
        "UTC" => Tz::UTC,
        _ => return None,
    })
}

/// Places (up to three words) named in `text`, as zones.
fn places_in(text: &str, out: &mut Vec<Tz>) {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let mut i = 0;
    while i < words.len() {
        let mut step = 1;
        if words[i].chars().next().is_some_and(char::is_uppercase) {
            for n in (1..=3).rev() {
                if i + n > words.len() {
                    continue;
                }
                let key = words[i..i + n].join(" ").to_lowercase();
                if let Some(tz) = of_place(&key) {
                    if !out.contains(&tz) {
                        out.push(tz);
                    }
                    step = n;
                    break;
                }
            }
        }
        if let Some(tz) = of_abbreviation(words[i]) {
            if !out.contains(&tz) {
                out.push(tz);
            }
        }
        i += step;
    }
}

/// Where an article is written from: its zones (dateline, the zones its
/// times name, else Jakarta for Indonesian text) and its dateline's place.
pub fn of_article(ex: &Extracted) -> (Vec<Tz>, Option<String>) {
    let mut zones = Vec::new();
    let place = ex.article.meta.dateline_place.clone();
    if let Some(tz) = place.as_deref().and_then(of_place) {
        zones.push(tz);
    }
    // Zone abbreviations anywhere (stamps, `pukul 14.40 WIB`, `7:02 AM ET`).
    for w in ex.article.text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| (2..=4).contains(&w.len())) {
        if let Some(tz) = of_abbreviation(w) {
            if !zones.contains(&tz) {
                zones.push(tz);
            }
        }
    }
    if zones.is_empty() && ex.article.lang == Lang::Id {
        zones.push(Tz::Asia__Jakarta);
    }
    (zones, place)
}

/// The zones a claim may be reckoned in: its writer's, and those of the
/// places its sentence names.
pub fn of_claim(ex: &Extracted, writer: &[Tz], span: Span) -> Vec<Tz> {
    let mut out = writer.to_vec();
    if let Some(s) = ex.sentence_at(span.start) {
        places_in(&ex.article.text[s.start..s.end.max(span.end)], &mut out);
    }
    out
}

/// A zone's offset from UTC in hours on a day (daylight saving included).
fn hours(tz: Tz, day: NaiveDate) -> f64 {
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    tz.offset_from_utc_datetime(&noon).fix().local_minus_utc() as f64 / 3600.0
}

/// Whether `a`, reckoned in one of `za`, and `b`, one day later or earlier,
/// reckoned in one of `zb`, can be the same moment: the later date's zone is
/// at least three hours east of the earlier's.
pub fn explains(a: NaiveDate, za: &[Tz], b: NaiveDate, zb: &[Tz]) -> bool {
    let (early, ze, late, zl) = match (b - a).num_days() {
        1 => (a, za, b, zb),
        -1 => (b, zb, a, za),
        _ => return false,
    };
    ze.iter().any(|&e| zl.iter().any(|&l| hours(l, late) - hours(e, early) >= 3.0))
}

/// A zone's name for messages: the city part of its IANA name.
pub fn name(tz: Tz) -> String {
    tz.name().rsplit('/').next().unwrap_or(tz.name()).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_apart_is_one_moment_only_eastward() {
        let sat = NaiveDate::from_ymd_opt(2017, 1, 28).unwrap();
        let sun = NaiveDate::from_ymd_opt(2017, 1, 29).unwrap();
        let wash = [Tz::America__New_York];
        let jkt = [Tz::Asia__Jakarta];
        assert!(explains(sat, &wash, sun, &jkt));
        assert!(explains(sun, &jkt, sat, &wash));
        // Jakarta a day *behind* Washington cannot be.
        assert!(!explains(sat, &jkt, sun, &wash));
        // Singapore and Jakarta are an hour apart: no explanation.
        assert!(!explains(sat, &[Tz::Asia__Singapore], sun, &jkt));
    }

    #[test]
    fn daylight_saving_is_counted() {
        // Aarhus keeps UTC+2 in October and UTC+1 in January.
        assert_eq!(hours(Tz::Europe__Copenhagen, NaiveDate::from_ymd_opt(2021, 10, 17).unwrap()), 2.0);
        assert_eq!(hours(Tz::Europe__Copenhagen, NaiveDate::from_ymd_opt(2021, 1, 17).unwrap()), 1.0);
    }
}
