//! Loading a corpus of 10,000 generated articles: throughput and peak
//! resident memory. A plain harness (criterion measures no memory): run with
//! `cargo bench --bench corpus`.

#[path = "support/gen.rs"]
mod gen;

use chrono::NaiveDate;
use corroborate::claims::Options;
use corroborate::index::Corpus;
use std::time::Instant;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("load_10000_generated_articles: benchmark");
        return;
    }
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let docs = gen::corpus(10_000, 5, 7);
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let before = peak_rss_mb().unwrap_or(0.0);
    // Memory first, on the texts themselves (as a real load moves them in).
    let corpus = Corpus::build(docs, &opts);
    let peak = peak_rss_mb().unwrap_or(0.0);
    let events = corpus.events.len();
    drop(corpus);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let docs = gen::corpus(10_000, 5, 7);
        let t = Instant::now();
        let corpus = Corpus::build(docs, &opts);
        best = best.min(t.elapsed().as_secs_f64());
        drop(corpus);
    }
    println!(
        "load_10000_generated_articles: {:.1} MB in {:.2} s = {:.1} MB/s; {} events (2,000 generated); peak RSS {:.0} MB (texts alone {:.0} MB, before loading {:.0} MB)",
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        events,
        peak,
        bytes as f64 / 1e6,
        before
    );
}
