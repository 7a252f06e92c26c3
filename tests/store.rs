//! The persistent index: a start from it gives the corpus a fresh load gives,
//! re-reads only what changed, and is ignored (then rebuilt) when damaged or
//! from another version.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options};
use corroborate::index::Corpus;
use corroborate::store::{self, Stats};
use std::path::{Path, PathBuf};

const MAX: u64 = corroborate::corpus::DEFAULT_MAX_FILE_BYTES;

fn opts() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-store-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let target = to.join(e.file_name());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// A corpus folder with the fixture stories and the seeds, and a separate
/// folder for the index.
fn setup(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let root = temp_dir(name);
    let corpus = root.join("corpus");
    copy_tree(&repo().join("tests/data/stories"), &corpus.join("stories"));
    copy_tree(&repo().join("seeds"), &corpus.join("seeds"));
    let cache = root.join("cache");
    let file = store::index_file(&store::Place::Folder(cache.clone()), std::slice::from_ref(&corpus)).unwrap();
    (corpus, cache, file)
}

/// Every field of the corpus, and the report built on it.
fn fingerprint(c: &Corpus) -> (String, String) {
    (format!("{c:?}"), corroborate::report::sources_text(c, corroborate::i18n::Lang::EN))
}

fn fresh(dir: &Path, o: &Options) -> (String, String) {
    let (c, _) = Corpus::load(&[dir.to_path_buf()], o, MAX);
    fingerprint(&c)
}

/// Loads through the index, writes it when asked to, and returns the corpus's
/// fingerprint and what was reused.
fn load(dir: &Path, file: &Path, o: &Options) -> ((String, String), Stats, bool) {
    let l = store::load(&[dir.to_path_buf()], o, MAX, Some(file));
    let wrote = l.pending.is_some();
    if let Some(p) = l.pending {
        p.write().unwrap();
    }
    (fingerprint(&l.corpus), l.stats, wrote)
}

fn count_articles(dir: &Path) -> usize {
    corroborate::corpus::article_files(&[dir.to_path_buf()]).0.len()
}

#[test]
fn a_second_load_from_the_index_equals_the_first_and_a_fresh_one() {
    let (corpus, _, file) = setup("equal");
    let n = count_articles(&corpus);
    assert!(n > 20);
    let (first, stats, wrote) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: 0, read: n });
    assert!(wrote && file.is_file(), "the first load writes the index");
    let (second, stats, wrote) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: n, read: 0 }, "the second load reads no file");
    assert!(!wrote, "an index that is up to date is not written again");
    assert!(first == second, "the corpus from the index differs from the first");
    assert!(first == fresh(&corpus, &opts()), "the corpus from the index differs from a load without one");
}

#[test]
fn changed_added_and_deleted_files_are_read_again_and_only_they() {
    let (corpus, _, file) = setup("changed");
    let n = count_articles(&corpus);
    load(&corpus, &file, &opts());
    let seeds: Vec<PathBuf> = corroborate::corpus::article_files(&[corpus.join("seeds")]).0;
    // A longer text.
    let grown = &seeds[0];
    let text = std::fs::read_to_string(grown).unwrap();
    std::fs::write(grown, format!("{text}\nPertemuan itu berlangsung 3 jam pada Senin (3/2/2025).\n")).unwrap();
    // The same size, another text and another modification time.
    let same_size = &seeds[1];
    let text = std::fs::read_to_string(same_size).unwrap();
    let swapped = text.replacen("Trump", "Trumq", 1);
    assert_eq!(swapped.len(), text.len());
    assert_ne!(swapped, text);
    std::fs::write(same_size, &swapped).unwrap();
    let f = std::fs::File::options().write(true).open(same_size).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
    drop(f);
    // One gone, one new.
    std::fs::remove_file(&seeds[2]).unwrap();
    std::fs::write(corpus.join("seeds/new.md"), "Rapat kabinet pada Rabu (12/2/2025) berlangsung dua jam.\n").unwrap();
    let (got, stats, wrote) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: n - 3, read: 3 }, "two changed files and a new one are read, no other");
    assert!(wrote);
    assert!(got == fresh(&corpus, &opts()), "the corpus differs from a fresh load after the changes");
    assert!(got.0.contains("new.md"));
    let (again, stats, _) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: n, read: 0 });
    assert!(again == got);
}

#[test]
fn a_damaged_index_is_ignored_and_rebuilt() {
    let (corpus, _, file) = setup("damaged");
    let n = count_articles(&corpus);
    let (good, _, _) = load(&corpus, &file, &opts());
    let bytes = std::fs::read(&file).unwrap();
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("cut at the header", bytes[..20].to_vec()),
        ("a byte changed", flipped),
        ("empty", Vec::new()),
        ("not an index", b"hello, this is not an index at all".to_vec()),
    ];
    for (what, b) in damaged {
        std::fs::write(&file, &b).unwrap();
        let (got, stats, wrote) = load(&corpus, &file, &opts());
        assert_eq!(stats, Stats { reused: 0, read: n }, "{what}: nothing is taken from it");
        assert!(got == good, "{what}: the corpus differs");
        assert!(wrote, "{what}: it is rebuilt");
        let (_, stats, _) = load(&corpus, &file, &opts());
        assert_eq!(stats, Stats { reused: n, read: 0 }, "{what}: the rebuilt index is used");
    }
}

#[test]
fn an_index_from_another_version_or_other_options_is_ignored() {
    let (corpus, _, file) = setup("version");
    let n = count_articles(&corpus);
    let (good, _, _) = load(&corpus, &file, &opts());
    // The format number follows the 16-byte magic: another format.
    let mut bytes = std::fs::read(&file).unwrap();
    assert_eq!(bytes[16], store::FORMAT as u8);
    bytes[16] = store::FORMAT as u8 + 1;
    std::fs::write(&file, &bytes).unwrap();
    let (got, stats, wrote) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: 0, read: n });
    assert!(wrote && got == good);
    // Other reading options.
    let mut other = opts();
    other.read.drop_duplicates = false;
    let (_, stats, _) = load(&corpus, &file, &other);
    assert_eq!(stats, Stats { reused: 0, read: n }, "other reading options use nothing from the index");
}

#[test]
fn an_interrupted_write_leaves_the_old_index_usable() {
    let (corpus, cache, file) = setup("killed");
    let n = count_articles(&corpus);
    let (good, _, _) = load(&corpus, &file, &opts());
    // What a write killed before its rename leaves: a partial temporary file.
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let partial = std::fs::read(&file).unwrap();
    std::fs::write(cache.join(format!(".{name}.999.1.tmp")), &partial[..partial.len() / 3]).unwrap();
    let (got, stats, _) = load(&corpus, &file, &opts());
    assert_eq!(stats, Stats { reused: n, read: 0 });
    assert!(got == good);
    // A write that fails (its folder is a file) leaves no index and no error beyond its message.
    let blocked = cache.join("blocked");
    std::fs::write(&blocked, "a file").unwrap();
    let l = store::load(std::slice::from_ref(&corpus), &opts(), MAX, Some(&blocked.join("index.bin")));
    assert!(l.pending.unwrap().write().is_err());
}

#[test]
fn the_index_is_never_written_into_a_corpus_folder() {
    fn listing(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p.clone());
                }
                out.push(p);
            }
        }
        out.sort();
        out
    }
    let (corpus, cache, file) = setup("no-write");
    let before = listing(&corpus);
    load(&corpus, &file, &opts());
    load(&corpus, &file, &opts());
    assert_eq!(listing(&corpus), before, "the corpus folder is untouched");
    assert!(file.starts_with(&cache));
    // Under the user's cache folder, the index lies outside the corpus.
    if let Some(f) = store::index_file(&store::Place::Cache, std::slice::from_ref(&corpus)) {
        assert!(!f.starts_with(&corpus));
    }
    assert_eq!(store::index_file(&store::Place::Off, std::slice::from_ref(&corpus)), None);
    // A workspace's `.corroborate/` inside the corpus folder is not read as articles.
    let inside =
        store::index_file(&store::Place::Folder(corpus.join(".corroborate")), std::slice::from_ref(&corpus)).unwrap();
    let n = count_articles(&corpus);
    load(&corpus, &inside, &opts());
    assert!(inside.is_file());
    std::fs::write(corpus.join(".corroborate/stray.md"), "Rapat pada Rabu (12/2/2025).\n").unwrap();
    let (_, stats, _) = load(&corpus, &inside, &opts());
    assert_eq!(stats, Stats { reused: n, read: 0 });
}

/// An entry whose dates may come from the clock is used only on the day it
/// was read; the others on any day, and they read the same on any day.
#[test]
fn entries_that_may_depend_on_the_clock_are_read_again_on_another_day() {
    let mut texts: Vec<PathBuf> =
        corroborate::corpus::article_files(&[repo().join("tests/data"), repo().join("seeds")]).0;
    texts.sort();
    let other_day = Options::new(NaiveDate::from_ymd_opt(2031, 3, 4).unwrap());
    let mut independent = 0;
    for p in &texts {
        let text = std::fs::read_to_string(p).unwrap();
        let ex = extract(&text, &opts());
        if store::day_independent(&ex) {
            independent += 1;
            let later = extract(&text, &other_day);
            assert_eq!(ex.claims, later.claims, "{}: claims differ on another day", p.display());
            assert_eq!(ex.reference, later.reference, "{}", p.display());
        }
    }
    assert!(independent > texts.len() / 2, "{independent} of {}", texts.len());
    let (corpus, _, file) = setup("day");
    std::fs::write(corpus.join("undated.md"), "Rapat kabinet pada Rabu (12/2) berlangsung dua jam.\n").unwrap();
    let n = count_articles(&corpus);
    load(&corpus, &file, &opts());
    let (got, stats, _) = load(&corpus, &file, &other_day);
    assert!(stats.read >= 1 && stats.read < n, "{stats:?}");
    assert!(got == fresh(&corpus, &other_day));
}
