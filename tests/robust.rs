//! No input makes the engine panic, and spans always fall on character boundaries.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options};
use corroborate::text::{Encoding, LineIndex};
use proptest::prelude::*;

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn check(text: &str) {
    let ex = extract(text, &opts());
    let index = LineIndex::new(text);
    for c in &ex.claims {
        assert!(c.span.start < c.span.end && c.span.end <= text.len());
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        let r = index.range(text, c.span, Encoding::Utf16);
        assert_eq!(index.offset(text, r.start, Encoding::Utf16), c.span.start);
        assert_eq!(index.offset(text, r.end, Encoding::Utf16), c.span.end);
    }
}

/// Words and punctuation the extractors react to, to reach deep paths often.
fn newsy() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Presiden",
        "Juru",
        "bicara",
        "Rabu",
        "Minggu",
        "(",
        ")",
        "/",
        "12",
        "2",
        "2017",
        "1,5",
        "jam",
        "menit",
        "sejam",
        "hampir",
        "satu",
        "setengah",
        "lalu",
        "bulan",
        "pekan",
        "yang",
        "Vladimir",
        "Putin",
        "al",
        "-",
        "Assad",
        "[",
        "]",
        ",",
        ".",
        "\n",
        "Baca juga:",
        "😀",
        "e\u{301}",
        "\r\n",
        "March",
        "7",
        "about",
        "an",
        "hour",
        "and",
        "a",
        "half",
        "ago",
        "last",
        "Sunday",
        "Mr.",
        "K",
        "M",
        "tahun",
        "tanggal",
        "—",
        "of",
        "the",
        "twenty",
        "first",
        "pukul",
        "14.44",
        "---",
        "date:",
        "Ğ",
        "İ",
        "ß",
        "ﬁ",
        "\u{feff}",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn news_like_token_soup_never_panics(s in newsy()) {
        check(&s);
    }

    #[test]
    fn tight_token_soup_never_panics(v in prop::collection::vec(newsy(), 1..4)) {
        check(&v.concat().replace(' ', ""));
    }
}

#[test]
fn edge_inputs() {
    for t in [
        "",
        "\n",
        "\r\n\r\n",
        "---",
        "---\n",
        "---\ndate: 31/2/2017\n---\n",
        "(",
        "(1/",
        "1/2/",
        "99/99/9999",
        "31/2/2017",
        "29/2/2023",
        "Rabu (31/2)",
        "0 menit",
        "se",
        "setengah",
        "a",
        "9999999999999999999999 menit",
        "1.000.000.000.000.000.000.000 jam",
        ",",
        "[",
        "[X]",
        "al-",
        "-Assad",
        "Baca juga:",
        "Penulis :",
    ] {
        check(t);
    }
}
