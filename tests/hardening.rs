//! The server against hostile clients, hostile folders and races: every case
//! here once ended, hung or misled the server. In-process over real framing.

mod support {
    pub mod lsp_client;
}

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::lsp_client::{url, TestClient};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-hard-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn body(v: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{}", v.len(), v).into_bytes()
}

const DRAFT: &str = "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n";

/// The server answers a hover on the example claim: it is alive and in step.
async fn alive(c: &mut TestClient, uri: &str) {
    let h = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 51}}))
        .await;
    assert!(h["contents"]["value"].as_str().is_some_and(|s| s.contains("90 menit")), "{h}");
}

async fn started_on(dir: &Path) -> TestClient {
    let mut c = TestClient::start();
    c.initialize(dir, json!({"debounceMs": 0, "corpus": [dir.join("sources").to_str().unwrap()]}), false).await;
    c
}

fn corpus_dir(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(
        dir.join("sources/001.txt"),
        "---\ndate: 2024-03-05\n---\nRapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn stray_json_frames_do_not_end_the_session() {
    let dir = corpus_dir("stray");
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    c.open(&uri, DRAFT).await;
    c.diagnostics(&uri, 1).await;
    for stray in
        ["[]", "{}", "null", "5", r#"{"jsonrpc":"2.0","method":5}"#, r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#]
    {
        c.send_raw(&body(stray)).await;
    }
    c.send_raw(&body(r#"[{"jsonrpc":"2.0","id":99,"method":"shutdown"}]"#)).await;
    alive(&mut c, &uri).await;
    // An invalid message with a usable id is answered with -32600.
    c.send_raw(&body(r#"{"jsonrpc":"2.0","id":4242,"method":5}"#)).await;
    let reply = c.wait_for("the -32600 reply", |m| m["id"] == 4242).await;
    assert_eq!(reply["error"]["code"], -32600, "{reply}");
    alive(&mut c, &uri).await;
    c.shutdown().await;
}

#[tokio::test]
async fn stray_frames_during_loading_neither_hang_nor_end_the_session() {
    let dir = corpus_dir("stray-loading");
    let mut c = TestClient::start();
    c.initialize_only(&dir, json!({"debounceMs": 0, "corpus": [dir.join("sources").to_str().unwrap()]}), false).await;
    c.send_raw(&body("[]")).await;
    c.send_raw(&body("{}")).await;
    c.wait_for("the sources to load", |m| {
        m["params"]["message"].as_str().is_some_and(|s| s.contains("sources loaded"))
    })
    .await;
    let r = c.request("shutdown", Value::Null).await;
    assert!(r.get("error").is_none(), "{r}");
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_status().await, 0);
}

#[tokio::test]
async fn a_wrong_content_length_loses_one_message_not_the_session() {
    let dir = corpus_dir("length");
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    c.open(&uri, DRAFT).await;
    c.diagnostics(&uri, 1).await;
    // Too short: the rest of the body is left behind and skipped.
    let msg =
        r#"{"jsonrpc":"2.0","id":500,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"x"}}}"#;
    c.send_raw(format!("Content-Length: 20\r\n\r\n{msg}").as_bytes()).await;
    alive(&mut c, &uri).await;
    // Too long: the next header is found inside the declared body.
    let short = r#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#;
    c.send_raw(format!("Content-Length: {}\r\n\r\n{short}", short.len() + 40).as_bytes()).await;
    alive(&mut c, &uri).await;
    // Garbage between frames, and a header line that is no header.
    c.send_raw(b"hello there\r\n\r\nX-Nonsense\r\n\r\n").await;
    alive(&mut c, &uri).await;
    c.shutdown().await;
}

#[tokio::test]
async fn an_unanswered_progress_request_does_not_block_loading() {
    let dir = corpus_dir("progress");
    let mut c = TestClient::start();
    c.answer_requests = false;
    c.initialize(&dir, json!({"debounceMs": 0, "corpus": [dir.join("sources").to_str().unwrap()]}), false).await;
    let uri = url(&dir.join("draft.md"));
    c.open(&uri, DRAFT).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    // Closing the input ends the server even with requests left unanswered.
    c.close_input().await;
    assert_eq!(c.exit_status().await, 1);
}

#[tokio::test]
async fn end_of_input_while_loading_ends_the_server() {
    let dir = corpus_dir("eof-loading");
    let mut c = TestClient::start();
    c.answer_requests = false;
    c.initialize_only(&dir, json!({"corpus": [dir.join("sources").to_str().unwrap()]}), false).await;
    c.close_input().await;
    assert_eq!(c.exit_status().await, 1);
}

#[tokio::test]
async fn exit_without_shutdown_exits_with_status_1() {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({}), false).await;
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_status().await, 1);
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({}), false).await;
    let r = c.request("shutdown", Value::Null).await;
    assert!(r.get("error").is_none());
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_status().await, 0);
}

#[tokio::test]
async fn shutdown_and_exit_with_null_params_end_cleanly() {
    // eglot 1.9 sends `"params": null` with `shutdown` and `exit`, which take none.
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({}), false).await;
    c.send_raw(&body(r#"{"jsonrpc":"2.0","id":900,"method":"shutdown","params":null}"#)).await;
    let r = c.wait_for("the shutdown reply", |m| m["id"] == 900).await;
    assert!(r.get("error").is_none(), "{r}");
    c.send_raw(&body(r#"{"jsonrpc":"2.0","method":"exit","params":null}"#)).await;
    assert_eq!(c.exit_status().await, 0);
}

#[tokio::test]
async fn an_edit_past_u32_is_dropped_and_the_server_goes_on() {
    let dir = corpus_dir("u32");
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    c.open(&uri, DRAFT).await;
    c.diagnostics(&uri, 1).await;
    let bad = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":4294967296,"character":0}},"end":{{"line":0,"character":0}}}},"text":"x"}}]}}}}"#
    );
    c.send_raw(&body(&bad)).await;
    alive(&mut c, &uri).await;
    c.shutdown().await;
}

/// Every evidence link of every diagnostic names an existing file and line.
fn links_exist(diags: &[Value]) {
    for d in diags {
        for r in d["relatedInformation"].as_array().into_iter().flatten() {
            let uri = r["location"]["uri"].as_str().unwrap();
            let path = PathBuf::from(uri.strip_prefix("file://").unwrap());
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{uri}: {e}"));
            let line = r["location"]["range"]["start"]["line"].as_u64().unwrap() as usize;
            assert!(line < text.lines().count().max(1), "{uri} has no line {line}");
            let quote = r["message"].as_str().unwrap();
            let words: Vec<&str> = quote.split_whitespace().filter(|w| w.len() > 4 && !w.contains('…')).collect();
            let line_text = text.lines().nth(line).unwrap();
            assert!(
                words.iter().any(|w| line_text.contains(w.trim_matches(|c: char| !c.is_alphanumeric()))),
                "{quote} is not on {uri}:{line}"
            );
        }
    }
}

#[tokio::test]
async fn corpus_updates_keep_evidence_on_the_right_file() {
    let dir = temp_dir("updates");
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    // An undated article: it takes its story's date once a dated one joins.
    std::fs::write(src.join("010_undated.txt"), "Rapat kabinet itu berlangsung 45 menit dan membahas anggaran.\n")
        .unwrap();
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    let draft = "Rapat kabinet membahas anggaran pada Senin (4/3/2024) dan berlangsung 90 menit.\n";
    c.open(&uri, draft).await;
    c.diagnostics(&uri, 1).await;
    // A dated article joins the undated one: re-reading it once panicked.
    for (i, name) in ["001_dated.txt", "002_dated.txt", "003_dated.txt"].iter().enumerate() {
        std::fs::write(
            src.join(name),
            "---\ndate: 2024-03-05\n---\nRapat kabinet membahas anggaran pada Senin (4/3/2024) dan berlangsung 45 menit.\n",
        )
        .unwrap();
        c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&src.join(name)), "type": 1}]}))
            .await;
        let m = c
            .wait_for("the update", |m| m["params"]["message"].as_str().is_some_and(|s| s.contains("sources updated")))
            .await;
        assert!(m["params"]["message"].as_str().unwrap().contains(&format!("{} article(s)", i + 2)), "{m}");
    }
    // Two updates sent back to back both land (one started from the other's corpus).
    std::fs::write(src.join("004.txt"), "Rapat kabinet berlangsung 45 menit.\n").unwrap();
    std::fs::write(src.join("005.txt"), "Rapat kabinet berlangsung 45 menit.\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&src.join("004.txt")), "type": 1}]}))
        .await;
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&src.join("005.txt")), "type": 1}]}))
        .await;
    let report = loop {
        let r = c.call("corroborate/sourcesReport", Value::Null).await;
        if r.as_str().unwrap().contains("005.txt") && r.as_str().unwrap().contains("004.txt") {
            break r;
        }
        c.wait_for("an update", |m| m["params"]["message"].as_str().is_some_and(|s| s.contains("sources updated")))
            .await;
    };
    assert!(report.as_str().unwrap().contains("001_dated.txt"));
    // After a deletion, hovers and evidence point at files that exist.
    std::fs::remove_file(src.join("001_dated.txt")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&src.join("001_dated.txt")), "type": 3}]}),
    )
    .await;
    c.wait_for("the deletion", |m| m["params"]["message"].as_str().is_some_and(|s| s.contains("sources updated")))
        .await;
    // A change of the document makes the server publish against the new corpus.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": draft}]}),
    )
    .await;
    let diags = c.diagnostics(&uri, 2).await;
    links_exist(&diags);
    let h = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 72}}))
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(!md.contains("001_dated"), "{md}");
    assert!(md.contains("002_dated"), "{md}");
    c.shutdown().await;
}

#[tokio::test]
async fn a_reopened_document_never_gets_the_old_texts_diagnostics() {
    let dir = corpus_dir("reopen");
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    // A long text whose analysis is still running when the document is closed
    // and opened again, at the same version, with clean text.
    c.open(&uri, &DRAFT.repeat(6000)).await;
    // Not a wait for a result: a window for the old text's analysis to start.
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}})).await;
    c.open(&uri, "Rapat kabinet pada Senin (4/3/2024) berlangsung 45 menit.\n").await;
    let d = c.diagnostics(&uri, 1).await;
    assert!(d.iter().all(|x| x["code"] != "duration-conflict"), "{d:?}");
    // For a while (long enough for the old text's analysis to have finished),
    // every hover and every publication is about the new text.
    for _ in 0..12 {
        let h = c
            .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 51}}))
            .await;
        let md = h["contents"]["value"].as_str().unwrap_or("");
        assert!(md.contains("45 menit"), "a hover on the new text answered from the old one: {md}");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    for m in c.seen.iter().filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) {
        let diags = m["params"]["diagnostics"].as_array().unwrap();
        assert!(diags.len() < 100, "the old text's diagnostics were published for the new one");
    }
    c.shutdown().await;
}

#[tokio::test]
async fn hostile_folders_are_reported_and_skipped() {
    let dir = temp_dir("folders");
    let src = dir.join("sources");
    // Deeper than 40 folders.
    let mut deep = src.clone();
    for i in 0..40 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), "Rapat kabinet berlangsung 45 menit pada Senin (4/3/2024).\n").unwrap();
    // A link loop, a FIFO, a link to an endless device, a file over the cap, UTF-16.
    std::os::unix::fs::symlink(&src, src.join("loop")).unwrap();
    let fifo = src.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", src.join("zero.txt")).unwrap();
    std::fs::write(src.join("big.txt"), "x".repeat(3000)).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("Rapat kabinet berlangsung 45 menit.\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(src.join("utf16.txt"), utf16).unwrap();
    let mut c = TestClient::start();
    let opts = json!({"debounceMs": 0, "corpus": [src.to_str().unwrap()], "maxFileBytes": 2000});
    c.initialize(&dir, opts, false).await;
    let mut logs = Vec::new();
    while let Some(m) = c.seen.pop_front() {
        if let Some(s) = m["params"]["message"].as_str() {
            logs.push(s.to_string());
        }
    }
    let all = logs.join("\n");
    assert!(all.contains("pipe.txt: not a regular file"), "{all}");
    assert!(all.contains("zero.txt: not a regular file"), "{all}");
    assert!(all.contains("big.txt: 3000 bytes is over the size limit of 2000"), "{all}");
    // The deep file and the UTF-16 file were read; the loop was walked once.
    let report = c.call("corroborate/sourcesReport", Value::Null).await;
    let report = report.as_str().unwrap();
    assert!(report.contains("deep.txt") && report.contains("utf16.txt"), "{report}");
    assert_eq!(report.matches("/deep.txt\n").count(), 1, "the loop was walked once: {report}");
    c.shutdown().await;
}

/// Each evidence line of a hover card links to a file whose line holds the
/// quoted claim (the claim is in bold in the quote). Files deleted on disk
/// since are skipped: the snapshot may predate the deletion.
fn hover_links_match(md: &str) -> usize {
    let mut checked = 0;
    for line in md.lines().filter(|l| l.starts_with("- ") && l.contains("](file://")) {
        let claim = line.split("**").nth(3).unwrap_or_else(|| panic!("no bold claim in {line}"));
        let target = line.rsplit("](").next().unwrap().trim_end_matches(')');
        let (path, n) = target.strip_prefix("file://").unwrap().split_once("#L").unwrap();
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let n: usize = n.parse().unwrap();
        let at = text.lines().nth(n - 1).unwrap_or_else(|| panic!("{path} has no line {n}"));
        assert!(at.contains(claim), "{line}\npoints at {path}:{n}: {at}");
        checked += 1;
    }
    checked
}

#[tokio::test]
async fn a_hover_never_outlives_its_corpus() {
    // Requests answer from one snapshot, with the corpus it was made with:
    // interleave corpus changes and hovers and check every link.
    let dir = corpus_dir("interleave");
    let src = dir.join("sources");
    let mut c = started_on(&dir).await;
    let uri = url(&dir.join("draft.md"));
    c.open(&uri, DRAFT).await;
    c.diagnostics(&uri, 1).await;
    let mut checked = 0;
    for i in 0..8 {
        // Each file states its own length, so a link to the wrong file shows.
        let name = format!("1{i}.txt");
        let text = format!("Rapat kabinet berlangsung {} menit pada Senin (4/3/2024).\n", 40 + i);
        std::fs::write(src.join(&name), text).unwrap();
        c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&src.join(&name)), "type": 1}]}))
            .await;
        if i % 2 == 1 {
            let old = format!("1{}.txt", i - 1);
            std::fs::remove_file(src.join(&old)).unwrap();
            c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&src.join(&old)), "type": 3}]}))
                .await;
        }
        let h = c
            .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 51}}))
            .await;
        checked += hover_links_match(h["contents"]["value"].as_str().unwrap_or(""));
    }
    assert!(checked >= 8, "only {checked} links checked");
    c.shutdown().await;
}
