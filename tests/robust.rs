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
        "Vladimir Puttin",
        "Sabtu (28/1/2017)",
        "45 menit",
        "<!-- corroborate-ignore -->",
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

/// The seeds, loaded once for the analysis fuzzers.
fn seeds() -> &'static std::sync::Arc<corroborate::lsp::Sources> {
    static S: std::sync::OnceLock<std::sync::Arc<corroborate::lsp::Sources>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let (corpus, _) = corroborate::index::Corpus::load(
            std::slice::from_ref(&dir),
            &opts(),
            corroborate::corpus::DEFAULT_MAX_FILE_BYTES,
        );
        std::sync::Arc::new(corroborate::lsp::Sources {
            corpus: std::sync::Arc::new(corpus),
            version: 1,
            dirs: vec![dir],
        })
    })
}

/// The whole pipeline on one draft: analysis, every report format, and every
/// language-server feature at several positions. Nothing may panic, and every
/// range must fall inside the text.
fn check_all(text: &str) {
    use corroborate::i18n::Lang;
    use corroborate::lsp::{analyse_text, config::Config, features};
    use tower_lsp::lsp_types as lsp;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let snap = analyse_text(text.to_string(), 1, 1, None, seeds().clone(), today, &|| false).unwrap();
    let corpus = snap.corpus.clone();
    let index = LineIndex::new(snap.text());
    // Every language renders every message whole: no key or argument missing (`⟨…⟩`).
    let langs: Vec<Lang> = Lang::all().collect();
    for f in &snap.analysis.findings {
        for &lang in &langs {
            let j = corroborate::report::finding_json(f, &snap.draft, &index, &corpus, lang);
            assert!(!j.to_string().contains('⟨'), "{j}");
        }
    }
    for r in snap.analysis.reports.iter().filter_map(|r| r.about.as_ref()) {
        for &lang in &langs {
            assert!(!lang.render(r).contains('⟨'), "{}", lang.render(r));
        }
    }
    let uri = lsp::Url::parse("file:///tmp/fuzz-draft.md").unwrap();
    let lines = snap.text().lines().count() as u32 + 2;
    // One language per encoding, so both catalogues go through every feature.
    for (enc, lang) in [(Encoding::Utf16, Lang::EN), (Encoding::Utf8, langs[langs.len() - 1])] {
        let config = Config { language: Some(lang), ..Config::default() };
        for d in features::diagnostics(&snap, &corpus, &config, enc) {
            assert!(d.range.start <= d.range.end && d.range.end.line < lines);
        }
        for line in 0..lines.min(6) {
            for character in [0, 1, 3, 7, 20, 60, 500] {
                let pos = lsp::Position { line, character };
                if let Some(h) = features::hover(&snap, &corpus, pos, enc, lang) {
                    assert!(!format!("{:?}", h.contents).contains('⟨'), "{:?}", h.contents);
                }
                let _ = features::definition(&snap, &corpus, pos, enc);
                let _ = features::references(&snap, &uri, &corpus, pos, enc);
                let range = lsp::Range { start: pos, end: lsp::Position { line: line + 1, character } };
                let _ = features::code_actions(&snap, &uri, range, &config, &corpus, enc);
            }
        }
        let _ = features::document_symbols(&snap, enc, lang);
        let all = lsp::Range {
            start: lsp::Position { line: 0, character: 0 },
            end: lsp::Position { line: lines, character: 0 },
        };
        let _ = features::inlay_hints(&snap, all, enc, lang);
    }
    for lang in langs {
        assert!(!corroborate::report::sources_text(&corpus, lang).contains('⟨'));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn analysis_reports_and_features_never_panic(s in newsy()) {
        check_all(&s);
    }

    #[test]
    fn analysis_of_arbitrary_strings_never_panics(s in any::<String>()) {
        check_all(&s);
    }
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
        check_all(t);
    }
}
