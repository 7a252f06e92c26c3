//! Reading articles from disk: files given on the command line and corpus
//! folders (`.txt`, `.md`, `.markdown`, recursively). With `index::Corpus::load`
//! the only part of the core that touches the file system; bad files become
//! messages, never aborts.

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

/// Reads every file; the ones that cannot be read (deleted meanwhile, no
/// permission) become messages, and non-UTF-8 files are read lossily with one.
pub fn read_all(files: Vec<PathBuf>) -> (Vec<(PathBuf, String)>, Vec<String>) {
    let mut docs = Vec::with_capacity(files.len());
    let mut messages = Vec::new();
    for path in files {
        match read_text(&path) {
            Ok(l) => {
                if let Some(w) = l.warning {
                    messages.push(w);
                }
                docs.push((path, l.text));
            }
            Err(e) => messages.push(e),
        }
    }
    (docs, messages)
}
