//! Reading articles from disk: files given on the command line and corpus
//! folders (`.txt`, `.md`, `.markdown`, recursively, with no depth limit).
//! With `index::Corpus::load` the only part of the core that touches the file
//! system; bad files become messages, never aborts.
//!
//! Only regular files are read (a FIFO or a device is skipped with a message,
//! never opened), and only up to a size cap, so a link to `/dev/zero` or a
//! huge dump cannot hang or exhaust memory. Symbolic links to folders are
//! followed once each: a folder already walked is not walked again, which
//! ends link loops. UTF-16 files are recognised by their byte-order mark.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file read by default, in bytes (5 MB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 5_000_000;

/// What went wrong reading a file or a folder. Data, not words: the outputs
/// say it in the writer's language (`message`); `Display` says it in English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    CannotRead { path: PathBuf, error: String },
    NotRegular { path: PathBuf },
    TooBig { path: PathBuf, len: u64, max: u64 },
    BadUtf16 { path: PathBuf },
    BadUtf8 { path: PathBuf, offset: usize },
    CannotReadFolder { path: PathBuf, error: String },
    Skipped { path: PathBuf, error: String },
}

impl Problem {
    /// The problem as a message of the catalogue (`load.*`).
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::Message;
        let path = |p: &Path| p.display().to_string();
        match self {
            Problem::CannotRead { path: p, error } => {
                Message::new("load.cannot_read").arg("path", path(p)).arg("error", error.clone())
            }
            Problem::NotRegular { path: p } => Message::new("load.not_regular").arg("path", path(p)),
            Problem::TooBig { path: p, len, max } => Message::new("load.too_big")
                .arg("path", path(p))
                .arg("size", len.to_string())
                .arg("max", max.to_string()),
            Problem::BadUtf16 { path: p } => Message::new("load.bad_utf16").arg("path", path(p)),
            Problem::BadUtf8 { path: p, offset } => {
                Message::new("load.bad_utf8").arg("path", path(p)).arg("offset", offset.to_string())
            }
            Problem::CannotReadFolder { path: p, error } => {
                Message::new("load.cannot_read_folder").arg("path", path(p)).arg("error", error.clone())
            }
            Problem::Skipped { path: p, error } => {
                Message::new("load.skipped").arg("path", path(p)).arg("error", error.clone())
            }
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::EN.render(&self.message()))
    }
}

/// A text read from disk, with what went wrong on the way.
#[derive(Debug)]
pub struct Loaded {
    pub text: String,
    /// Set when the file was not valid UTF-8 (or UTF-16) and was read lossily.
    pub warning: Option<Problem>,
}

/// Reads a file as text, up to `max_bytes`. A file that is not a regular
/// file or is larger than the cap is refused with a message naming it.
/// Invalid UTF-8 is replaced and reported; UTF-16 with a byte-order mark is decoded.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<Loaded, Problem> {
    let cannot = |e: std::io::Error| Problem::CannotRead { path: path.to_path_buf(), error: e.to_string() };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Problem::NotRegular { path: path.to_path_buf() });
    }
    if meta.len() > max_bytes {
        return Err(too_big(path, meta.len(), max_bytes));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the size check and the read: never read past the cap.
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(path, bytes.len() as u64, max_bytes));
    }
    Ok(decode(path, bytes))
}

fn too_big(path: &Path, len: u64, max: u64) -> Problem {
    Problem::TooBig { path: path.to_path_buf(), len, max }
}

/// Decodes a file's bytes: UTF-16 (little or big endian) when it opens with
/// a byte-order mark, else UTF-8, lossily with a warning when invalid.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Loaded {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(false),
        Some([0xFE, 0xFF]) => Some(true),
        _ => None,
    };
    if let Some(big_endian) = utf16 {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let mut bad = false;
        let text: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    bad = true;
                    char::REPLACEMENT_CHARACTER
                })
            })
            .collect();
        let odd = bytes.len() % 2 == 1;
        let warning = (bad || odd).then(|| Problem::BadUtf16 { path: path.to_path_buf() });
        return Loaded { text, warning };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded { text, warning: None },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Loaded { text, warning: Some(Problem::BadUtf8 { path: path.to_path_buf(), offset: at }) }
        }
    }
}

pub fn is_article_path(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

/// Article files under the folders, sorted; messages for folders that cannot
/// be read and for entries that are skipped.
pub fn article_files(dirs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    for dir in dirs {
        if dir.is_file() {
            files.push(dir.clone());
            continue;
        }
        walk(dir, &mut files, &mut errors, &mut visited);
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// Walks a folder tree with an explicit stack (no depth limit, no recursion).
fn walk(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Problem>, visited: &mut HashSet<PathBuf>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        // A folder reached twice (through a link, or a link loop) is walked once.
        let canon = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if !visited.insert(canon) {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push(Problem::CannotReadFolder { path: dir.clone(), error: e.to_string() });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            let Ok(mut ft) = entry.file_type() else { continue };
            if ft.is_symlink() {
                // Follow the link to see what it names.
                match std::fs::metadata(&path) {
                    Ok(m) => ft = m.file_type(),
                    Err(e) => {
                        if is_article_path(&path) {
                            errors.push(Problem::Skipped { path: path.clone(), error: e.to_string() });
                        }
                        continue;
                    }
                }
            }
            if ft.is_dir() {
                if !hidden {
                    stack.push(path);
                }
            } else if is_article_path(&path) {
                if ft.is_file() {
                    files.push(path);
                } else {
                    errors.push(Problem::NotRegular { path: path.clone() });
                }
            }
        }
    }
}

/// Reads every file; the ones that cannot be read (deleted meanwhile, no
/// permission, not regular, too large) become messages, and non-UTF-8 files
/// are read lossily with one.
pub fn read_all(files: Vec<PathBuf>, max_bytes: u64) -> (Vec<(PathBuf, String)>, Vec<Problem>) {
    use rayon::prelude::*;
    // Read on every core, in chunks; the order (and so the messages') is kept.
    let read: Vec<(PathBuf, Result<Loaded, Problem>)> = files
        .into_par_iter()
        .with_min_len(16)
        .map(|path| {
            let r = read_text(&path, max_bytes);
            (path, r)
        })
        .collect();
    let mut docs = Vec::with_capacity(read.len());
    let mut messages = Vec::new();
    for (path, r) in read {
        match r {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Rabu (12/2) — Zelenskyy";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        for bytes in [le, be] {
            let l = decode(Path::new("x.txt"), bytes);
            assert_eq!(l.text, text);
            assert!(l.warning.is_none());
        }
    }
}
