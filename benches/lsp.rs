//! Language-server latency: from `didChange` to `publishDiagnostics` for a
//! 2,000-word draft, with the default settings (no fixed debounce), with the
//! old fixed debounce of 250 ms for comparison, and with `debounceMs: 0`; on
//! the seeds and on a corpus of 10,000 generated articles (and, with
//! `CORROBORATE_BENCH_ARTICLES=n`, of n). A plain harness: `cargo bench --bench lsp`.

#[path = "support/drafts.rs"]
mod drafts;
#[path = "support/gen.rs"]
mod gen;
use drafts::draft_2000_words;
#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use lsp_client::{url, TestClient};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

async fn measure(label: &str, corpus: &Path, runs: usize, debounce: Option<u64>) {
    let mut c = TestClient::start();
    // Loading an archive of 100,000 articles takes longer than a test waits.
    c.timeout = std::time::Duration::from_secs(900);
    let mut options = json!({"corpus": [corpus.display().to_string()]});
    if let Some(ms) = debounce {
        options["debounceMs"] = json!(ms);
    }
    c.initialize(corpus.parent().unwrap(), options, false).await;
    let setting = match debounce {
        None => "default settings".to_string(),
        Some(ms) => format!("debounceMs {ms}"),
    };
    let draft = draft_2000_words();
    let uri = url(&std::env::temp_dir().join("corroborate-bench-draft.md"));
    c.open(&uri, &draft).await;
    c.diagnostics(&uri, 1).await;
    let mut times = Vec::with_capacity(runs);
    for v in 2..(runs as i64 + 2) {
        // Type one character at the end of the first paragraph.
        let p = json!({"line": 2, "character": 0});
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"range": {"start": p, "end": p}, "text": if v % 2 == 0 { "x" } else { "" }}]}),
        )
        .await;
        c.diagnostics(&uri, v).await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        c.seen.clear();
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}, {setting}: didChange -> publishDiagnostics, 2,000-word draft: median {:.2} ms, p95 {:.2} ms, min {:.2} ms ({} runs)",
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[0],
        runs
    );
    c.shutdown().await;
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("lsp_latency: benchmark");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        println!("lsp latency ({cores} cores)");
        measure("seeds (5 articles)", &seeds, 200, None).await;
        measure("seeds (5 articles)", &seeds, 20, Some(250)).await;
        measure("seeds (5 articles)", &seeds, 200, Some(0)).await;
        let big = gen::write_generated(10_000);
        measure("10,000 generated articles", &big, 50, None).await;
        measure("10,000 generated articles", &big, 50, Some(0)).await;
        // An archive: `CORROBORATE_BENCH_ARTICLES=100000` (generated once, then kept).
        if let Some(n) = gen::archive_size() {
            let dir = gen::write_generated(n);
            measure(&format!("{n} generated articles"), &dir, 50, None).await;
        }
    });
}
