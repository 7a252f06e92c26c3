//! Loading articles from disk: files given on the command line and corpus
//! folders (`.txt`, `.md`, `.markdown`, recursively). The only part of the
//! core that touches the file system; bad files become messages, never aborts.

use crate::claims::{self, Extracted, Options};
use std::path::{Path, PathBuf};

/// A text read from disk, with what went wrong on the way.
#[derive(Debug)]
pub struct Loaded {
    pub text: String,
    /// Set when the file was not valid UTF-8 and was read lossily.
    pub warning: Option<String>,
}

/// Reads a file as text; invalid UTF-8 is replaced and reported.
pub fn read_text(path: &Path) -> Result<Loaded, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {}", path.display(), e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Loaded { text, warning: None }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok(Loaded {
                text,
                warning: Some(format!(
                    "{} is not valid UTF-8 (first bad byte at offset {}); read with replacement characters",
                    path.display(),
                    at
                )),
            })
        }
    }
}

pub fn is_article_path(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

/// Article files under the folders, sorted; messages for folders that cannot be read.
pub fn article_files(dirs: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            files.push(dir.clone());
            continue;
        }
        walk(dir, &mut files, &mut errors, 0);
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("cannot read corpus folder {}: {}", dir.display(), e));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if !hidden {
                walk(&path, files, errors, depth + 1);
            }
        } else if (ft.is_file() || ft.is_symlink()) && is_article_path(&path) {
            files.push(path);
        }
    }
}

/// One article of the corpus, read and extracted.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub extracted: Extracted,
}

/// Reads every article under `dirs`; unreadable files are reported in the messages.
pub fn load(dirs: &[PathBuf], opts: &Options) -> (Vec<Source>, Vec<String>) {
    let (files, mut messages) = article_files(dirs);
    let mut sources = Vec::with_capacity(files.len());
    for path in files {
        match read_text(&path) {
            Ok(loaded) => {
                if let Some(w) = loaded.warning {
                    messages.push(w);
                }
                let extracted = claims::extract(&loaded.text, opts);
                sources.push(Source { path, extracted });
            }
            Err(e) => messages.push(e),
        }
    }
    (sources, messages)
}

/// Same file, whichever way its path is written.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
