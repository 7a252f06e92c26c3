//! The persistent index: what reading each corpus file gave (its
//! `Extracted`, and its `ArticleFacts`: terms and happenings as read), kept on
//! disk between starts so that a later start reads and extracts only the
//! files that changed.
//!
//! One file per corpus (a set of folders), under the user's cache folder or
//! `.corroborate/` in the workspace; never inside a corpus folder unless that
//! is where the workspace's `.corroborate/` is. Entries are keyed by path,
//! size and modification time. The file opens with a header naming the
//! format, the program that wrote it (a checksum of its executable, so that
//! a new build never reads an old build's claims) and the reading options; a
//! file from another version, or unreadable, truncated or corrupt (a CRC over
//! its body), is ignored and written anew. Writing goes to a temporary file
//! in the same folder, renamed over the old one, so an interrupted write
//! leaves the old index or none, never a broken one.
//!
//! An entry is valid on any day when its article's dates did not depend on
//! the clock (it has a publication date, or states a full date); otherwise
//! only on the day it was read, since today may have supplied a year.

use crate::claims::{self, Extracted, Options, Precision, Value};
use crate::index::{article_facts, ArticleFacts, Corpus};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

/// Bumped whenever the layout of the file changes.
pub const FORMAT: u32 = 2;
const MAGIC: &[u8; 16] = b"corroborate-idx\n";

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Header {
    format: u32,
    /// The program that wrote the file.
    program: String,
    /// The reading options (today left out).
    options: String,
    entries: u64,
    /// Length and CRC-32 of everything after the header.
    body_len: u64,
    body_crc: u32,
}

/// One file's entry, followed in the file by `len` bytes: its `Extracted`
/// and its facts (`index::article_facts`: terms and happenings).
#[derive(Serialize, Deserialize, Debug, Clone)]
struct EntryMeta {
    path: String,
    size: u64,
    mtime: (u64, u32),
    /// The day the entry is valid on, when its dates may depend on the clock.
    day: Option<NaiveDate>,
    /// The message reading the file gave (not valid UTF-8, …).
    warning: Option<crate::corpus::Problem>,
    len: u64,
}

/// Where the index of a corpus is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// No index: every start reads every file.
    Off,
    /// Under the user's cache folder (`~/.cache/corroborate/` on Linux).
    Cache,
    /// Under this folder (the server passes `<workspace>/.corroborate`).
    Folder(PathBuf),
}

/// The index file of a corpus made of `dirs`, at `place`.
pub fn index_file(place: &Place, dirs: &[PathBuf]) -> Option<PathBuf> {
    let folder = match place {
        Place::Off => return None,
        Place::Cache => dirs::cache_dir()?.join("corroborate"),
        Place::Folder(f) => f.clone(),
    };
    let mut h = crc32fast::Hasher::new();
    for d in dirs {
        let c = d.canonicalize().unwrap_or_else(|_| d.clone());
        h.update(c.to_string_lossy().as_bytes());
        h.update(b"\0");
    }
    Some(folder.join(format!("index-{:08x}.bin", h.finalize())))
}

/// Which program wrote an index: a CRC of this executable, read once.
fn program() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| {
        let exe = std::env::current_exe().ok().and_then(|p| std::fs::read(p).ok());
        let crc = exe.map(|b| crc32fast::hash(&b)).unwrap_or(0);
        format!("{} {} {:08x}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"), crc)
    })
}

fn options_key(opts: &Options) -> String {
    let mut o = *opts;
    o.today = NaiveDate::MIN;
    format!("{o:?}")
}

/// Whether the article's dates cannot have come from the clock: with a
/// publication date, or a full date stated, its reference date is not the
/// clock's and no date is resolved against today.
pub fn day_independent(ex: &Extracted) -> bool {
    ex.published.is_some()
        || ex.claims.iter().any(|c| match &c.value {
            Value::Date(d) => {
                !d.relative && d.precision == Precision::Day && d.year.is_some() && d.month.is_some() && d.day.is_some()
            }
            _ => false,
        })
}

/// Makes the person strings of an article share one allocation per distinct
/// string again, as extraction and reading leave them (decoding gives each its own).
fn share_strings(ex: &mut Extracted, facts: &mut ArticleFacts) {
    let mut seen: std::collections::HashSet<std::sync::Arc<str>> = std::collections::HashSet::new();
    let mut share = |s: &mut std::sync::Arc<str>| match seen.get(s) {
        Some(x) => *s = x.clone(),
        None => {
            seen.insert(s.clone());
        }
    };
    for c in &mut ex.claims {
        if let Value::Person(p) = &mut c.value {
            share(&mut p.name);
            share(&mut p.key);
            if let Some(r) = &mut p.role {
                share(r);
            }
        }
    }
    let r = &mut facts.reading;
    for p in r
        .mentions
        .iter_mut()
        .flat_map(|m| m.people.iter_mut())
        .chain(r.happenings.iter_mut().flat_map(|h| h.people.iter_mut()))
    {
        share(p);
    }
}

/// An entry read from an index file: its bytes are decoded only when used.
struct Stored<'a> {
    meta: EntryMeta,
    data: &'a [u8],
}

/// Reads the entries of an index file; `None` when it is missing, from
/// another version or options, or damaged.
fn read_index<'a>(bytes: &'a [u8], opts: &Options) -> Option<HashMap<String, Stored<'a>>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (header, body) = postcard::take_from_bytes::<Header>(rest).ok()?;
    if header.format != FORMAT || header.program != program() || header.options != options_key(opts) {
        return None;
    }
    if body.len() as u64 != header.body_len || crc32fast::hash(body) != header.body_crc {
        return None;
    }
    let mut out = HashMap::new();
    let mut at = body;
    for _ in 0..header.entries {
        let (meta, rest) = postcard::take_from_bytes::<EntryMeta>(at).ok()?;
        let len = usize::try_from(meta.len).ok()?;
        if rest.len() < len {
            return None;
        }
        let (data, rest) = rest.split_at(len);
        at = rest;
        out.insert(meta.path.clone(), Stored { meta, data });
    }
    at.is_empty().then_some(out)
}

/// An entry to write: meta and encoded `Extracted`.
struct Entry {
    meta: EntryMeta,
    data: Data,
}

/// An entry's encoded `Extracted`: new, or where it lies in the old index.
enum Data {
    New(Vec<u8>),
    Old(std::ops::Range<usize>),
}

/// An index to be written (after the corpus is in use).
pub struct Pending {
    file: PathBuf,
    header: Header,
    entries: Vec<Entry>,
    /// The old index's bytes, which unchanged entries are copied from.
    old: Vec<u8>,
}

impl Pending {
    /// The index file it writes.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Writes the index atomically: a temporary file in the same folder,
    /// flushed, then renamed over the old index.
    pub fn write(mut self) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot write the index {}: {e}", self.file.display());
        let folder = self.file.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&folder).map_err(fail)?;
        let mut body = Vec::new();
        for e in &self.entries {
            let meta = postcard::to_allocvec(&e.meta).map_err(|x| format!("cannot encode the index: {x}"))?;
            body.extend_from_slice(&meta);
            match &e.data {
                Data::New(d) => body.extend_from_slice(d),
                Data::Old(r) => body.extend_from_slice(self.old.get(r.clone()).unwrap_or_default()),
            }
        }
        self.header.entries = self.entries.len() as u64;
        self.header.body_len = body.len() as u64;
        self.header.body_crc = crc32fast::hash(&body);
        let header = postcard::to_allocvec(&self.header).map_err(|x| format!("cannot encode the index: {x}"))?;
        let stamp = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let name = self.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = folder.join(format!(".{name}.{}.{stamp}.tmp", std::process::id()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(MAGIC)?;
            f.write_all(&header)?;
            f.write_all(&body)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.file)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail(e));
        }
        Ok(())
    }
}

/// What a load through the index did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Files taken from the index.
    pub reused: usize,
    /// Files read and extracted.
    pub read: usize,
}

pub struct Loaded {
    pub corpus: Corpus,
    pub messages: Vec<crate::corpus::Problem>,
    pub stats: Stats,
    /// The index to write, when it is missing or out of date.
    pub pending: Option<Pending>,
}

fn mtime(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let d = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

/// One file's outcome.
enum Got {
    Article {
        path: PathBuf,
        ex: Box<(Extracted, ArticleFacts)>,
        warning: Option<crate::corpus::Problem>,
        entry: Option<Entry>,
        reused: bool,
    },
    Failed(crate::corpus::Problem),
}

/// Loads the corpus under `dirs` as `Corpus::load` does, taking from the
/// index file the files whose path, size and modification time it knows, and
/// reading the others. The corpus is the one `Corpus::load` gives.
pub fn load(dirs: &[PathBuf], opts: &Options, max_file_bytes: u64, file: Option<&Path>) -> Loaded {
    let (files, mut messages) = crate::corpus::article_files(dirs);
    let bytes = file.and_then(|f| std::fs::read(f).ok()).unwrap_or_default();
    let old = if file.is_some() { read_index(&bytes, opts) } else { None };
    let today = opts.today;
    let got: Vec<Got> = files
        .into_par_iter()
        .with_min_len(16)
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let key = meta
                .as_ref()
                .filter(|m| m.is_file() && m.len() <= max_file_bytes)
                .and_then(|m| Some((m.len(), mtime(m)?)));
            let name = path.to_str().map(str::to_string);
            if let (Some((size, mt)), Some(name), Some(old)) = (key, &name, &old) {
                if let Some(s) = old.get(name) {
                    let valid = s.meta.size == size && s.meta.mtime == mt && s.meta.day.is_none_or(|d| d == today);
                    if valid {
                        if let Ok(mut ex) = postcard::from_bytes::<(Extracted, ArticleFacts)>(s.data) {
                            share_strings(&mut ex.0, &mut ex.1);
                            let at = s.data.as_ptr() as usize - bytes.as_ptr() as usize;
                            let data = Data::Old(at..at + s.data.len());
                            let entry = Entry { meta: s.meta.clone(), data };
                            let warning = s.meta.warning.clone();
                            return Got::Article { path, ex: Box::new(ex), warning, entry: Some(entry), reused: true };
                        }
                    }
                }
            }
            match crate::corpus::read_text(&path, max_file_bytes) {
                Err(e) => Got::Failed(e),
                Ok(l) => {
                    let ex = claims::extract(&l.text, opts);
                    let facts = article_facts(&ex);
                    let entry = match (file, key, name) {
                        (Some(_), Some((size, mtime)), Some(path)) => {
                            postcard::to_allocvec(&(&ex, &facts)).ok().map(|data| Entry {
                                meta: EntryMeta {
                                    path,
                                    size,
                                    mtime,
                                    day: (!day_independent(&ex)).then_some(today),
                                    warning: l.warning.clone(),
                                    len: data.len() as u64,
                                },
                                data: Data::New(data),
                            })
                        }
                        _ => None,
                    };
                    Got::Article { path, ex: Box::new((ex, facts)), warning: l.warning, entry, reused: false }
                }
            }
        })
        .collect();
    let old_count = old.as_ref().map(|o| o.len());
    drop(old);
    let mut stats = Stats::default();
    let mut docs = Vec::with_capacity(got.len());
    let mut entries = Vec::with_capacity(got.len());
    for g in got {
        match g {
            Got::Failed(m) => messages.push(m),
            Got::Article { path, ex, warning, entry, reused } => {
                if let Some(w) = warning {
                    messages.push(w);
                }
                if reused {
                    stats.reused += 1;
                } else {
                    stats.read += 1;
                }
                entries.extend(entry);
                let (ex, facts) = *ex;
                docs.push((path, ex, Some(facts)));
            }
        }
    }
    // Nothing new to keep and nothing gone (a file the index cannot hold, with
    // a path that is not UTF-8, is read every time and changes nothing).
    let up_to_date = old_count == Some(stats.reused) && entries.len() == stats.reused;
    let pending = match file {
        Some(f) if !up_to_date => Some(Pending {
            file: f.to_path_buf(),
            header: Header {
                format: FORMAT,
                program: program().to_string(),
                options: options_key(opts),
                entries: 0,
                body_len: 0,
                body_crc: 0,
            },
            entries,
            old: bytes,
        }),
        _ => {
            drop(bytes);
            None
        }
    };
    Loaded { corpus: Corpus::from_extracted(docs, opts), messages, stats, pending }
}
