//! Random sequences of document and corpus events against the real server,
//! checked against a model: whatever the order, the last diagnostics of each
//! open document equal a fresh analysis of its text against the corpus on
//! disk, and every evidence link names an existing file and line.

mod support {
    pub mod lsp_client;
}

use corroborate::claims::Options;
use corroborate::index::Corpus;
use corroborate::lsp::{analyse_text, config::Config, features, Sources};
use corroborate::text::Encoding;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::lsp_client::{url, TestClient};

const SOURCES: &[&str] = &[
    "---\ndate: 2024-03-05\noutlet: Kabar Harian\n---\nRapat kabinet membahas anggaran pada Senin (4/3/2024) dan berlangsung 45 menit.\nMenteri Keuangan Sri Mulyani Indrawati memimpin rapat itu.\n",
    "---\ndate: 2024-03-06\noutlet: Warta Kini\n---\nRapat kabinet pada Senin (4/3/2024) berlangsung sejam, kata Sri Mulyani Indrawati.\n",
    "---\ndate: 2024-05-13\n---\nBanjir bandang melanda Sumatera Barat pada Sabtu (11/5/2024) malam.\nGubernur Mahyeldi Ansharullah meninjau lokasi pada Senin (13/5/2024).\n",
    "ANKARA — A magnitude 6.1 earthquake struck eastern Turkey on Monday, March 3, 2025.\nThe shaking lasted about 30 seconds.\n",
];

const SNIPPETS: &[&str] = &[
    "Rapat kabinet pada Senin (4/3/2024) berlangsung 90 menit. ",
    "Menteri Keuangan Sri Mulyanni Indrawati hadir. ",
    "Banjir melanda pada Jumat (11/5/2024). ",
    "The shaking lasted 2 minutes. ",
    "\n",
    "😀 ",
    "Rabu (12/2) ",
    "sekitar dua jam ",
];

#[derive(Debug, Clone)]
enum Op {
    Open(usize, usize),
    /// Insert snippet `s` at `at` (a fraction of the text, in chars).
    Insert(usize, usize, f64),
    /// Delete `len` chars at `at`.
    Delete(usize, f64, usize),
    Close(usize),
    AddSource(usize),
    RemoveSource(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..2usize, 0..SNIPPETS.len()).prop_map(|(d, s)| Op::Open(d, s)),
        3 => (0..2usize, 0..SNIPPETS.len(), 0.0..1.0f64).prop_map(|(d, s, a)| Op::Insert(d, s, a)),
        2 => (0..2usize, 0.0..1.0f64, 1..12usize).prop_map(|(d, a, n)| Op::Delete(d, a, n)),
        1 => (0..2usize).prop_map(Op::Close),
        2 => (0..SOURCES.len()).prop_map(Op::AddSource),
        1 => (0..SOURCES.len()).prop_map(Op::RemoveSource),
    ]
}

/// The LSP range (UTF-16) of chars `from..to` of `text`.
fn lsp_range(text: &str, from: usize, to: usize) -> Value {
    let pos = |c: usize| {
        let before: String = text.chars().take(c).collect();
        let line = before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap().encode_utf16().count();
        json!({"line": line, "character": col})
    };
    json!({"start": pos(from), "end": pos(to)})
}

struct Model {
    docs: BTreeMap<usize, (String, i64)>,
    sources: BTreeMap<usize, ()>,
}

fn key(d: &Value) -> (String, String, String) {
    (
        d["code"].as_str().unwrap_or("").to_string(),
        d["range"].to_string(),
        d["message"].as_str().unwrap_or("").to_string(),
    )
}

async fn run(ops: Vec<Op>, case: usize) {
    let dir = std::env::temp_dir().join(format!("corroborate-seq-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("s0.md"), SOURCES[0]).unwrap();
    let mut model = Model { docs: BTreeMap::new(), sources: BTreeMap::from([(0, ())]) };
    let mut c = TestClient::start();
    c.initialize(&dir, json!({"debounceMs": 0, "corpus": [src.to_str().unwrap()]}), false).await;
    let doc_uri = |d: usize| url(&dir.join(format!("draft{d}.md")));
    let source_path = |k: usize| src.join(format!("s{k}.md"));
    for op in ops {
        match op {
            Op::Open(d, s) => {
                if model.docs.contains_key(&d) {
                    continue;
                }
                let text = SNIPPETS[s].repeat(2);
                c.open(&doc_uri(d), &text).await;
                model.docs.insert(d, (text, 1));
            }
            Op::Insert(d, s, at) => {
                let Some((text, version)) = model.docs.get_mut(&d) else { continue };
                let n = text.chars().count();
                let at = ((n as f64) * at) as usize;
                let range = lsp_range(text, at, at);
                let byte = text.char_indices().nth(at).map(|x| x.0).unwrap_or(text.len());
                text.insert_str(byte, SNIPPETS[s]);
                *version += 1;
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": doc_uri(d), "version": *version}, "contentChanges": [{"range": range, "text": SNIPPETS[s]}]}),
                )
                .await;
            }
            Op::Delete(d, at, len) => {
                let Some((text, version)) = model.docs.get_mut(&d) else { continue };
                let n = text.chars().count();
                let from = ((n as f64) * at) as usize;
                let to = (from + len).min(n);
                let range = lsp_range(text, from, to);
                *text = text.chars().take(from).chain(text.chars().skip(to)).collect();
                *version += 1;
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": doc_uri(d), "version": *version}, "contentChanges": [{"range": range, "text": ""}]}),
                )
                .await;
            }
            Op::Close(d) => {
                if model.docs.remove(&d).is_some() {
                    c.notify("textDocument/didClose", json!({"textDocument": {"uri": doc_uri(d)}})).await;
                }
            }
            Op::AddSource(k) => {
                std::fs::write(source_path(k), SOURCES[k]).unwrap();
                model.sources.insert(k, ());
                c.notify(
                    "workspace/didChangeWatchedFiles",
                    json!({"changes": [{"uri": url(&source_path(k)), "type": 1}]}),
                )
                .await;
            }
            Op::RemoveSource(k) => {
                if model.sources.remove(&k).is_none() {
                    continue;
                }
                let _ = std::fs::remove_file(source_path(k));
                c.notify(
                    "workspace/didChangeWatchedFiles",
                    json!({"changes": [{"uri": url(&source_path(k)), "type": 3}]}),
                )
                .await;
            }
        }
    }
    // Wait until the server's corpus is the one on disk.
    let want: Vec<String> = model.sources.keys().map(|k| format!("s{k}.md")).collect();
    for _ in 0..200 {
        let r = c.call("corroborate/sourcesReport", Value::Null).await;
        let r = r.as_str().unwrap().to_string();
        let listed = (0..SOURCES.len()).filter(|k| r.contains(&format!("s{k}.md"))).count();
        if listed == want.len() && want.iter().all(|w| r.contains(w.as_str())) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // A fresh analysis of each open document against the corpus on disk.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let (corpus, _) =
        Corpus::load(std::slice::from_ref(&src), &Options::new(today), corroborate::corpus::DEFAULT_MAX_FILE_BYTES);
    let sources = Arc::new(Sources { corpus: Arc::new(corpus), version: 1, dirs: vec![src.clone()] });
    let config = Config { debounce_ms: Some(0), ..Config::default() };
    // Publications seen so far may carry the same version numbers as the last
    // ones (a document closed and opened again starts at 1 anew): forget them,
    // and end on a version no earlier incarnation used.
    c.seen.retain(|m| m["method"] != "textDocument/publishDiagnostics");
    for (d, (text, _)) in model.docs.clone() {
        // One more version with the same text: its diagnostics are the last word.
        let v = 10_000 + d as i64;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc_uri(d), "version": v}, "contentChanges": [{"text": text}]}),
        )
        .await;
        let got = c.diagnostics(&doc_uri(d), v).await;
        let path = dir.join(format!("draft{d}.md"));
        let snap = analyse_text(text.clone(), v as i32, 1, Some(path), sources.clone(), today, &|| false).unwrap();
        let fresh = features::diagnostics(&snap, &snap.corpus, &config, Encoding::Utf16);
        let fresh: Vec<Value> = fresh.iter().map(|x| serde_json::to_value(x).unwrap()).collect();
        let mut a: Vec<_> = got.iter().map(key).collect();
        let mut b: Vec<_> = fresh.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "document {d} after the sequence; text:\n{text}");
        for x in &got {
            for r in x["relatedInformation"].as_array().into_iter().flatten() {
                let uri = r["location"]["uri"].as_str().unwrap();
                let p = PathBuf::from(uri.strip_prefix("file://").unwrap());
                let body = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{uri}: {e}"));
                let line = r["location"]["range"]["start"]["line"].as_u64().unwrap() as usize;
                assert!(line < body.lines().count(), "{uri} has no line {line}");
            }
        }
    }
    c.shutdown().await;
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 20, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_ends_like_a_fresh_analysis(ops in prop::collection::vec(op(), 1..20), case in 0..1_000_000usize) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(run(ops, case));
    }
}
