//! Extraction throughput on about 3 MB of distinct generated articles
//! (`support/gen.rs`: no line occurs twice, so nothing is dropped as a
//! repeated line), read as one document and as many small articles; and the
//! seed articles repeated as many small articles.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

#[path = "support/gen.rs"]
mod gen;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn bench(c: &mut Criterion) {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let seeds = seeds();
    let varied = gen::varied_articles(3_000_000, 11);
    let one: String = varied.join("\n");
    let lines: Vec<&str> = one.lines().filter(|l| !l.is_empty()).collect();
    let distinct: std::collections::HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(distinct.len(), lines.len(), "the generated document repeats no line");
    let varied_bytes: usize = varied.iter().map(String::len).sum();
    let seed_text: String = seeds.join("\n\n");
    let articles: Vec<String> = (0..(3_000_000 / seed_text.len() + 1)).flat_map(|_| seeds.iter().cloned()).collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let claims = extract(&one, &opts).claims.len();
    println!(
        "{} generated articles, {} lines, {:.1} MB, {claims} claims as one document",
        varied.len(),
        lines.len(),
        one.len() as f64 / 1e6
    );

    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_function("generated_as_one_3MB_document", |b| b.iter(|| extract(&one, &opts).claims.len()));
    g.throughput(Throughput::Bytes(varied_bytes as u64));
    g.bench_function("generated_as_articles_3MB", |b| {
        b.iter(|| varied.iter().map(|a| extract(a, &opts).claims.len()).sum::<usize>())
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seeds_as_articles_3MB", |b| {
        b.iter(|| articles.iter().map(|a| extract(a, &opts).claims.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
