//! The language server end to end, in-process over real JSON-RPC framing.

mod support {
    pub mod lsp_client;
}

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::lsp_client::{url, TestClient};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Opens the README's example draft; returns its text and URI.
async fn open_example_draft(c: &mut TestClient) -> (String, String) {
    let path = repo().join("tests/data/drafts/telepon.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url(&path);
    c.open(&uri, &text).await;
    (text, uri)
}

/// The LSP position (UTF-16) of the `nth` occurrence of `needle`.
fn pos_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    json!({"line": line, "character": text[line_start..at].encode_utf16().count()})
}

fn range_of(text: &str, needle: &str) -> Value {
    let start = pos_of(text, needle);
    let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + needle.encode_utf16().count() as u64});
    json!({"start": start, "end": end})
}

fn codes(diags: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = diags.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
    c.sort();
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-lsp-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

async fn started() -> TestClient {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({"debounceMs": 0, "inlayHints": true}), false).await;
    c
}

#[tokio::test]
async fn diagnostics_carry_codes_evidence_and_fixes() {
    let mut c = started().await;
    let (text, uri) = open_example_draft(&mut c).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(
        codes(&diags),
        ["date-timezone", "date-weekday", "duration-conflict", "name-variant", "name-variant", "sources-disagree"]
    );
    let puttin = diags
        .iter()
        .find(|d| d["range"] == range_of(&text, "Vladimir Puttin"))
        .expect("a diagnostic on Vladimir Puttin");
    assert_eq!(puttin["source"], "corroborate");
    assert_eq!(puttin["severity"], 2);
    assert_eq!(puttin["data"]["fixes"][0]["replacement"], "Vladimir Putin");
    let related = puttin["relatedInformation"].as_array().unwrap();
    assert!(related[0]["location"]["uri"].as_str().unwrap().contains("/seeds/"), "{related:?}");
    let disagree = diags.iter().find(|d| d["code"] == "sources-disagree").unwrap();
    assert_eq!(disagree["severity"], 3);
    assert_eq!(disagree["range"], range_of(&text, "45 menit"));
    c.shutdown().await;
}

#[tokio::test]
async fn hover_cards_show_sources_with_links() {
    let mut c = started().await;
    let (text, uri) = open_example_draft(&mut c).await;
    c.diagnostics(&uri, 1).await;
    let h = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "45 menit")}))
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**45 menit** · duration · 45 min"), "{md}");
    assert!(md.contains("✗ **001_5b19a53373e7db8b.txt**") && md.contains("**sejam**"), "{md}");
    assert!(md.contains("✓ **CNN Indonesia**") && md.contains("selama **45 menit**"), "{md}");
    assert!(md.contains("/seeds/001_5b19a53373e7db8b.txt#L5)"), "{md}");
    assert!(md.contains("_length of the call of 28 Jan 2017 between "), "the card names the happening: {md}");
    assert_eq!(h["range"], range_of(&text, "45 menit"));
    // The 2025 call's length meets only the 2025 call's sources.
    let h =
        c.call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "dua jam")})).await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("_length of the call of 12 Feb 2025"), "{md}");
    assert!(md.contains("003_2e986b73e204512e.txt") && !md.contains("001_5b19a53373e7db8b.txt"), "{md}");
    let p = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "Donald Trump")}))
        .await;
    let md = p["contents"]["value"].as_str().unwrap();
    assert!(md.contains("person · Donald Trump (Presiden AS)"), "{md}");
    assert!(md.contains("Sources spell it: Donald Trump ("), "{md}");
    // The roles the sources give him, with the sources that do.
    assert!(md.contains("Roles in the sources: Presiden AS (001_5b19a53373e7db8b.txt"), "{md}");
    assert!(md.contains("Presiden Amerika Serikat (CNN Indonesia"), "{md}");
    // Not on a claim: nothing.
    let none = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "pertama kali")}))
        .await;
    assert!(none.is_null());
    c.shutdown().await;
}

#[tokio::test]
async fn code_actions_fix_and_ignore() {
    let mut c = started().await;
    let (text, uri) = open_example_draft(&mut c).await;
    c.diagnostics(&uri, 1).await;
    let r = range_of(&text, "Kamis (12/2/2025)");
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": []}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Change the weekday to Rabu", "Change the date to 2025-02-13", "Ignore corroborate findings on this line"]
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"], r);
    assert_eq!(edit["newText"], "Rabu (12/2/2025)");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["kind"], "quickfix");

    // Apply the "ignore" edit as a client would, and the finding goes away.
    let ignore = &actions[2]["edit"]["changes"][&uri][0];
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": ignore["range"], "text": ignore["newText"]}]}),
    )
    .await;
    let diags = c.diagnostics(&uri, 2).await;
    assert!(!codes(&diags).contains(&"date-weekday".to_string()), "{diags:?}");
    c.shutdown().await;
}

#[tokio::test]
async fn navigation_definition_references_symbols_and_hints() {
    let mut c = started().await;
    let (text, uri) = open_example_draft(&mut c).await;
    c.diagnostics(&uri, 1).await;
    let defs = c
        .call("textDocument/definition", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "45 menit")}))
        .await;
    let defs = defs.as_array().unwrap();
    assert_eq!(defs.len(), 2, "{defs:?}");
    assert!(defs
        .iter()
        .any(|d| d["uri"].as_str().unwrap().ends_with("001_5b19a53373e7db8b.txt") && d["range"]["start"]["line"] == 4));

    let refs = c
        .call("textDocument/references", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "Donald Trump"), "context": {"includeDeclaration": true}}))
        .await;
    let refs = refs.as_array().unwrap();
    let in_draft = refs.iter().filter(|r| r["uri"] == uri).count();
    let in_sources = refs.iter().filter(|r| r["uri"].as_str().unwrap().contains("/seeds/")).count();
    assert_eq!(in_draft, 3, "Trump in the heading, Donald Trump and Trump in the text");
    assert!(in_sources > 20, "{in_sources}");

    let symbols = c.call("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Persons", "Dates", "Durations"]);
    let dates: Vec<&str> =
        symbols[1]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(dates, ["Sabtu (28/1/2017)", "Kamis (12/2/2025)", "bulan lalu"]);

    let hints = c
        .call("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}))
        .await;
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0]["label"], "→ Jan 2025");
    assert_eq!(hints[0]["position"], range_of(&text, "bulan lalu")["end"]);
    c.shutdown().await;
}

#[tokio::test]
async fn inlay_hints_are_off_by_default() {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({"debounceMs": 0}), false).await;
    let (_, uri) = open_example_draft(&mut c).await;
    let hints = c
        .call("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}))
        .await;
    assert!(hints.is_null() || hints.as_array().unwrap().is_empty());
    c.shutdown().await;
}

#[tokio::test]
async fn edits_typed_one_after_another_match_a_fresh_analysis() {
    let mut c = started().await;
    let base = "# Draf\n\nPercakapan telepon Trump dan Putin berlangsung sejam.\n";
    let uri = url(&temp_dir("typing").join("draft.md"));
    c.open(&uri, base).await;
    c.diagnostics(&uri, 1).await;
    // Type a sentence at the end of line 2, one character at a time, then delete a word.
    let typed = " Pembicaraan telepon 2017 itu berlangsung 90 menit pada Minggu (28/1/2017).";
    let mut text = base.to_string();
    let mut col = "Percakapan telepon Trump dan Putin berlangsung sejam.".len();
    let line2 = text.match_indices('\n').nth(1).unwrap().0 + 1;
    let mut version = 1;
    for ch in typed.chars() {
        version += 1;
        let p = json!({"line": 2, "character": col});
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": p, "end": p}, "text": ch.to_string()}]}),
        )
        .await;
        text.insert(line2 + col, ch);
        col += ch.len_utf8();
    }
    // Two changes in one notification, applied in order: replace "90" by "45", then drop "2017 ".
    version += 1;
    let r45 = range_of(&text, "90");
    let mut expected = text.replacen("90", "45", 1);
    let r2017 = range_of(&expected, "2017 ");
    expected = expected.replacen("2017 ", "", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": r45, "text": "45"}, {"range": r2017, "text": ""}]}),
    )
    .await;
    let diags = c.diagnostics(&uri, version).await;
    // The same text, analysed fresh by a second document.
    let fresh_uri = url(&temp_dir("typing-fresh").join("draft.md"));
    c.open(&fresh_uri, &expected).await;
    let fresh = c.diagnostics(&fresh_uri, 1).await;
    let strip = |d: &[Value]| -> Vec<(Value, Value, Value)> {
        d.iter().map(|x| (x["code"].clone(), x["range"].clone(), x["message"].clone())).collect()
    };
    assert_eq!(strip(&diags), strip(&fresh));
    assert!(codes(&diags).contains(&"date-weekday".to_string()), "{diags:?}");
    c.shutdown().await;
}

#[tokio::test]
async fn unicode_before_claims_keeps_ranges_exact() {
    let text = "😀👍🏽 Café e\u{301}\u{301}\r\nJakarta — Presiden Vladimir Puttin menelepon 🇮🇩 selama 45 menit.\r\n";
    for utf8 in [false, true] {
        let mut c = TestClient::start();
        let init = c.initialize(&repo(), json!({"debounceMs": 0}), utf8).await;
        assert_eq!(init["capabilities"]["positionEncoding"], if utf8 { "utf-8" } else { "utf-16" });
        let uri = url(&temp_dir(if utf8 { "u8" } else { "u16" }).join("draft.md"));
        c.open(&uri, text).await;
        let diags = c.diagnostics(&uri, 1).await;
        let d = diags.iter().find(|d| d["code"] == "name-variant").expect("name-variant");
        let line = "Jakarta — Presiden ";
        let col = if utf8 { line.len() } else { line.encode_utf16().count() };
        let len = "Vladimir Puttin".len();
        assert_eq!(
            d["range"],
            json!({"start": {"line": 1, "character": col}, "end": {"line": 1, "character": col + len}}),
            "utf8={utf8}"
        );
        c.shutdown().await;
    }
}

#[tokio::test]
async fn an_opened_corpus_article_is_checked_against_the_others() {
    let mut c = started().await;
    let path = repo().join("seeds/002_ea25b965475099d2.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url(&path);
    c.open(&uri, &text).await;
    let diags = c.diagnostics(&uri, 1).await;
    let dur = diags.iter().find(|d| d["range"] == range_of(&text, "45 menit")).unwrap();
    assert_eq!(dur["code"], "duration-conflict");
    let tz = diags.iter().find(|d| d["range"] == range_of(&text, "Minggu (29/1)")).unwrap();
    assert_eq!(tz["code"], "date-timezone");
    for d in &diags {
        for r in d["relatedInformation"].as_array().into_iter().flatten() {
            assert!(
                !r["location"]["uri"].as_str().unwrap().ends_with("002_ea25b965475099d2.txt"),
                "evidence from itself"
            );
        }
    }
    c.shutdown().await;
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[tokio::test]
async fn configuration_reload_and_watched_files_update_the_sources() {
    let ws = temp_dir("ws");
    let a = ws.join("a");
    let b = ws.join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    write(&a, "001.md", "Gempa di Palu, Jumat (28/9/2018). Guncangan gempa terasa sekitar 30 detik.\n");
    write(&b, "001.md", "Gempa di Palu, Jumat (28/9/2018). Guncangan gempa terasa 2 menit.\n");
    // corroborate.toml names the corpus.
    std::fs::write(ws.join("corroborate.toml"), "[corpus]\npaths = [\"a\"]\n").unwrap();
    let mut c = TestClient::start();
    c.initialize(&ws, json!({"debounceMs": 0}), false).await;
    let draft = "Gempa mengguncang Palu pada Jumat (28/9/2018). Guncangan gempa terasa 30 detik.\n";
    let uri = url(&ws.join("draft.md"));
    c.open(&uri, draft).await;
    assert!(c.diagnostics(&uri, 1).await.is_empty(), "agrees with a/");

    // Settings win over corroborate.toml: now b/ says 2 minutes.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"corroborate": {"corpus": ["b"]}}})).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["duration-conflict"]);

    // A new article in b/ that agrees: the draft now meets disagreeing sources.
    let added = write(&b, "002.md", "Palu diguncang gempa Jumat (28/9/2018); guncangan gempa berlangsung 30 detik.\n");
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&added), "type": 1}]})).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["sources-disagree"]);

    // Deleted again: back to the conflict.
    std::fs::remove_file(&added).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": url(&added), "type": 3}]})).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diags), ["duration-conflict"]);
    c.shutdown().await;
}

#[tokio::test]
async fn a_missing_corpus_is_reported() {
    let ws = temp_dir("empty-ws");
    let mut c = TestClient::start();
    c.initialize(&ws, json!({"debounceMs": 0, "corpus": ["nowhere"]}), false).await;
    let m = c
        .wait_for("a warning about the corpus", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("corpus folder not found"))
        })
        .await;
    assert_eq!(m["params"]["type"], 2);
    // Weekday checks still work without sources.
    let uri = url(&ws.join("d.md"));
    c.open(&uri, "Rapat digelar Sabtu (12/2/2025).\n").await;
    assert_eq!(codes(&c.diagnostics(&uri, 1).await), ["date-weekday"]);
    c.shutdown().await;
}

#[tokio::test]
async fn bad_requests_get_errors_and_the_server_keeps_working() {
    let mut c = started().await;
    // Unknown document: nothing.
    let r = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///no/such.md"}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert!(r.is_null());
    // Malformed params: an error response, not a crash.
    let r = c.request("textDocument/hover", json!({"textDocument": 42})).await;
    assert!(r.get("error").is_some(), "{r}");
    // A position far past the end.
    let uri = url(&temp_dir("bad").join("d.md"));
    c.open(&uri, "Rapat berlangsung 45 menit.\n").await;
    c.diagnostics(&uri, 1).await;
    let r = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 999}}))
        .await;
    assert!(r.is_null());
    let r = c.call("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 9}}, "context": {"diagnostics": []}})).await;
    assert_eq!(r, json!([]));
    // A change for a document never opened, and a range past the end.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nope.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    )
    .await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 40, "character": 3}, "end": {"line": 41, "character": 0}}, "text": " Sabtu (12/2/2025)."}]}),
    )
    .await;
    let diags = c.diagnostics(&uri, 2).await;
    assert!(codes(&diags).contains(&"date-weekday".to_string()), "{diags:?}");
    // Garbage on the wire: the server answers with a parse error and goes on.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
    let r = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}}))
        .await;
    assert!(r["contents"]["value"].as_str().unwrap().contains("45 min"));
    c.shutdown().await;
}

#[tokio::test]
async fn typing_fast_publishes_only_the_last_version() {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({"debounceMs": 150}), false).await;
    let uri = url(&temp_dir("debounce").join("d.md"));
    c.open(&uri, "Rapat berlangsung.\n").await;
    for v in 2..=6 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": format!("Rapat digelar Sabtu ({v}/2/2025).\n")}]}),
        )
        .await;
    }
    let diags = c.diagnostics(&uri, 6).await;
    assert!(codes(&diags).contains(&"date-weekday".to_string()), "6/2/2025 was a Thursday: {diags:?}");
    let stale: Vec<&Value> = c
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].as_i64().is_some_and(|v| v < 6)
        })
        .collect();
    assert!(stale.is_empty(), "stale diagnostics published: {stale:?}");
    c.shutdown().await;
}

/// With the default settings (no `debounceMs`) nothing waits: every change may
/// be published as soon as its analysis is done, but never after a newer one.
#[tokio::test]
async fn by_default_rapid_edits_end_with_the_latest_version_and_never_a_stale_one() {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({}), false).await;
    let uri = url(&temp_dir("no-debounce").join("d.md"));
    c.open(&uri, "Rapat berlangsung.\n").await;
    // Nothing to wait for: the first version is published without any change after it.
    c.diagnostics(&uri, 1).await;
    for v in 2..=12 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": format!("Rapat digelar Sabtu ({v}/2/2025).\n")}]}),
        )
        .await;
    }
    let diags = c.diagnostics(&uri, 12).await;
    // 12/2/2025 was a Wednesday.
    assert!(codes(&diags).contains(&"date-weekday".to_string()), "{diags:?}");
    let before = c.seen.len();
    // A round trip: anything the server still had queued arrives before its answer.
    let _ = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}))
        .await;
    let versions = |msgs: &[&Value]| -> Vec<i64> {
        msgs.iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            .filter_map(|m| m["params"]["version"].as_i64())
            .collect()
    };
    let seen: Vec<&Value> = c.seen.iter().collect();
    let earlier = versions(&seen[..before]);
    assert!(earlier.windows(2).all(|w| w[0] < w[1]), "versions published out of order: {earlier:?}");
    assert!(earlier.iter().all(|&v| v < 12), "{earlier:?}");
    let after = versions(&seen[before..]);
    assert!(after.is_empty(), "diagnostics published after the latest version's: {after:?}");
    c.shutdown().await;
}

/// The second start of the server on a workspace takes its sources from the
/// persistent index (here `.corroborate/` in the workspace) and checks alike.
#[tokio::test]
async fn a_second_start_reads_the_sources_from_the_index() {
    let ws = temp_dir("index");
    std::fs::create_dir_all(ws.join("sources")).unwrap();
    for e in std::fs::read_dir(repo().join("seeds")).unwrap().flatten() {
        write(&ws.join("sources"), &e.file_name().to_string_lossy(), &std::fs::read_to_string(e.path()).unwrap());
    }
    let options = json!({"corpus": ["sources"], "index": "workspace"});
    let draft = std::fs::read_to_string(repo().join("tests/data/drafts/telepon.md")).unwrap();
    let uri = url(&ws.join("draft.md"));
    let mut runs = Vec::new();
    for _ in 0..2 {
        let mut c = TestClient::start();
        c.initialize_only(&ws, options.clone(), false).await;
        let loaded = c
            .wait_for("the sources to load", |m| {
                m["method"] == "window/logMessage"
                    && m["params"]["message"].as_str().is_some_and(|s| s.contains("sources loaded"))
            })
            .await;
        c.open(&uri, &draft).await;
        let diags = c.diagnostics(&uri, 1).await;
        runs.push((loaded["params"]["message"].as_str().unwrap().to_string(), codes(&diags)));
        // The index is written after the corpus is in use.
        let folder = ws.join(".corroborate");
        for _ in 0..400 {
            let written = std::fs::read_dir(&folder)
                .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".bin")))
                .unwrap_or(false);
            if written {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        c.shutdown().await;
    }
    assert!(runs[0].0.contains("0 file(s) from the index, 5 read"), "{}", runs[0].0);
    assert!(runs[1].0.contains("5 file(s) from the index, 0 read"), "{}", runs[1].0);
    assert_eq!(runs[0].1, runs[1].1);
    assert!(!runs[0].1.is_empty());
    assert!(
        std::fs::read_dir(ws.join("sources"))
            .unwrap()
            .flatten()
            .all(|e| e.path().extension().is_some_and(|x| x == "txt" || x == "md")),
        "nothing is written into the corpus folder"
    );
}

#[tokio::test]
async fn status_and_sources_report() {
    let mut c = TestClient::start();
    c.initialize(&repo(), json!({"debounceMs": 0}), false).await;
    let st =
        c.wait_for("a ready status", |m| m["method"] == "corroborate/status" && m["params"]["state"] == "ready").await;
    assert_eq!(st["params"]["articles"], 5);
    assert_eq!(st["params"]["events"], 2);
    let report = c.call("corroborate/sourcesReport", Value::Null).await;
    let text = report.as_str().unwrap();
    assert!(text.contains("event 1: 3 article(s), 2017-01-28 to 2017-01-31"), "{text}");
    assert!(text.contains("[sources-disagree]"), "{text}");
    c.shutdown().await;
}

#[tokio::test]
async fn an_empty_corpus_is_reported() {
    let ws = temp_dir("no-articles");
    std::fs::create_dir_all(ws.join("seeds")).unwrap();
    std::fs::write(ws.join("seeds/readme.pdf"), "not an article").unwrap();
    let mut c = TestClient::start();
    c.initialize(&ws, json!({"debounceMs": 0}), false).await;
    let m = c
        .wait_for("a warning about the empty corpus", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("no articles"))
        })
        .await;
    assert!(m["params"]["message"].as_str().unwrap().contains("seeds"));
    c.shutdown().await;
}

#[tokio::test]
async fn hover_cards_cap_evidence_and_show_spellings() {
    let root = temp_dir("outlets");
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    for i in 0..12 {
        std::fs::write(
            root.join(format!("seeds/{i:02}.md")),
            format!("---\noutlet: Harian {i}\ndate: 2024-03-05\n---\nMenurut catatan koran nomor {i}, rapat kabinet pada Senin (4/3/2024) berlangsung 45 menit.\n"),
        )
        .unwrap();
    }
    let mut c = TestClient::start();
    c.initialize(&root, json!({"debounceMs": 0}), false).await;
    let text = "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit.\n";
    let uri = url(&root.join("draft.md"));
    c.open(&uri, text).await;
    let diags = c.diagnostics(&uri, 1).await;
    let d = diags.iter().find(|d| d["code"] == "duration-conflict").unwrap();
    assert_eq!(d["relatedInformation"].as_array().unwrap().len(), 5, "{d}");
    assert!(d["relatedInformation"][0]["message"].as_str().unwrap().starts_with("Harian "), "{d}");
    let h =
        c.call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(text, "90 menit")})).await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert_eq!(md.matches("\n- ✗ **Harian ").count(), 5, "{md}");
    assert!(md.contains("\n- … and 7 more"), "{md}");
    c.shutdown().await;
    // A misspelt name: the sources' spellings, marked as spellings.
    let mut c = started().await;
    let (text, uri) = open_example_draft(&mut c).await;
    c.diagnostics(&uri, 1).await;
    let h = c
        .call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "Vladimir Puttin")}))
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("- ✎ **CNN Indonesia**") && !md.contains('✗'), "{md}");
    assert!(md.contains("- … and 1 more"), "{md}");
    c.shutdown().await;
}

/// The hover card's text at `needle`.
async fn card(c: &mut TestClient, uri: &str, text: &str, needle: &str) -> String {
    let h = c.call("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos_of(text, needle)})).await;
    h["contents"]["value"].as_str().unwrap().to_string()
}

async fn action_titles(c: &mut TestClient, uri: &str, text: &str, needle: &str) -> Vec<String> {
    let r = range_of(text, needle);
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": []}}),
        )
        .await;
    actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

fn message_of<'a>(diags: &'a [Value], code: &str) -> &'a str {
    diags.iter().find(|d| d["code"] == code).unwrap()["message"].as_str().unwrap()
}

#[tokio::test]
async fn the_clients_locale_gives_indonesian_and_the_language_setting_overrides_it() {
    let mut c = TestClient::start();
    c.initialize_with_locale(&repo(), json!({"debounceMs": 0}), false, Some("id-ID")).await;
    c.wait_for("the sources to load", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().is_some_and(|s| s.contains("sources loaded"))
    })
    .await;
    let (text, uri) = open_example_draft(&mut c).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(message_of(&diags, "date-weekday"), "`Kamis (12/2/2025)`: 2025-02-12 jatuh pada hari Rabu, bukan Kamis");
    let disagree = message_of(&diags, "sources-disagree");
    assert!(disagree.starts_with("sumber-sumber berbeda soal lama panggilan telepon, `45 menit`"), "{disagree}");
    let d = diags.iter().find(|d| d["code"] == "sources-disagree").unwrap();
    let related: Vec<&str> =
        d["relatedInformation"].as_array().unwrap().iter().map(|r| r["message"].as_str().unwrap()).collect();
    assert!(related.iter().any(|r| r.starts_with("CNN Indonesia, mendukung: ")), "{related:?}");
    let weekday = diags.iter().find(|d| d["code"] == "date-weekday").unwrap();
    assert_eq!(weekday["data"]["fixes"][0]["title"], "Ganti harinya menjadi Rabu");
    // Hover cards.
    let md = card(&mut c, &uri, &text, "45 menit").await;
    assert!(md.starts_with("**45 menit** · durasi · 45 menit ("), "{md}");
    assert!(md.contains("_lama panggilan telepon pada 28 Jan 2017 antara "), "{md}");
    assert!(md.contains("[baris 5]("), "{md}");
    assert!(md.contains("_sources-disagree_: sumber-sumber berbeda soal"), "{md}");
    let md = card(&mut c, &uri, &text, "Kamis (12/2/2025)").await;
    assert!(md.contains("· tanggal · 12 Feb 2025, tertulis hari Kamis"), "{md}");
    let md = card(&mut c, &uri, &text, "Donald Trump").await;
    assert!(md.contains("· orang · Donald Trump") && md.contains("Ejaan di sumber: Donald Trump ("), "{md}");
    // Quick fixes.
    assert_eq!(
        action_titles(&mut c, &uri, &text, "Kamis (12/2/2025)").await,
        [
            "Ganti harinya menjadi Rabu",
            "Ganti tanggalnya menjadi 2025-02-13",
            "Abaikan temuan corroborate di baris ini"
        ]
    );
    let report = c.call("corroborate/sourcesReport", Value::Null).await;
    assert!(report.as_str().unwrap().starts_with("berita 1: 3 artikel, 2017-01-28 hingga 2017-01-31"), "{report}");

    // The `language` setting wins over the locale, and the documents are published again.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"corroborate": {"language": "en"}}})).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(message_of(&diags, "date-weekday"), "`Kamis (12/2/2025)`: 2025-02-12 was a Wednesday, not a Thursday");
    let md = card(&mut c, &uri, &text, "45 menit").await;
    assert!(md.starts_with("**45 menit** · duration · 45 min"), "{md}");
    assert_eq!(action_titles(&mut c, &uri, &text, "Kamis (12/2/2025)").await[0], "Change the weekday to Rabu");

    // Back to Indonesian, then a value no catalogue has: a message, and English.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"corroborate": {"language": "id"}}})).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert!(message_of(&diags, "date-weekday").contains("bukan Kamis"));
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"corroborate": {"language": "klingon"}}})).await;
    let shown = c
        .wait_for("a message on the bad language", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("`language`"))
        })
        .await;
    let shown = shown["params"]["message"].as_str().unwrap();
    assert!(shown.contains("klingon") && shown.contains("en, id") && shown.contains("English"), "{shown}");
    let diags = c.diagnostics(&uri, 1).await;
    assert!(message_of(&diags, "date-weekday").contains("was a Wednesday, not a Thursday"), "{diags:?}");
    c.shutdown().await;
}

#[tokio::test]
async fn the_language_in_initialization_options_wins_over_the_locale() {
    // `language` in initializationOptions wins over the locale from the start.
    let mut c = TestClient::start();
    c.initialize_with_locale(&repo(), json!({"debounceMs": 0, "language": "id"}), false, Some("en-US")).await;
    c.wait_for("the sources to load", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().is_some_and(|s| s.contains("sources loaded"))
    })
    .await;
    let (_, uri) = open_example_draft(&mut c).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert!(message_of(&diags, "date-weekday").contains("jatuh pada hari Rabu, bukan Kamis"), "{diags:?}");
    c.shutdown().await;
}

#[tokio::test]
async fn the_servers_own_notices_follow_the_language() {
    // A missing corpus folder and a bad setting, said in Indonesian.
    let dir = temp_dir("notices-id");
    let mut c = TestClient::start();
    c.initialize_with_locale(&dir, json!({"corpus": ["tidak-ada"], "debounceMs": "cepat"}), false, Some("id")).await;
    let bad = c
        .wait_for("the bad setting", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("debounceMs"))
        })
        .await;
    assert!(bad["params"]["message"].as_str().unwrap().contains("harus berupa bilangan milidetik"), "{bad}");
    let missing = c
        .wait_for("the missing folder", |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("tidak-ada"))
        })
        .await;
    assert!(missing["params"]["message"].as_str().unwrap().contains("folder korpus tidak ditemukan"), "{missing}");
    c.shutdown().await;
}
