//! The seed articles read right: the values the project promises for them.

use chrono::NaiveDate;
use corroborate::claims::{extract, Claim, Extracted, Options, Value};
use corroborate::index::Corpus;
use std::path::{Path, PathBuf};

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(name))
        .unwrap()
}

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn read(name: &str) -> Extracted {
    extract(&std::fs::read_to_string(seed(name)).unwrap(), &opts())
}

/// The claim whose text is exactly `text`, summarised.
fn value_of(ex: &Extracted, text: &str) -> String {
    let c: Vec<&Claim> = ex.claims.iter().filter(|c| c.text(&ex.article.text) == text).collect();
    assert!(!c.is_empty(), "no claim `{text}`; claims: {:#?}", texts(ex));
    c[0].summary()
}

fn texts(ex: &Extracted) -> Vec<String> {
    ex.claims.iter().map(|c| format!("{} {} → {}", c.kind().name(), c.text(&ex.article.text), c.summary())).collect()
}

fn persons(ex: &Extracted) -> Vec<String> {
    let mut names: Vec<String> = ex
        .claims
        .iter()
        .filter_map(|c| match &c.value {
            Value::Person(p) => Some(p.name.to_string()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn dates_of_the_2017_call() {
    let t = read("001");
    assert_eq!(value_of(&t, "Sabtu (28/1/2017)"), "2017-01-28 saturday");
    assert_eq!(value_of(&t, "November lalu"), "2016-11");
    let c = read("002");
    assert_eq!(c.published, NaiveDate::from_ymd_opt(2017, 1, 31));
    assert_eq!(value_of(&c, "Selasa, 31 Jan 2017"), "2017-01-31 tuesday");
    assert_eq!(value_of(&c, "Minggu (29/1)"), "2017-01-29 sunday");
    assert_eq!(value_of(&c, "Selasa (31/1)"), "2017-01-31 tuesday");
    assert_eq!(value_of(&c, "20 Januari lalu"), "2017-01-20");
}

#[test]
fn dates_of_the_2025_call_without_publication_date() {
    let p = read("004");
    assert_eq!(p.published, None);
    assert_eq!(value_of(&p, "Rabu (12/2)"), "2025-02-12 wednesday");
    assert_eq!(value_of(&p, "bulan lalu"), "2025-01");
}

#[test]
fn durations_of_both_calls() {
    assert_eq!(value_of(&read("001"), "sejam"), "3600s [3600, 3600] exact");
    assert_eq!(value_of(&read("002"), "45 menit"), "2700s [2700, 2700] exact");
    let almost = value_of(&read("003"), "hampir satu setengah jam");
    assert!(almost.ends_with(", 5400] almost"), "{almost}");
}

#[test]
fn persons_under_their_full_names() {
    assert_eq!(
        persons(&read("002")),
        ["Donald Trump", "Mikhail Yurievich Galuzin", "Vladimir Putin"],
        "{:#?}",
        texts(&read("002"))
    );
    let c = read("002");
    assert_eq!(value_of(&c, "Galuzin"), "Mikhail Yurievich Galuzin (Duta Besar Rusia untuk Indonesia)");
    assert_eq!(value_of(&read("003"), "Dmitry Peskov"), "Dmitry Peskov (Juru bicara Kremlin)");
    assert_eq!(value_of(&read("003"), "Peskov"), "Dmitry Peskov");
    assert_eq!(value_of(&read("000"), "Bashar al-Assad"), "Bashar al-Assad (Presiden)");
    assert_eq!(value_of(&read("001"), "Reince Priebus"), "Reince Priebus (Kepala Staf Gedung Putih)");
    for n in ["000", "001", "002", "003", "004"] {
        let names = persons(&read(n));
        for bad in
            ["Kremlin", "Gedung Putih", "Ruang Oval", "Getty Images", "Truth Social", "Arab Saudi", "CNN Indonesia"]
        {
            assert!(!names.iter().any(|x| x.contains(bad)), "{n}: {bad} taken for a person: {names:?}");
        }
    }
}

#[test]
fn nothing_from_related_links_or_bylines() {
    // 001's `Baca:` lines name Trump; 004's `Baca Juga:` link names a minister.
    let t = read("001");
    for c in &t.claims {
        let line = t.article.line_of(c.span.start).unwrap();
        let text = &t.article.text[line.span.start..line.span.end];
        assert!(!text.starts_with("Baca"), "claim from a related link: {text}");
    }
    let p = read("004");
    assert!(!persons(&p).iter().any(|n| n.contains("Sugiono") || n.contains("Teddy") || n.contains("Ryansyah")));
    let c = read("002");
    assert!(!persons(&c).iter().any(|n| n.contains("Riva") || n.contains("Yudhi")));
}

#[test]
fn corpus_lends_a_year_to_an_article_without_one() {
    let (corpus, messages) = Corpus::load(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        &opts(),
        corroborate::corpus::DEFAULT_MAX_FILE_BYTES,
    );
    assert!(messages.is_empty(), "{messages:?}");
    let bbc = read("000");
    assert_eq!(value_of(&bbc, "10 Februari mendatang"), "--02-10");
    let text = std::fs::read_to_string(seed("000")).unwrap();
    // As a corpus article, and as a draft outside the corpus: the 2017 story lends its year.
    for exclude in [corpus.source_at(&seed("000")), None] {
        let again = corroborate::draft::read(&text, &corpus, &opts(), exclude);
        assert_eq!(value_of(&again, "10 Februari mendatang"), "2017-02-10", "exclude {exclude:?}");
    }
    let tribun = corroborate::draft::read(&std::fs::read_to_string(seed("003")).unwrap(), &corpus, &opts(), None);
    assert_eq!(value_of(&tribun, "hari Rabu"), "2025-02-12 wednesday");
}
