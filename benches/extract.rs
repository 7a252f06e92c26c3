//! Extraction throughput: the seed articles repeated to about 3 MB, read as
//! one document and as many small articles.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn bench(c: &mut Criterion) {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let seeds = seeds();
    let one: String = seeds.join("\n\n");
    let mut big = String::new();
    while big.len() < 3_000_000 {
        big.push_str(&one);
        big.push_str("\n\n");
    }
    let articles: Vec<String> = (0..(3_000_000 / one.len() + 1)).flat_map(|_| seeds.iter().cloned()).collect();
    let bytes: usize = articles.iter().map(String::len).sum();

    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("seeds_as_one_3MB_document", |b| b.iter(|| extract(&big, &opts).claims.len()));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seeds_as_articles_3MB", |b| {
        b.iter(|| articles.iter().map(|a| extract(a, &opts).claims.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
