//! Cross-checking fixtures: each file under `tests/data/check/` holds a small
//! corpus and a draft, with the draft's expected findings marked under it.
//!
//! ```text
//! %! source 001_washington.txt
//! ...source text...
//! %! draft
//! Talks lasted 90 minutes.
//!              ^^^^^^^^^^ duration-conflict
//! ```
//!
//! `%! source NAME` starts a source article, `%! draft` the draft; `%% key:
//! value` sets `published` or `today`. A mark is `^^^ code`; every finding
//! must be marked, and a draft without marks must raise nothing at all.
//! `UPDATE_EXPECT=1` rewrites the marks from the current output, for review.

use chrono::NaiveDate;
use corroborate::check::{analyze, Analysis};
use corroborate::claims::Options;
use corroborate::index::Corpus;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// (line, first character, end character, code or claim summary)
type Mark = (usize, usize, usize, String);

struct Fixture {
    sources: Vec<(PathBuf, String)>,
    draft: String,
    opts: Options,
    marks: Vec<Mark>,
    header: Vec<String>,
    source_block: String,
}

fn parse(src: &str) -> Fixture {
    let mut opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let mut sources: Vec<(PathBuf, String)> = Vec::new();
    let mut draft_lines: Vec<&str> = Vec::new();
    let mut in_draft = false;
    let mut marks = Vec::new();
    let mut header = Vec::new();
    let mut source_block = String::new();
    for line in src.lines() {
        if let Some(d) = line.strip_prefix("%%") {
            header.push(line.to_string());
            let (k, v) = d.split_once(':').unwrap();
            let date = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").unwrap();
            match k.trim() {
                "published" => opts.published = Some(date),
                "today" => opts.today = date,
                other => panic!("unknown directive {other}"),
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("%! ") {
            if rest.trim() == "draft" {
                in_draft = true;
                writeln!(source_block, "{line}").unwrap();
            } else {
                let name = rest.trim().strip_prefix("source ").expect("`%! source NAME` or `%! draft`");
                sources.push((PathBuf::from(name), String::new()));
                writeln!(source_block, "{line}").unwrap();
            }
            continue;
        }
        if in_draft {
            if line.trim_start().starts_with('^') {
                let start = line.chars().position(|c| c == '^').unwrap();
                let n = line.chars().skip(start).take_while(|&c| c == '^').count();
                let code = line.chars().skip(start + n).collect::<String>().trim().to_string();
                marks.push((draft_lines.len() - 1, start, start + n, code));
            } else {
                draft_lines.push(line);
            }
        } else {
            let last = sources.last_mut().expect("text before the first `%! source`");
            last.1.push_str(line);
            last.1.push('\n');
            writeln!(source_block, "{line}").unwrap();
        }
    }
    let mut draft = draft_lines.join("\n");
    draft.push('\n');
    Fixture { sources, draft, opts, marks, header, source_block }
}

fn findings(f: &Fixture) -> (Analysis, Vec<Mark>, String) {
    let corpus = Corpus::build(f.sources.clone(), &f.opts);
    let draft = corroborate::draft::read(&f.draft, &corpus, &f.opts, None);
    let a = analyze(&draft, &corpus, None);
    let text = draft.article.text.clone();
    let mut got = Vec::new();
    for x in &a.findings {
        let line_start = text[..x.span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line = text[..x.span.start].matches('\n').count();
        let s = text[line_start..x.span.start].chars().count();
        let e = s + text[x.span.start..x.span.end].chars().count();
        got.push((line, s, e, x.code.name().to_string()));
    }
    (a, got, text)
}

fn check(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check").join(name);
    let src = std::fs::read_to_string(&path).unwrap();
    let f = parse(&src);
    let (a, mut got, text) = findings(&f);
    let mut want = f.marks.clone();
    got.sort();
    want.sort();
    if got != want {
        let mut out = String::new();
        for h in &f.header {
            writeln!(out, "{h}").unwrap();
        }
        out.push_str(&f.source_block);
        for (n, line) in text.lines().enumerate() {
            writeln!(out, "{line}").unwrap();
            for (l, s, e, code) in &got {
                if *l == n {
                    writeln!(out, "{}{} {}", " ".repeat(*s), "^".repeat((e - s).max(1)), code).unwrap();
                }
            }
        }
        if std::env::var("UPDATE_EXPECT").is_ok() {
            std::fs::write(&path, out).unwrap();
            return;
        }
        let messages: Vec<String> = a.findings.iter().map(|x| format!("{}: {}", x.code.name(), x.message)).collect();
        panic!("{name}: findings differ\nwant {want:?}\ngot  {got:?}\nmessages: {messages:#?}\n--- actual ---\n{out}");
    }
}

macro_rules! fixtures {
    ($($test:ident => $file:literal),* $(,)?) => {
        $( #[test] fn $test() { check($file); } )*
    };
}

fixtures! {
    indonesian_draft_every_code => "id_every_code.txt",
    english_draft_every_code => "en_every_code.txt",
    clean_draft_raises_nothing => "clean.txt",
    names_that_are_not_variants => "names_negative.txt",
    draft_about_two_events => "two_events.txt",
    syndicated_copies_count_once => "syndicated.txt",
    two_calls_a_month_apart_are_two_happenings => "two_calls.txt",
    one_meeting_in_two_languages => "cross_language.txt",
    roles_keep_counts_ages_and_lengths_apart => "roles.txt",
    people_given_another_role_or_someone_elses => "roles_people.txt",
    an_undated_happening_is_the_one_the_story_follows => "undated_story_happening.txt",
    a_hearing_the_sources_name_with_no_one => "unnamed_hearing.txt",
    a_source_does_not_contradict_itself => "self_consistent_source.txt",
}

/// The seed 002, checked against the other seeds (never against itself).
#[test]
fn seed_checked_against_the_rest() {
    let opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (corpus, messages) = Corpus::load(&[seeds], &opts, corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    assert!(messages.is_empty());
    assert_eq!(corpus.events.len(), 2, "two events: the 2017 and the 2025 call");
    let mut groups: Vec<Vec<String>> = corpus
        .events
        .iter()
        .map(|e| e.members.iter().map(|&m| corpus.sources[m].name[..3].to_string()).collect())
        .collect();
    groups.sort();
    assert_eq!(groups, [vec!["000", "001", "002"], vec!["003", "004"]]);

    let path = corpus.sources.iter().find(|s| s.name.starts_with("002")).unwrap().path.clone();
    let me = corpus.source_at(&path);
    assert!(me.is_some());
    let text = std::fs::read_to_string(&path).unwrap();
    let draft = corroborate::draft::read(&text, &corpus, &opts, me);
    let a = analyze(&draft, &corpus, me);
    let find = |claim: &str| a.findings.iter().find(|f| &draft.article.text[f.span.start..f.span.end] == claim);
    let d = find("45 menit").expect("45 menit is reported");
    assert!(matches!(d.code.name(), "duration-conflict" | "sources-disagree"));
    assert!(d.evidence.iter().any(|e| corpus.sources[e.source].name.starts_with("001")));
    assert!(d.evidence.iter().all(|e| Some(e.source) != me), "never evidence from itself");
    let t = find("Minggu (29/1)").expect("Minggu (29/1) is reported");
    assert_eq!(t.code.name(), "date-timezone");
}

fn analysis_of(name: &str) -> (Analysis, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check").join(name);
    let f = parse(&std::fs::read_to_string(path).unwrap());
    let (a, _, text) = findings(&f);
    (a, text)
}

#[test]
fn weekday_fixes_rank_the_date_the_sources_state_first() {
    let (a, text) = analysis_of("id_every_code.txt");
    let f = a.findings.iter().find(|f| f.code.name() == "date-weekday").unwrap();
    assert_eq!(&text[f.span.start..f.span.end], "Minggu (21/10/2024)");
    let fixes: Vec<(String, &str)> = f.fixes.iter().map(|x| (x.title.en(), x.replacement.as_str())).collect();
    assert_eq!(
        fixes,
        [
            ("Change the date to 2024-10-20".to_string(), "Minggu (20/10/2024)"),
            ("Change the weekday to Senin".to_string(), "Senin (21/10/2024)")
        ]
    );
    assert!(f.message.en().contains("2024-10-21 was a Monday, not a Sunday"), "{}", f.message);
}

#[test]
fn english_weekday_fix_keeps_the_language() {
    let (a, _) = analysis_of("en_every_code.txt");
    let f = a.findings.iter().find(|f| f.code.name() == "date-weekday").unwrap();
    assert_eq!(f.fixes[0].replacement, "Tuesday, March 4, 2025");
    assert_eq!(f.fixes[1].replacement, "Wednesday, March 5, 2025");
}

#[test]
fn name_fixes_use_the_sources_spelling() {
    let (a, _) = analysis_of("id_every_code.txt");
    let f = a.findings.iter().find(|f| f.code.name() == "name-variant").unwrap();
    assert_eq!(f.fixes[0].replacement, "Prabowo Subianto");
    assert!(f.message.en().contains("`Prabowo Subianto`"), "{}", f.message);
    assert!(!f.evidence.is_empty());
    let (a, _) = analysis_of("en_every_code.txt");
    let f = a.findings.iter().find(|f| f.code.name() == "name-variant").unwrap();
    assert_eq!(f.fixes[0].replacement, "Recep Tayyip Erdoğan");
}

#[test]
fn conflicts_cite_the_sources_and_offer_their_values() {
    let (a, _) = analysis_of("id_every_code.txt");
    let f = a.findings.iter().find(|f| f.code.name() == "duration-conflict").unwrap();
    assert!(f.message.en().contains("001_washington.txt has `40 menit`"), "{}", f.message);
    assert!(f.evidence.iter().all(|e| e.verdict.name() == "contradicts"));
    let replacements: Vec<&str> = f.fixes.iter().map(|x| x.replacement.as_str()).collect();
    assert!(replacements.contains(&"40 menit"), "{replacements:?}");
    let d = a.findings.iter().find(|f| f.code.name() == "sources-disagree").unwrap();
    assert!(d.evidence.iter().any(|e| e.verdict.name() == "supports"));
    assert!(d.evidence.iter().any(|e| e.verdict.name() == "contradicts"));
    let tz = a.findings.iter().find(|f| f.code.name() == "date-timezone").unwrap();
    assert!(tz.message.en().contains("Washington"), "{}", tz.message);
}

#[test]
fn an_ignore_comment_silences_a_line() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check/id_every_code.txt");
    let src = std::fs::read_to_string(path).unwrap();
    let src = src.replace(
        "Pembicaraan telepon itu berlangsung 90 menit.",
        "Pembicaraan telepon itu berlangsung 90 menit. <!-- corroborate-ignore -->",
    );
    let f = parse(&src);
    let (a, _, _) = findings(&f);
    assert!(!a.findings.iter().any(|x| x.code.name() == "duration-conflict"));
    assert!(a.findings.iter().any(|x| x.code.name() == "sources-disagree"));
}

#[test]
fn a_syndicated_copy_is_one_piece_of_evidence() {
    let (a, _) = analysis_of("syndicated.txt");
    let f = &a.findings[0];
    let supports = f.evidence.iter().filter(|e| e.verdict.name() == "supports").count();
    assert_eq!(supports, 1, "the wire sentence and its copy count once");
}

/// A length a source gives that cannot hold with one it gave the same happening
/// before is of something else: the sources do not disagree with themselves.
#[test]
fn a_source_that_gives_two_lengths_disagrees_with_no_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check/self_consistent_source.txt");
    let f = parse(&std::fs::read_to_string(&path).unwrap());
    let corpus = Corpus::build(f.sources.clone(), &f.opts);
    let found = corroborate::check::source_disagreements(&corpus);
    assert!(found.is_empty(), "{}", found.len());
}
