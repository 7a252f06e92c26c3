//! Language-server latency: from `didChange` to `publishDiagnostics`, with no
//! debounce, for a 2,000-word draft, on the seeds and on a corpus of 10,000
//! generated articles. A plain harness: `cargo bench --bench lsp`.

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

async fn measure(label: &str, corpus: &Path, runs: usize) {
    let mut c = TestClient::start();
    c.initialize(corpus.parent().unwrap(), json!({"debounceMs": 0, "corpus": [corpus.display().to_string()]}), false)
        .await;
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
        "{label}: didChange -> publishDiagnostics, 2,000-word draft: median {:.2} ms, p95 {:.2} ms, min {:.2} ms ({} runs)",
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[0],
        runs
    );
    c.shutdown().await;
}

fn write_generated(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-bench-corpus-{n}"));
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (path, text) in gen::corpus(n, 5, 7) {
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
        std::fs::write(dir.join("done"), "").unwrap();
    }
    dir
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("lsp_latency: benchmark");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        measure("seeds (5 articles)", &seeds, 200).await;
        let big = write_generated(10_000);
        measure("10,000 generated articles", &big, 50).await;
    });
}
