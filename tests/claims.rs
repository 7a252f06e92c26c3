//! Claims fixtures: each file under `tests/data/claims/` is an article with
//! its expected claims written under the text.
//!
//! ```text
//! %% published: 2017-01-31
//! Presiden Rusia Vladimir Putin berbicara selama 45 menit.
//!                ^^^^^^^^^^^^^^ person Vladimir Putin (Presiden Rusia)
//!                                               ^^^^^^^^ duration 2700s [2700, 2700] exact
//! ```
//!
//! Lines starting with `%%` set options (`published`, `today`); a line whose
//! first non-space character is `^` marks a claim on the nearest text line
//! above it, by character columns. Every claim must be marked: an unmarked
//! claim fails the test as surely as a missing one. `UPDATE_EXPECT=1 cargo
//! test --test claims` rewrites the marks from the current output, for review.

use chrono::NaiveDate;
use corroborate::claims::{extract, Options};
use std::fmt::Write as _;
use std::path::Path;

struct Fixture {
    text: String,
    opts: Options,
    /// (line, start char, end char, "kind summary")
    expected: Vec<(usize, usize, usize, String)>,
    directives: Vec<String>,
}

fn parse(src: &str) -> Fixture {
    let mut opts = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let mut text_lines: Vec<&str> = Vec::new();
    let mut expected = Vec::new();
    let mut directives = Vec::new();
    for line in src.lines() {
        if let Some(d) = line.strip_prefix("%%") {
            directives.push(line.to_string());
            let (k, v) = d.split_once(':').expect("directive needs `key: value`");
            let date = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").expect("directive value is a date");
            match k.trim() {
                "published" => opts.published = Some(date),
                "today" => opts.today = date,
                other => panic!("unknown directive {other}"),
            }
            continue;
        }
        if line.trim_start().starts_with('^') {
            let start = line.chars().position(|c| c == '^').unwrap();
            let carets = line.chars().skip(start).take_while(|&c| c == '^').count();
            let what = line.chars().skip(start + carets).collect::<String>().trim().to_string();
            assert!(!text_lines.is_empty(), "a mark before any text line");
            expected.push((text_lines.len() - 1, start, start + carets, what));
            continue;
        }
        text_lines.push(line);
    }
    let mut text = text_lines.join("\n");
    text.push('\n');
    Fixture { text, opts, expected, directives }
}

fn actual(f: &Fixture) -> Vec<(usize, usize, usize, String)> {
    let ex = extract(&f.text, &f.opts);
    let text = &ex.article.text;
    let mut out = Vec::new();
    for c in &ex.claims {
        let line_start = text[..c.span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line = text[..c.span.start].matches('\n').count();
        let start = text[line_start..c.span.start].chars().count();
        let end = start + text[c.span.start..c.span.end].chars().count();
        out.push((line, start, end, format!("{} {}", c.kind().name(), c.summary())));
    }
    out
}

fn render(f: &Fixture, claims: &[(usize, usize, usize, String)]) -> String {
    let mut out = String::new();
    for d in &f.directives {
        writeln!(out, "{d}").unwrap();
    }
    for (n, line) in f.text.lines().enumerate() {
        writeln!(out, "{line}").unwrap();
        for (l, s, e, what) in claims {
            if *l == n {
                writeln!(out, "{}{} {}", " ".repeat(*s), "^".repeat((e - s).max(1)), what).unwrap();
            }
        }
    }
    out
}

fn check(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claims").join(name);
    let src = std::fs::read_to_string(&path).unwrap();
    let f = parse(&src);
    let mut got = actual(&f);
    let mut want = f.expected.clone();
    got.sort();
    want.sort();
    if got != want {
        let rendered = render(&f, &got);
        if std::env::var("UPDATE_EXPECT").is_ok() {
            std::fs::write(&path, rendered).unwrap();
            return;
        }
        let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        panic!("{name}: claims differ\nmissing: {missing:#?}\nunexpected: {extra:#?}\n--- actual ---\n{rendered}");
    }
}

macro_rules! fixtures {
    ($($test:ident => $file:literal),* $(,)?) => {
        $( #[test] fn $test() { check($file); } )*
    };
}

fixtures! {
    indonesian_dates => "dates_id.txt",
    english_dates => "dates_en.txt",
    relative_dates_resolve_against_publication => "dates_relative.txt",
    weekday_infers_year_without_publication => "dates_weekday_year.txt",
    anchored_dates_ranges_and_tense => "anchored_ranges_tense.txt",
    indonesian_durations => "durations_id.txt",
    english_durations => "durations_en.txt",
    not_durations => "not_durations.txt",
    indonesian_persons => "persons_id.txt",
    english_persons => "persons_en.txt",
    not_persons => "not_persons.txt",
    web_debris_yields_no_claims => "debris.txt",
    markdown_front_matter => "front_matter.md",
    story_earthquake => "story_earthquake.txt",
    story_election => "story_election.txt",
    story_football_transfer => "story_transfer.txt",
    unicode_before_claims => "unicode.txt",
    news_indonesian_floods => "news_id_floods.txt",
    news_english_white_house => "news_en_white_house.txt",
}
