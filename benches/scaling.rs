//! Linear time, shown: each case is run at a size and at four times that
//! size, and the table gives both times and their ratio (about 4 for linear
//! work, about 16 for quadratic). A plain harness: `cargo bench --bench scaling`.
//!
//! Cases: one corpus file that is a single long line; a long draft checked
//! against the seeds; many articles of one story, loaded and compared
//! (`sources`).

use chrono::NaiveDate;
use corroborate::check::analyze;
use corroborate::claims::{extract, Options};
use corroborate::index::Corpus;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

/// The median of `runs` timings of `f`, in seconds.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn long_line(n: usize) -> Vec<(PathBuf, String)> {
    // One sentence, one line: commas only.
    let text = "rapat kabinet berlangsung 2 jam dan Menteri Sri Mulyani Indrawati hadir, ".repeat(n);
    vec![(PathBuf::from("line.txt"), text)]
}

fn story(n: usize) -> Vec<(PathBuf, String)> {
    (0..n)
        .map(|i| {
            let len = if i % 3 == 0 { "sejam" } else { "45 menit" };
            let text = format!(
                "---\ndate: 2024-03-05\n---\nRapat kabinet membahas anggaran pada Senin (4/3/2024) dan berlangsung {len}.\nMenteri Keuangan Sri Mulyani Indrawati memimpin rapat kabinet itu di Jakarta.\n"
            );
            (PathBuf::from(format!("a{i:06}.txt")), text)
        })
        .collect()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("scaling: benchmark");
        return;
    }
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (corpus, _) = Corpus::load(&[seeds], &opts(), corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    let filler = "Presiden Rusia Vladimir Putin dan Presiden AS Donald Trump berbicara melalui telepon pada Rabu (12/2/2025) selama hampir satu setengah jam, kata juru bicara Kremlin Dmitry Peskov.\n";
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("scaling ({cores} cores): size n and 4n, median of runs, ratio of the times");
    println!("{:<46} {:>9} {:>11} {:>11} {:>6}", "case", "n", "time n", "time 4n", "ratio");
    let row = |name: &str, n: usize, runs: usize, f: &dyn Fn(usize)| {
        let a = median(runs, || f(n));
        let b = median(runs, || f(4 * n));
        println!("{name:<46} {n:>9} {:>9.1}ms {:>9.1}ms {:>6.2}", a * 1e3, b * 1e3, b / a);
    };
    row("one corpus line of n clauses (load)", 20_000, 3, &|n| {
        let c = Corpus::build(long_line(n), &opts());
        assert!(!c.is_empty());
    });
    row("a draft of n lines against the seeds (check)", 1_000, 3, &|n| {
        let mut o = opts();
        o.read.drop_duplicates = false;
        let draft = extract(&filler.repeat(n), &o);
        let a = analyze(&draft, &corpus, None);
        assert!(a.reports.len() >= n);
    });
    row("n articles of one story (load + sources)", 4_000, 3, &|n| {
        let c = Corpus::build(story(n), &opts());
        let text = corroborate::report::sources_text(&c, corroborate::i18n::Lang::EN);
        assert!(text.contains("disagreements"));
    });
}
