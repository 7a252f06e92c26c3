//! Person extraction measured on news sentences: every person in
//! `tests/data/persons/*.txt` is marked `[[like this]]`; everything else that
//! is capitalised (places, teams, companies, laws, works) must stay unmarked.
//!
//! Each group of lines between `#` comments is read as one article (one
//! paragraph per line), so a short mention can resolve to a full name given
//! earlier in the group. A found person counts as right only when its range is
//! exactly the marked one. `PERSONS_REPORT=1 cargo test --test persons --
//! --nocapture` lists every miss and every false person.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options, Value};
use std::path::Path;

/// One article: its text and the byte ranges of the marked people.
struct Group {
    file: String,
    text: String,
    gold: Vec<(usize, usize)>,
}

fn groups(path: &Path) -> Vec<Group> {
    let src = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let mut out = Vec::new();
    let mut cur: Option<Group> = None;
    for line in src.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            if line.starts_with('#') {
                out.extend(cur.take());
            }
            continue;
        }
        let g = cur.get_or_insert_with(|| Group {
            file: file.clone(),
            text: "Berita hari ini\n\n".into(),
            gold: Vec::new(),
        });
        let mut rest = line;
        while let Some(open) = rest.find("[[") {
            g.text.push_str(&rest[..open]);
            let close = rest[open..].find("]]").expect("unclosed [[") + open;
            let start = g.text.len();
            g.text.push_str(&rest[open + 2..close]);
            g.gold.push((start, g.text.len()));
            rest = &rest[close + 2..];
        }
        g.text.push_str(rest);
        g.text.push_str("\n\n");
    }
    out.extend(cur);
    out
}

/// (right, false, missed) over the files of one folder under `tests/data`.
fn measure(folder: &str) -> (usize, usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let report = std::env::var_os("PERSONS_REPORT").is_some();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for g in files.iter().flat_map(|p| groups(p)) {
        let found: Vec<(usize, usize)> = extract(&g.text, &opts)
            .claims
            .iter()
            .filter(|c| matches!(c.value, Value::Person(_)))
            .map(|c| (c.span.start, c.span.end))
            .collect();
        let line_of = |at: usize| {
            g.text[..at].rsplit("\n\n").next().unwrap_or("").to_string()
                + g.text[at..].split("\n\n").next().unwrap_or("")
        };
        for f in &found {
            if g.gold.contains(f) {
                tp += 1;
            } else {
                fp += 1;
                if report {
                    println!("false {}: {:?} in {}", g.file, &g.text[f.0..f.1], line_of(f.0));
                }
            }
        }
        for m in g.gold.iter().filter(|m| !found.contains(m)) {
            fn_ += 1;
            if report {
                println!("missed {}: {:?} in {}", g.file, &g.text[m.0..m.1], line_of(m.0));
            }
        }
    }
    (tp, fp, fn_)
}

fn scores(folder: &str) -> (f64, f64, usize) {
    let (tp, fp, fn_) = measure(folder);
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{folder}: {tp} right, {fp} false, {fn_} missed: precision {:.1} %, recall {:.1} %",
        precision * 100.0,
        recall * 100.0
    );
    (precision, recall, tp + fn_)
}

/// The corpus the rules were written against.
#[test]
fn person_extraction_reaches_precision_90_and_recall_85() {
    let (precision, recall, names) = scores("persons");
    assert!(names >= 300, "the corpus must hold at least 300 names, holds {names}");
    assert!(precision >= 0.90 && recall >= 0.85, "precision {precision:.3}, recall {recall:.3}");
}

/// A corpus written after the rules and never used to tune them: what a
/// new story can expect. Its floor guards against regressions.
#[test]
fn person_extraction_on_held_out_sentences() {
    let (precision, recall, names) = scores("persons_heldout");
    assert!(names >= 150, "the held-out corpus must hold at least 150 names, holds {names}");
    assert!(precision >= FLOOR && recall >= FLOOR, "precision {precision:.3}, recall {recall:.3}");
}

/// Held-out precision and recall may not fall below this.
const FLOOR: f64 = 0.88;
