//! Loading the corpus on many threads gives the corpus one thread gives.

use chrono::NaiveDate;
use corroborate::claims::Options;
use corroborate::index::Corpus;
use std::path::PathBuf;

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn load_on(threads: usize, dirs: &[PathBuf]) -> (String, String, Vec<corroborate::corpus::Problem>) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| {
        let (corpus, messages) = Corpus::load(dirs, &opts(), corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
        assert!(corpus.sources.len() > 50, "the fixtures are loaded: {}", corpus.sources.len());
        // Every field, term ids and float weights included, and the report built on them.
        (format!("{corpus:?}"), corroborate::report::sources_text(&corpus, corroborate::i18n::Lang::EN), messages)
    })
}

#[test]
fn a_parallel_load_equals_a_sequential_one_on_the_fixtures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dirs = vec![root.join("tests/data"), root.join("seeds")];
    let one = load_on(1, &dirs);
    for threads in [2, 5] {
        let many = load_on(threads, &dirs);
        assert!(one.0 == many.0, "the corpus read on {threads} threads differs from the one read on one");
        assert_eq!(one.1, many.1, "sources report on {threads} threads");
        assert_eq!(one.2, many.2, "messages on {threads} threads");
    }
}
