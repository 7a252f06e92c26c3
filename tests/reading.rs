//! Reading rules that once depended on stray lines or on the clock, and the
//! analysis's cancellation.

use chrono::NaiveDate;
use corroborate::check::{analyze, analyze_cancellable};
use corroborate::claims::{extract, Options, Value};
use corroborate::index::Corpus;
use std::cell::Cell;
use std::path::PathBuf;

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn texts(text: &str) -> Vec<String> {
    let ex = extract(text, &opts());
    ex.claims.iter().map(|c| c.text(&ex.article.text).to_string()).collect()
}

#[test]
fn a_url_inside_a_comment_keeps_the_whole_comment_masked() {
    let text = "<!-- catatan: https://contoh.org/a rapat berlangsung 45 menit pada Senin (4/3/2024) -->\nRapat berlangsung 2 jam.\n";
    assert_eq!(texts(text), ["2 jam"]);
    let text = "Rapat <!-- lihat www.contoh.org/x dan https://y.org/z lalu 45 menit --> berlangsung 2 jam.\n";
    assert_eq!(texts(text), ["2 jam"]);
}

#[test]
fn a_date_alone_low_in_the_body_is_no_stamp() {
    let text = "Kecelakaan di perairan itu\n\nBerikut daftar kecelakaan di perairan itu.\nSatu pesawat jatuh ke laut.\nPesawat lain mendarat darurat.\n9 Januari 2021\n";
    let ex = extract(text, &opts());
    assert_eq!(ex.published, None);
    assert!(ex
        .claims
        .iter()
        .any(|c| !c.stamp && matches!(&c.value, Value::Date(d) if d.iso().as_deref() == Some("2021-01-09"))));
    // In the page header it is the stamp.
    let text = "Judul berita\nSelasa, 31 Jan 2017 14:44 WIB\nRapat digelar kemarin.\n";
    let ex = extract(text, &opts());
    assert_eq!(ex.published, NaiveDate::from_ymd_opt(2017, 1, 31));
}

#[test]
fn the_weekday_year_of_a_draft_follows_its_story_not_the_clock() {
    // A draft with no year of its own: its weekday date takes the year of its
    // story in the corpus, whatever today is (12 Feb was a Wednesday in 2025 and 2031).
    let docs = vec![(
        PathBuf::from("001.txt"),
        "---\ndate: 2025-02-13\n---\nPresiden berbicara melalui telepon pada Rabu (12/2/2025) selama 90 menit.\n"
            .to_string(),
    )];
    let draft = "Presiden berbicara melalui telepon pada Rabu (12/2) selama 90 menit.\n";
    for today in [(2031, 6, 1), (2042, 3, 3)] {
        let o = Options::new(NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap());
        let corpus = Corpus::build(docs.clone(), &o);
        let ex = corroborate::draft::read(draft, &corpus, &o, None);
        let d = ex.claims.iter().find_map(|c| match &c.value {
            Value::Date(d) => d.iso(),
            _ => None,
        });
        assert_eq!(d.as_deref(), Some("2025-02-12"), "today {today:?}");
        // Without a corpus, the clock is the last resort: the latest such Wednesday.
        let alone = corroborate::draft::read(draft, &Corpus::default(), &o, None);
        let d = alone.claims.iter().find_map(|c| match &c.value {
            Value::Date(d) => d.iso(),
            _ => None,
        });
        assert_ne!(d.as_deref(), Some("2025-02-12"), "today {today:?}");
    }
}

#[test]
fn an_analysis_stops_when_it_is_cancelled() {
    let source = "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n".to_string();
    let corpus = Corpus::build(vec![(PathBuf::from("001.txt"), source)], &opts());
    let mut o = opts();
    o.read.drop_duplicates = false; // a draft keeps repeated lines
    let draft = extract(&"Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n".repeat(400), &o);
    let full = analyze(&draft, &corpus, None);
    assert_eq!(full.findings.len(), 400);
    let asked = Cell::new(0);
    let cancelled = || {
        asked.set(asked.get() + 1);
        asked.get() > 3
    };
    assert!(analyze_cancellable(&draft, &corpus, None, &cancelled).is_none());
    assert!(asked.get() < 10, "asked {} times", asked.get());
    assert!(analyze_cancellable(&draft, &corpus, None, &|| false).is_some());
}

#[test]
fn a_file_added_twice_in_one_update_is_one_article() {
    let dir = std::env::temp_dir().join(format!("corroborate-reading-twice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.txt");
    std::fs::write(&a, "Rapat kabinet berlangsung 45 menit.\n").unwrap();
    let empty = Corpus::build(Vec::new(), &opts());
    let changes = vec![(a.clone(), false), (a.clone(), false), (a.clone(), true), (a.clone(), false)];
    let (corpus, messages) = empty.updated(&changes, &opts(), corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(corpus.sources.len(), 1);
    // Deleted last: gone.
    let (corpus, _) =
        corpus.updated(&[(a.clone(), false), (a, true)], &opts(), corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    assert_eq!(corpus.sources.len(), 0);
}
