//! Loading a corpus of 10,000 generated articles: throughput and peak
//! resident memory; then from files on disk, a cold start (no persistent
//! index: read, extract, index, and the index written) against a warm one
//! (from the index). A plain harness (criterion measures no memory): run with
//! `cargo bench --bench corpus`.

#[path = "support/gen.rs"]
mod gen;

use chrono::NaiveDate;
use corroborate::claims::Options;
use corroborate::index::Corpus;
use std::time::Instant;

/// CPU seconds this process has used (user and system), from /proc: a
/// figure that other work on a shared machine disturbs less than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (in parentheses): utime is the 14th field, stime the 15th.
    let rest = stat.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

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
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let threads = rayon::current_num_threads();
    println!(
        "load_10000_generated_articles ({cores} cores, {threads} threads): {:.1} MB in {:.2} s = {:.1} MB/s; {} events (2,000 generated); peak RSS {:.0} MB (texts alone {:.0} MB, before loading {:.0} MB)",
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        events,
        peak,
        bytes as f64 / 1e6,
        before
    );
    from_disk(10_000, &opts);
    // An archive: `CORROBORATE_BENCH_ARTICLES=100000` (generated once, then kept).
    if let Some(n) = gen::archive_size() {
        from_disk(n, &opts);
    }
}

/// Starting on `n` generated articles from files: without an index, cold
/// (the index is made), warm (from it); best of three, and the peak memory.
fn from_disk(n: usize, opts: &Options) {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let threads = rayon::current_num_threads();
    // From disk: without an index, cold (the index is made), warm (from it).
    let dir = gen::write_generated(n);
    let dirs = [dir.clone()];
    let max = corroborate::corpus::DEFAULT_MAX_FILE_BYTES;
    let cache = std::env::temp_dir().join(format!("corroborate-bench-index-{}", std::process::id()));
    let file = corroborate::store::index_file(&corroborate::store::Place::Folder(cache.clone()), &dirs).unwrap();
    // Best of three, wall and CPU seconds.
    let mut best = [(f64::MAX, f64::MAX); 4];
    let mut time = |i: usize, f: &mut dyn FnMut()| {
        let (t, c) = (Instant::now(), cpu_seconds());
        f();
        let (w, c) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
        best[i] = (best[i].0.min(w), best[i].1.min(c));
    };
    for _ in 0..3 {
        time(0, &mut || drop(Corpus::load(&dirs, opts, max)));
        let _ = std::fs::remove_file(&file);
        let mut pending = None;
        time(1, &mut || {
            let l = corroborate::store::load(&dirs, opts, max, Some(&file));
            assert_eq!(l.stats.reused, 0);
            pending = l.pending;
        });
        time(2, &mut || pending.take().unwrap().write().unwrap());
        time(3, &mut || {
            let l = corroborate::store::load(&dirs, opts, max, Some(&file));
            assert_eq!(l.stats.read, 0, "the warm start reads no file");
        });
    }
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let [plain, cold, write, warm] = best;
    println!(
        "start_{n}_articles_from_disk ({cores} cores, {threads} threads), wall (CPU) seconds: without an index {:.2} ({:.2}); cold {:.2} ({:.2}) + writing the index {:.2} ({:.2}), {:.0} MB; warm from the index {:.2} ({:.2}); peak RSS of the process so far {:.0} MB",
        plain.0, plain.1, cold.0, cold.1, write.0, write.1, size as f64 / 1e6, warm.0, warm.1,
        peak_rss_mb().unwrap_or(0.0)
    );
    let _ = std::fs::remove_dir_all(&cache);
}
