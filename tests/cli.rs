//! The `corroborate` binary: output shapes, exit codes, messages.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corroborate"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    english(&mut c);
    c
}

/// The environment names no language: messages are in English whatever the
/// developer's locale (tests of the language set it themselves).
fn english(c: &mut Command) -> &mut Command {
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C")
}

/// Today's date for every run: no test reads the clock.
const TODAY: &str = "2026-11-22";

/// Runs the binary; commands that read dates get `--today`.
fn run(args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    if matches!(args.first(), Some(&("claims" | "check" | "sources"))) {
        all.splice(1..1, ["--today", TODAY]);
    }
    bin().args(all).output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let p = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix));
    format!("seeds/{}", p.unwrap().file_name().unwrap().to_str().unwrap())
}

#[test]
fn claims_json_has_the_documented_shape() {
    let f = seed("002");
    let out = run(&["claims", "--format", "json", &f]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["file"], f.as_str());
    assert_eq!(file["published"], "2017-01-31");
    let claims = file["claims"].as_array().unwrap();
    let dur = claims.iter().find(|c| c["text"] == "45 menit").unwrap();
    assert_eq!(dur["kind"], "duration");
    assert_eq!(
        dur["value"],
        serde_json::json!({"seconds": 2700, "min_seconds": 2700, "max_seconds": 2700, "qualifier": "exact"})
    );
    assert_eq!(dur["range"]["start"]["line"], 22);
    let date = claims.iter().find(|c| c["text"] == "Minggu (29/1)").unwrap();
    assert_eq!(date["value"], serde_json::json!({"date": "2017-01-29", "weekday": "sunday"}));
    let person = claims.iter().find(|c| c["text"] == "Mikhail Yurievich Galuzin").unwrap();
    assert_eq!(
        person["value"],
        serde_json::json!({"name": "Mikhail Yurievich Galuzin", "role": "Duta Besar Rusia untuk Indonesia"})
    );
}

#[test]
fn ranges_count_utf16_code_units() {
    let p = tmp("emoji.txt", "😀👍🏽 Rapat berlangsung 45 menit.\r\nLalu sejam lagi? Tidak: sejam.\n".as_bytes());
    let out = run(&["claims", "--format", "json", p.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = v["files"][0]["claims"].as_array().unwrap();
    let first = &claims[0];
    assert_eq!(first["text"], "45 menit");
    // 😀 and 👍 are two UTF-16 units each, 🏽 two more, then a space: 7 units before "Rapat".
    let col = "😀👍🏽 Rapat berlangsung ".encode_utf16().count();
    assert_eq!(first["range"]["start"], serde_json::json!({"line": 0, "character": col}));
    assert_eq!(first["range"]["end"], serde_json::json!({"line": 0, "character": col + 8}));
    let last = claims.last().unwrap();
    assert_eq!(last["text"], "sejam");
    assert_eq!(last["range"]["start"], serde_json::json!({"line": 1, "character": 24}));
}

#[test]
fn human_format_is_one_line_a_claim() {
    let f = seed("001");
    let out = run(&["claims", &f]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == format!("{f}:5:62 duration sejam → 3600s [3600, 3600] exact")), "{text}");
    assert!(text.lines().any(|l| l == format!("{f}:2:1 date Sabtu (28/1/2017) → 2017-01-28 saturday")), "{text}");
}

#[test]
fn published_sets_the_reference_of_undated_files() {
    let p = tmp("undated.txt", b"Rapat digelar kemarin.\n");
    let out = run(&["claims", "--format", "json", "--published", "2020-06-15", p.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["published"], "2020-06-15");
    assert_eq!(v["files"][0]["claims"][0]["value"]["date"], "2020-06-14");
}

#[test]
fn corpus_gives_an_undated_seed_its_year() {
    let f = seed("000");
    let out = run(&["claims", "--format", "json", "--corpus", "seeds", &f]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = v["files"][0]["claims"].as_array().unwrap();
    let d = claims.iter().find(|c| c["text"] == "10 Februari mendatang").unwrap();
    assert_eq!(d["value"]["date"], "2017-02-10");
}

#[test]
fn unreadable_input_exits_2_and_says_which() {
    let out = run(&["claims", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot read no/such/file.txt"), "{err}");
}

#[test]
fn other_files_still_print_when_one_is_unreadable() {
    let f = seed("001");
    let out = run(&["claims", "--format", "json", "missing.txt", &f]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning() {
    let p = tmp("latin1.txt", b"Rapat berlangsung 45 menit di caf\xe9.\n");
    let out = run(&["claims", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stderr).unwrap().contains("not valid UTF-8"));
    assert!(String::from_utf8(out.stdout).unwrap().contains("45 menit"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["claims"]).status.code(), Some(2));
    assert_eq!(run(&["claims", "--published", "31/1/2017", "x.txt"]).status.code(), Some(2));
    assert_eq!(run(&["claims", "--format", "xml", "x.txt"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn check_json_reports_the_seed_disagreements() {
    let f = seed("002");
    let out = run(&["check", "--format", "json", &f]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let d = diags.iter().find(|d| d["claim"]["text"] == "45 menit").unwrap();
    assert_eq!(d["code"], "duration-conflict");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["range"], d["claim"]["range"]);
    assert!(d["evidence"][0]["file"].as_str().unwrap().contains("001_"));
    assert_eq!(d["evidence"][0]["verdict"], "contradicts");
    assert_eq!(d["fixes"][0]["replacement"], "sejam");
    let tz = diags.iter().find(|d| d["claim"]["text"] == "Minggu (29/1)").unwrap();
    assert_eq!(tz["code"], "date-timezone");
    assert_eq!(tz["severity"], "information");
}

#[test]
fn check_exits_0_on_a_clean_draft_and_1_on_warnings() {
    let clean = tmp(
        "clean.md",
        "Presiden Rusia Vladimir Putin berbicara dengan Presiden AS Donald Trump melalui telepon.\n".as_bytes(),
    );
    let out = run(&["check", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let bad = tmp(
        "bad.md",
        "Presiden Rusia Vladimir Puttin berbicara dengan Presiden AS Donald Trump melalui telepon.\n".as_bytes(),
    );
    let out = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[name-variant]"), "{text}");
    assert!(text.contains("--> "), "{text}");
}

#[test]
fn check_reports_bad_input_with_exit_2() {
    assert_eq!(run(&["check", "--corpus", "no/such/dir", &seed("001")]).status.code(), Some(2));
    let out = run(&["check", "missing-draft.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("cannot read missing-draft.md"));
}

#[test]
fn sources_lists_the_two_events() {
    let out = run(&["sources", "--format", "json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let files = |e: &Value| -> Vec<String> {
        e["articles"].as_array().unwrap().iter().map(|a| a["file"].as_str().unwrap()[6..9].to_string()).collect()
    };
    assert_eq!(files(&events[0]), ["000", "001", "002"]);
    assert_eq!(files(&events[1]), ["003", "004"]);
    let codes: Vec<&str> =
        events[0]["disagreements"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 2, "exactly the two real disagreements: {codes:?}");
    assert!(codes.contains(&"sources-disagree") && codes.contains(&"date-timezone"), "{codes:?}");
    assert!(events[1]["disagreements"].as_array().unwrap().is_empty());
    let d = &events[0]["disagreements"][0];
    assert!(d["file"].is_string() && d["claim"]["text"].is_string() && d["message"].is_string(), "{d}");
    let calls: Vec<&Value> =
        events[0]["happenings"].as_array().unwrap().iter().filter(|h| h["kind"] == "call").collect();
    assert!(calls.iter().any(|h| h["date"] == "2017-01-28" && h["files"].as_array().unwrap().len() == 3), "{calls:?}");
    let human = String::from_utf8(run(&["sources"]).stdout).unwrap();
    assert!(human.contains("event 1: 3 article(s), 2017-01-28 to 2017-01-31"), "{human}");
}

#[test]
fn a_bad_corpus_file_is_reported_and_the_run_goes_on() {
    let dir = std::env::temp_dir().join(format!("corroborate-cli-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(dir.join("001.txt"), "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n").unwrap();
    std::fs::write(dir.join("nested/002.md"), b"Rapat kabinet berlangsung 45 menit di caf\xe9 Senin (4/3/2024).\n")
        .unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.4 not an article").unwrap();
    let draft = tmp("rapat.md", "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n".as_bytes());
    let out = run(&["check", "--format", "json", "--corpus", dir.to_str().unwrap(), draft.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("002.md is not valid UTF-8"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "duration-conflict");
    // Both articles were read: the PDF was skipped, the Latin-1 file read lossily.
    let files: Vec<&str> = d["evidence"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 2, "{d}");
    assert!(files[1].ends_with("nested/002.md"), "{files:?}");
}

#[test]
fn published_wins_over_what_the_file_says() {
    let p = tmp("dated.md", b"---\ndate: 2019-01-01\n---\nRapat digelar kemarin.\n");
    let out = run(&["claims", "--format", "json", "--published", "2020-06-15", p.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["published"], "2020-06-15");
    assert_eq!(v["files"][0]["claims"][0]["value"]["date"], "2020-06-14");
}

#[test]
fn a_date_alone_on_a_body_line_is_no_publication_stamp() {
    let text = "Daftar kecelakaan\n\nBerikut kecelakaan pesawat di perairan itu.\nSatu pesawat jatuh ke laut.\nPesawat lain mendarat darurat.\n9 Januari 2021\nPesawat itu hilang kemarin.\n";
    let p = tmp("list.txt", text.as_bytes());
    let out = run(&["claims", "--format", "json", "--published", "2024-05-02", p.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["published"], "2024-05-02");
    let claims = v["files"][0]["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["value"]["date"] == "2021-01-09"), "the listed date is a claim: {claims:?}");
    let rel = claims.iter().find(|c| c["text"] == "kemarin").unwrap();
    assert_eq!(rel["value"]["date"], "2024-05-01");
    // Without --published the file has no publication date at all.
    let out = run(&["claims", "--format", "json", p.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["published"], Value::Null);
}

#[test]
fn a_weekday_year_follows_the_text_not_the_clock() {
    // 12 February was a Wednesday in 2025 and again in 2031.
    let p = tmp("weekday.txt", "Pada Januari 2025 rapat dimulai. Keduanya bertemu Rabu (12/2).\n".as_bytes());
    for today in ["2025-06-01", "2031-06-01", "2040-01-01"] {
        let out = bin().args(["claims", "--format", "json", "--today", today, p.to_str().unwrap()]).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let claims = v["files"][0]["claims"].as_array().unwrap();
        let d = claims.iter().find(|c| c["text"] == "Rabu (12/2)").unwrap();
        assert_eq!(d["value"]["date"], "2025-02-12", "today {today}");
    }
}

#[test]
fn hostile_corpus_files_are_named_and_skipped() {
    let dir = std::env::temp_dir().join(format!("corroborate-cli-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("001.txt"), "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n").unwrap();
    assert!(Command::new("mkfifo").arg(dir.join("fifo.md")).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let draft = tmp("rapat2.md", "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n".as_bytes());
    let out = run(&["check", "--format", "json", "--corpus", dir.to_str().unwrap(), draft.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("fifo.md: not a regular file"), "{err}");
    assert!(err.contains("zero.txt: not a regular file"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
}

#[test]
fn lsp_accepts_stdio_as_editor_clients_pass_it() {
    use std::io::{BufRead, BufReader, Read, Write};
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let mut child = bin()
        .args(["lsp", "--stdio"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // Reads frames until the reply with `id`.
    let mut reply = |id: u64| loop {
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "the server ended its output");
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; len];
        stdout.read_exact(&mut body).unwrap();
        let v: Value = serde_json::from_slice(&body).unwrap();
        if v["id"] == id {
            return v;
        }
    };
    stdin
        .write_all(frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#).as_bytes())
        .unwrap();
    assert!(reply(1)["result"]["capabilities"].is_object());
    stdin.write_all(frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#).as_bytes()).unwrap();
    assert!(reply(2)["result"].is_null());
    stdin.write_all(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#).as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn version_names_the_commit() {
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.trim_end();
    let rest = line.strip_prefix(concat!("corroborate ", env!("CARGO_PKG_VERSION"), " (commit ")).expect(line);
    let commit = rest.strip_suffix(')').expect(line);
    let git = Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success());
    match git {
        Some(g) => assert_eq!(commit, String::from_utf8(g.stdout).unwrap().trim()),
        None => assert!(commit == "unknown" || commit.chars().all(|c| c.is_ascii_hexdigit()), "{line}"),
    }
}

#[test]
fn help_lists_settings_environment_and_exit_statuses() {
    let help = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let check = help(&["check", "--help"]);
    assert!(check.contains("Exit status:") && check.contains("1  warnings or errors found"), "{check}");
    assert!(check.contains("--lang <LANG>") && check.contains("LANG"), "{check}");
    let lsp = help(&["lsp", "--help"]);
    for word in
        ["--stdio", "corpus", "debounceMs", "maxFileBytes", "inlayHints", "severity", "language", "CORROBORATE_LOG"]
    {
        assert!(lsp.contains(word), "{word} in {lsp}");
    }
    assert!(lsp.contains("Exit status:"), "{lsp}");
    let main = help(&["--help"]);
    assert!(main.contains("CORROBORATE_LOG") && main.contains("Exit status:"), "{main}");
    for sub in ["claims", "sources"] {
        assert!(help(&[sub, "--help"]).contains("Exit status:"), "{sub}");
    }
}

/// Runs the binary into `head -1`, which closes the pipe after one line.
fn into_head(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child =
        bin().args(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let head =
        Command::new("head").arg("-1").stdin(std::process::Stdio::from(child.stdout.take().unwrap())).output().unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&head.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Far more output than a pipe holds, so the writes meet the closed pipe.
    let many = "Rapat berlangsung 45 menit pada Kamis (12/2/2025).\n".repeat(8000);
    let p = tmp("many.txt", many.as_bytes());
    let (code, first, err) = into_head(&["claims", "--today", TODAY, p.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(first.contains("duration 45 menit"), "{first}");
    assert_eq!(err, "", "no message, no panic");
    let (code, _, err) = into_head(&["claims", "--today", TODAY, "--format", "json", p.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    // check keeps its status: the weekday is wrong on every line.
    let (code, first, err) = into_head(&["check", "--today", TODAY, p.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(first.starts_with("warning[date-weekday]"), "{first}");
    assert_eq!(err, "");
    // sources: a corpus whose listing is larger than a pipe holds.
    let dir = std::env::temp_dir().join(format!("corroborate-cli-pipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..400 {
        let name = format!("{i:04}_{}.txt", "x".repeat(200));
        std::fs::write(dir.join(name), format!("Rapat ke-{i} digelar Senin (4/3/2024).\n")).unwrap();
    }
    let (code, _, err) = into_head(&["sources", "--today", TODAY, "--corpus", dir.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

/// A fresh folder of its own for a test.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir`, with `--today` after the command.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    if matches!(args.first(), Some(&("claims" | "check" | "sources"))) {
        all.splice(1..1, ["--today", TODAY]);
    }
    english(&mut Command::new(env!("CARGO_BIN_EXE_corroborate"))).current_dir(dir).args(all).output().unwrap()
}

#[test]
fn check_finds_corroborate_toml_from_a_subfolder() {
    let project = fresh_dir("project");
    std::fs::write(project.join("corroborate.toml"), "[corpus]\npaths = [\"sources\"]\n").unwrap();
    std::fs::create_dir_all(project.join("sources")).unwrap();
    std::fs::write(project.join("sources/a.txt"), "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n")
        .unwrap();
    let deep = project.join("drafts/2024/maret");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("rapat.md"), "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n").unwrap();
    let out = run_in(&deep, &["check", "--format", "json", "rapat.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "duration-conflict");
    assert_eq!(d["evidence"][0]["file"], "../../../sources/a.txt", "{d}");
    let out = run_in(&deep, &["sources", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["events"][0]["articles"][0]["file"], "../../../sources/a.txt");
}

#[test]
fn with_nothing_to_find_the_error_names_both_ways() {
    let empty = fresh_dir("nothing");
    std::fs::write(empty.join("draft.md"), "Rapat berlangsung 45 menit.\n").unwrap();
    for args in [&["check", "draft.md"][..], &["sources"][..]] {
        let out = run_in(&empty, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("no sources found"), "{err}");
        assert!(err.contains("`--corpus DIR`"), "{err}");
        assert!(err.contains("corroborate.toml") && err.contains("corroborate init"), "{err}");
        assert!(err.contains("    [corpus]\n    paths = [\"sources\"]\n"), "{err}");
    }
    // The same in Indonesian, lines and all.
    let out = run_in(&empty, &["check", "--lang", "id", "draft.md"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("sumber tidak ditemukan") && err.contains("`--corpus DIR`"), "{err}");
    assert!(err.contains("berisi dua baris ini:\n\n    [corpus]\n"), "{err}");
}

#[test]
fn init_writes_a_commented_corroborate_toml_and_never_overwrites_one() {
    let dir = fresh_dir("init");
    let out = run_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(dir.join("corroborate.toml")).unwrap();
    assert!(written.starts_with("# corroborate.toml"), "{written}");
    assert!(written.contains("\n[corpus]\n") && written.contains("\npaths = [\"sources\"]\n"), "{written}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("put the source articles"));
    // The file it wrote is what check then reads.
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/a.txt"), "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n").unwrap();
    std::fs::write(dir.join("draft.md"), "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n").unwrap();
    let out = run_in(&dir, &["check", "draft.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    // A second init leaves the file alone.
    std::fs::write(dir.join("corroborate.toml"), "[corpus]\npaths = [\"mine\"]\n").unwrap();
    let out = run_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("already exists"));
    assert_eq!(std::fs::read_to_string(dir.join("corroborate.toml")).unwrap(), "[corpus]\npaths = [\"mine\"]\n");
}

#[test]
fn each_source_has_one_label_and_paths_only_in_locations() {
    let out = run(&["check", "tests/data/drafts/telepon.md"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // 002 names its outlet in its byline (`Riva Dessthania Suastha | CNN Indonesia`); 001 does not.
    assert!(text.contains("CNN Indonesia agrees; 001_5b19a53373e7db8b.txt has `sejam` (1 h)"), "{text}");
    assert!(text.contains("CNN Indonesia: supports"), "{text}");
    assert!(
        !text.contains("002_ea25b965475099d2.txt:") || text.contains("::: seeds/002_ea25b965475099d2.txt:"),
        "{text}"
    );
    for line in text.lines().filter(|l| l.contains("seeds/") || l.contains("drafts/")) {
        let t = line.trim_start();
        assert!(t.starts_with("--> ") || t.starts_with("::: "), "a path outside a location: {line}");
    }
    let out = run(&["check", "--format", "json", "tests/data/drafts/telepon.md"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence: Vec<&Value> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["evidence"].as_array().unwrap())
        .collect();
    let cnn = evidence.iter().find(|e| e["file"].as_str().unwrap().contains("002_")).unwrap();
    assert_eq!(cnn["source"], "CNN Indonesia");
    let out = run(&["sources"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  CNN Indonesia (published 2017-01-31"), "{text}");
    assert!(text.contains("    --> seeds/002_ea25b965475099d2.txt\n"), "{text}");
    for line in text.lines().filter(|l| l.contains("seeds/")) {
        assert!(line.trim_start().starts_with("--> "), "a path outside a location: {line}");
    }
}

#[test]
fn a_misspelt_name_lists_the_sources_spellings_not_contradictions() {
    let out = run(&["check", "--format", "json", "tests/data/drafts/telepon.md"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let puttin = diags.iter().find(|d| d["claim"]["text"] == "Vladimir Puttin").unwrap();
    let verdicts: Vec<&str> =
        puttin["evidence"].as_array().unwrap().iter().map(|e| e["verdict"].as_str().unwrap()).collect();
    assert!(!verdicts.is_empty() && verdicts.iter().all(|v| *v == "spelling"), "{verdicts:?}");
    let text = String::from_utf8(run(&["check", "tests/data/drafts/telepon.md"]).stdout).unwrap();
    let block = text.split("\n\n").find(|b| b.contains("`Vladimir Puttin`")).unwrap();
    assert!(block.contains(": spelling") && !block.contains("contradicts"), "{block}");
}

/// A corpus of `n` outlets that each report the cabinet meeting's 45 minutes in their own words.
fn many_outlets(n: usize, tag: &str) -> PathBuf {
    let dir = fresh_dir(&format!("outlets-{tag}"));
    for i in 0..n {
        std::fs::write(
            dir.join(format!("{i:02}.md")),
            format!("---\noutlet: Harian {i}\ndate: 2024-03-05\n---\nMenurut catatan koran nomor {i}, rapat kabinet pada Senin (4/3/2024) berlangsung 45 menit.\n"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn evidence_is_capped_with_the_rest_counted() {
    let corpus = many_outlets(12, "cap");
    let draft = tmp("rapat90.md", "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n".as_bytes());
    let out = run(&["check", "--format", "json", "--corpus", corpus.to_str().unwrap(), draft.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "duration-conflict");
    assert_eq!(d["evidence"].as_array().unwrap().len(), 5, "{d}");
    assert_eq!(d["evidence_total"], 12, "{d}");
    let out = run(&["check", "--corpus", corpus.to_str().unwrap(), draft.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches(" ::: ").count(), 5, "{text}");
    assert!(text.contains("= note: and 7 more\n"), "{text}");
}

/// The display column (0-based, after the gutter) of the first `^` under line `n` of a finding.
fn caret_column(text: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let src = lines.iter().position(|l| l.starts_with("1 | ")).unwrap();
    let caret = lines[src + 1];
    let gutter = "  | ".len();
    (caret.find('^').unwrap() - gutter, caret.matches('^').count())
}

#[test]
fn carets_stand_under_the_claim_after_emoji_cjk_and_combining_marks() {
    let corpus = many_outlets(1, "wide");
    // 😀 and 北京 are two columns a character, the accent on `e` none.
    for (prefix, width) in [("", 0), ("😀 ", 3), ("北京 ", 5), ("Cafe\u{301} ", 5), ("😀👍 北京 ", 10)] {
        let draft =
            tmp("wide.md", format!("{prefix}Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n").as_bytes());
        let out = run(&["check", "--corpus", corpus.to_str().unwrap(), draft.to_str().unwrap()]);
        let text = String::from_utf8(out.stdout).unwrap();
        let before = "Rapat kabinet pada Senin (4/3/2024) berlangsung ".len();
        assert_eq!(caret_column(&text), (width + before, "90 menit".len()), "{prefix:?}: {text}");
        // The location counts characters, as rustc's does.
        let col = prefix.chars().count() + before + 1;
        assert!(text.contains(&format!("wide.md:1:{col}\n")), "{prefix:?}: {text}");
    }
}

#[test]
fn control_and_bidi_characters_are_shown_not_obeyed() {
    let corpus = many_outlets(1, "controls");
    let draft = tmp(
        "controls.md",
        "Rapat\u{202e} kabinet\r pada\u{9b} Senin (4/3/2024) berlangsung 90 menit.\u{1b}[2J\n".as_bytes(),
    );
    let out = run(&["check", "--corpus", corpus.to_str().unwrap(), draft.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    for bad in ['\r', '\u{202e}', '\u{9b}', '\u{1b}'] {
        assert!(!text.contains(bad), "{bad:?} printed raw: {text:?}");
    }
    assert!(text.contains('␍') && text.contains('␛'), "{text}");
    let (col, len) = caret_column(&text);
    assert_eq!((col, len), ("Rapat� kabinet␍ pada� Senin (4/3/2024) berlangsung ".chars().count(), 8), "{text}");
}

#[test]
fn colours_only_on_a_terminal_and_never_with_no_color() {
    let draft = "tests/data/drafts/telepon.md";
    let piped = String::from_utf8(run(&["check", draft]).stdout).unwrap();
    assert!(!piped.contains('\u{1b}'), "no colours into a pipe");
    let always = String::from_utf8(run(&["check", "--color", "always", draft]).stdout).unwrap();
    assert!(always.contains("\u{1b}["), "--color always colours");
    let never = String::from_utf8(run(&["check", "--color", "never", draft]).stdout).unwrap();
    assert_eq!(never, piped);
    // On a real terminal (util-linux `script` gives the run a pty).
    let on_tty = |no_color: Option<&str>| {
        let cmd = format!("{} check --today {TODAY} {draft}", env!("CARGO_BIN_EXE_corroborate"));
        let mut c = Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"]).current_dir(env!("CARGO_MANIFEST_DIR")).stdin(std::process::Stdio::null());
        c.env_remove("NO_COLOR");
        english(&mut c);
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        String::from_utf8_lossy(&c.output().expect("util-linux script").stdout).into_owned()
    };
    let tty = on_tty(None);
    assert!(tty.contains("warning[name-variant]") || tty.contains("name-variant"), "{tty}");
    assert!(tty.contains("\u{1b}["), "colours on a terminal: {tty:?}");
    let no_color = on_tty(Some("1"));
    assert!(no_color.contains("warning[name-variant]"), "{no_color}");
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR: {no_color:?}");
}

/// A fixture of `tests/data/check/` (`%! source NAME` … `%! draft` …) as a
/// folder: `sources/` and `draft.md` (the expected-finding marks left out).
fn fixture_dir(name: &str) -> PathBuf {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/check").join(name)).unwrap();
    let dir = fresh_dir(&format!("fixture-{}", name.trim_end_matches(".txt")));
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let mut file: Option<PathBuf> = None;
    let mut text = String::new();
    let flush = |file: &Option<PathBuf>, text: &mut String| {
        if let Some(f) = file {
            std::fs::write(f, std::mem::take(text)).unwrap();
        }
    };
    for line in src.lines() {
        if let Some(rest) = line.strip_prefix("%! ") {
            flush(&file, &mut text);
            file = Some(match rest.trim().strip_prefix("source ") {
                Some(n) => dir.join("sources").join(n),
                None => dir.join("draft.md"),
            });
        } else if !line.trim_start().starts_with('^') {
            text.push_str(line);
            text.push('\n');
        }
    }
    flush(&file, &mut text);
    dir
}

/// Every message and fix title of a `check --format json` run.
fn messages_of(out: &Output) -> Vec<String> {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all = Vec::new();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        all.push(d["message"].as_str().unwrap().to_string());
        for f in d["fixes"].as_array().unwrap() {
            all.push(f["title"].as_str().unwrap().to_string());
        }
    }
    all
}

/// A message's own words: quoted text (claims, names, as the articles write
/// them) and source file names left out.
fn own_words(m: &str) -> Vec<String> {
    let unquoted: String = m.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    unquoted
        .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '.')
        .filter(|w| !w.ends_with(".txt"))
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn an_indonesian_and_an_english_draft_get_every_message_in_their_language() {
    // Words only the one language has, one list a line so rustfmt keeps them short.
    const ENGLISH: &[&str] = &["the", "was", "not", "is", "of", "with", "and", "has", "source", "sources", "to"];
    const ENGLISH_MORE: &[&str] = &["disagree", "disagrees", "spelled", "spell", "change", "use", "elsewhere"];
    const ENGLISH_WORDS: &[&str] = &["day", "date", "length", "call", "min", "this", "draft", "quake"];
    const INDONESIAN: &[&str] = &["bukan", "sumber", "dengan", "berbeda", "dan", "pada", "hari", "menit", "ini"];
    const INDONESIAN_MORE: &[&str] = &["tanggal", "lama", "ejaan", "ganti", "pakai", "naskah", "baris", "menulis"];
    const INDONESIAN_WORDS: &[&str] = &["selisih", "gempa", "tulis", "seperti", "menjadi", "tidak", "ada"];
    let english: Vec<&str> = [ENGLISH, ENGLISH_MORE, ENGLISH_WORDS].concat();
    let indonesian: Vec<&str> = [INDONESIAN, INDONESIAN_MORE, INDONESIAN_WORDS].concat();
    for (fixture, lang, foreign, own) in
        [("id_every_code.txt", "id", &english, &indonesian), ("en_every_code.txt", "en", &indonesian, &english)]
    {
        let dir = fixture_dir(fixture);
        let out = run_in(&dir, &["check", "--lang", lang, "--format", "json", "--corpus", "sources", "draft.md"]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let messages = messages_of(&out);
        assert!(messages.len() >= 10, "{messages:#?}");
        for m in &messages {
            assert!(!m.contains('⟨'), "a key or an argument is missing: {m}");
            let words = own_words(m);
            let strays: Vec<&String> = words.iter().filter(|w| foreign.contains(&w.as_str())).collect();
            assert!(strays.is_empty(), "{fixture} in {lang}: {strays:?} in {m:?}");
            assert!(words.iter().any(|w| own.contains(&w.as_str())), "no word of its own in {lang}: {m:?}");
        }
    }
}

#[test]
fn lang_id_gives_indonesian_messages_weekdays_fixes_and_summary() {
    let out = run(&["check", "--lang", "id", "--color", "never", "tests/data/drafts/telepon.md"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "peringatan[date-weekday]: `Kamis (12/2/2025)`: 2025-02-12 jatuh pada hari Rabu, bukan Kamis",
        "= saran: Ganti harinya menjadi Rabu",
        "= saran: Ganti tanggalnya menjadi 2025-02-13",
        "catatan[sources-disagree]: sumber-sumber berbeda soal lama panggilan telepon, `45 menit` (45 menit)",
        "CNN Indonesia: mendukung",
        "= catatan: dan 1 lainnya",
        "1 berkas diperiksa terhadap 5 sumber: 4 peringatan, 2 catatan, 0 petunjuk",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    // The same run in English: capitalised weekdays.
    let en = String::from_utf8(run(&["check", "--color", "never", "tests/data/drafts/telepon.md"]).stdout).unwrap();
    assert!(en.contains("2025-02-12 was a Wednesday, not a Thursday"), "{en}");
    assert!(en.contains("the sources disagree on the length of the call"), "{en}");
    assert!(en.contains("1 file(s) checked against 5 source(s)"), "{en}");
    // JSON: the words change, the codes and verdicts do not.
    let out = run(&["check", "--lang", "id", "--format", "json", "tests/data/drafts/telepon.md"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let weekday =
        v["files"][0]["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "date-weekday").unwrap();
    assert!(weekday["message"].as_str().unwrap().contains("jatuh pada hari Rabu, bukan Kamis"), "{weekday}");
    assert_eq!(weekday["fixes"][0]["title"], "Ganti harinya menjadi Rabu");
    let disagree =
        v["files"][0]["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "sources-disagree").unwrap();
    assert!(disagree["evidence"].as_array().unwrap().iter().any(|e| e["verdict"] == "supports"), "{disagree}");
}

#[test]
fn the_environment_chooses_the_language_and_lang_overrides_it() {
    let check = |env: &[(&str, &str)], args: &[&str]| {
        let mut c = bin();
        for (k, v) in env {
            c.env(k, v);
        }
        let mut all = vec!["check", "--today", TODAY, "--color", "never"];
        all.extend(args);
        all.push("tests/data/drafts/telepon.md");
        let out = c.args(all).output().unwrap();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
    };
    let (id, _, _) = check(&[("LANG", "id_ID.UTF-8")], &[]);
    assert!(id.contains("jatuh pada hari Rabu, bukan Kamis"), "LANG=id_ID.UTF-8: {id}");
    let (id, _, _) = check(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "id_ID.UTF-8")], &[]);
    assert!(id.contains("jatuh pada hari Rabu"), "LC_MESSAGES before LANG: {id}");
    let (en, _, _) = check(&[("LANG", "id_ID.UTF-8"), ("LC_ALL", "C.UTF-8")], &[]);
    assert!(en.contains("was a Wednesday, not a Thursday"), "LC_ALL before LANG: {en}");
    let (en, _, _) = check(&[("LANG", "id_ID.UTF-8")], &["--lang", "en"]);
    assert!(en.contains("was a Wednesday, not a Thursday"), "--lang wins: {en}");
    let (fr, _, _) = check(&[("LANG", "fr_FR.UTF-8")], &[]);
    assert!(fr.contains("was a Wednesday"), "a language without a catalogue is English: {fr}");
    // A bad --lang: said on stderr, English, the run's own status.
    let (out, err, code) = check(&[("LANG", "id_ID.UTF-8")], &["--lang", "klingon"]);
    assert!(err.contains("`klingon`") && err.contains("en, id") && err.contains("English"), "{err}");
    assert!(out.contains("was a Wednesday, not a Thursday"), "{out}");
    assert_eq!(code, Some(1));
}

#[test]
fn sources_reports_in_the_chosen_language() {
    let out = run(&["sources", "--lang", "id"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("berita 1: "), "{text}");
    assert!(text.contains("  perbedaan:\n") && text.contains("terbit "), "{text}");
    assert!(text.contains("panggilan telepon 20"), "happenings by their Indonesian kind: {text}");
    let en = String::from_utf8(run(&["sources", "--lang", "en"]).stdout).unwrap();
    assert!(en.starts_with("event 1: ") && en.contains("  disagreements:\n"), "{en}");
}

#[test]
fn reading_problems_are_said_in_the_chosen_language() {
    let dir = std::env::temp_dir().join(format!("corroborate-cli-lang-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("002.md"), b"Rapat kabinet berlangsung 45 menit di caf\xe9 Senin (4/3/2024).\n").unwrap();
    let draft = tmp("rapat-lang.md", "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n".as_bytes());
    let d = dir.to_str().unwrap();
    let out = run(&["check", "--lang", "id", "--corpus", d, draft.to_str().unwrap()]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("002.md bukan UTF-8 yang sah"), "{err}");
    let out = run(&["check", "--lang", "en", "--corpus", d, draft.to_str().unwrap()]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("002.md is not valid UTF-8"));
    let missing = dir.join("nowhere");
    let out = run(&["check", "--lang", "id", "--corpus", missing.to_str().unwrap(), draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("folder korpus") && err.contains("tidak ada"), "{err}");
}
