//! Checking a 2,000-word draft against the seed corpus, after loading it.

use chrono::NaiveDate;
use corroborate::check::analyze;
use corroborate::claims::Options;
use corroborate::index::Corpus;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

/// A draft of about 2,000 words: the example draft's paragraphs, varied.
pub fn draft_2000_words() -> String {
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/drafts/telepon.md")).unwrap();
    let body: Vec<&str> = base.lines().skip(5).filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::from("# Draf panjang\n\n");
    let mut i = 0;
    while out.split_whitespace().count() < 2000 {
        out.push_str(body[i % body.len()]);
        out.push_str(" Para pengamat menilai hubungan kedua negara tetap rumit dan penuh ketegangan.\n\n");
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (corpus, _) = Corpus::load(&[seeds], &opts);
    let draft = draft_2000_words();
    c.bench_function("check_2000_word_draft_against_seeds", |b| {
        b.iter(|| {
            let d = corroborate::report::read_draft(&draft, &corpus, &opts, None);
            analyze(&d, &corpus, None).findings.len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
