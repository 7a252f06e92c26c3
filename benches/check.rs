//! Checking a 2,000-word draft against the seed corpus, after loading it.

use chrono::NaiveDate;
use corroborate::check::analyze;
use corroborate::claims::Options;
use corroborate::index::Corpus;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

#[path = "support/drafts.rs"]
mod drafts;
use drafts::draft_2000_words;

fn bench(c: &mut Criterion) {
    let mut opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (corpus, _) = Corpus::load(&[seeds], &opts, corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    let draft = draft_2000_words();
    // A draft keeps its repeated lines (the server reads drafts so).
    opts.read.drop_duplicates = false;
    c.bench_function("check_2000_word_draft_against_seeds", |b| {
        b.iter(|| {
            let d = corroborate::draft::read(&draft, &corpus, &opts, None);
            analyze(&d, &corpus, None).findings.len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
