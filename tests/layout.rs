//! The layering the architecture promises, checked on the source files: the
//! core imports no protocol, async runtime, rope or JSON crate; the output
//! layer (`report`, `draft`) imports neither the command line nor the server.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_core_knows_no_protocol_and_the_outputs_no_commands() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut problems = Vec::new();
    for f in &all {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(f).unwrap();
        let outer = rel.starts_with("lsp/") || rel == "cli.rs" || rel == "main.rs";
        let output = rel == "report.rs" || rel == "draft.rs";
        if !outer {
            let mut banned = vec!["tower_lsp", "lsp_types", "tokio", "ropey"];
            if !output {
                banned.push("serde_json");
            }
            for b in banned {
                if text.contains(b) {
                    problems.push(format!("{rel} uses {b}"));
                }
            }
        }
        if !outer {
            for b in ["crate::cli", "crate::lsp"] {
                if text.contains(b) {
                    problems.push(format!("{rel} imports {b}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(all.len() > 20, "found only {} files", all.len());
}
