//! Where a project's sources are: `corroborate.toml` (`[corpus] paths`),
//! found in the current folder or its parents as git, cargo and typos find
//! theirs, else `./seeds`. Also the commented file `corroborate init` writes.
//! Reads files only; no protocol, no terminal.

use crate::i18n::Message;
use std::path::{Path, PathBuf};

pub const FILE: &str = "corroborate.toml";

/// The two lines that name a corpus, as error messages and `init` show them.
pub const CORPUS_LINES: &str = "[corpus]\npaths = [\"sources\"]";

/// What `corroborate init` writes.
pub fn template(folder: &str) -> String {
    format!(
        "\
# corroborate.toml: where corroborate finds the source articles of your story.
# `corroborate check` and `corroborate sources` look for this file in the
# current folder and its parents; the language server reads it at the root
# of the workspace. `--corpus DIR` on the command line, or the `corpus`
# setting of the editor, wins over it.

[corpus]
# Folders of source articles (.txt, .md and .markdown files, read in every
# subfolder), relative to this file. Several folders: [\"sources\", \"archive/2025\"].
paths = [\"{}\"]
",
        toml_escape(folder)
    )
}

/// A string's content as a TOML basic string writes it.
fn toml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The nearest `corroborate.toml` from `start` upwards. From the current
/// folder (`start` = `.`) the path is relative: `corroborate.toml`,
/// `../corroborate.toml`; from any other start it is `start`'s ancestor's.
pub fn find(start: &Path) -> Option<PathBuf> {
    let here = start == Path::new(".");
    let abs = if start.is_absolute() { start.to_path_buf() } else { std::env::current_dir().ok()?.join(start) };
    for (ups, dir) in abs.ancestors().enumerate() {
        if dir.join(FILE).is_file() {
            return Some(if here {
                let mut p: PathBuf = std::iter::repeat_n("..", ups).collect();
                p.push(FILE);
                p
            } else {
                dir.join(FILE)
            });
        }
    }
    None
}

/// The corpus folders a `corroborate.toml` lists (`None` when it has no
/// `[corpus]` table); a file that cannot be read or parsed is an error message.
pub fn corpus_paths(path: &Path) -> Result<Option<Vec<String>>, Message> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Message::new("load.cannot_read").arg("path", shown).arg("error", e.to_string())),
    };
    let value: toml::Table = text
        .parse()
        .map_err(|e| Message::new("project.bad_toml").arg("path", shown.clone()).arg("error", format!("{e}")))?;
    let Some(corpus) = value.get("corpus") else { return Ok(None) };
    let bad = || Message::new("project.bad_paths").arg("path", shown.clone()).arg("lines", CORPUS_LINES.to_string());
    let paths = corpus.get("paths").and_then(|p| p.as_array()).ok_or_else(bad)?;
    let list: Vec<String> = paths.iter().filter_map(|p| p.as_str().map(str::to_string)).collect();
    if list.len() != paths.len() {
        return Err(bad());
    }
    Ok(Some(list))
}

/// Where the command line's sources come from.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// Folders from a `corroborate.toml` (relative to its folder), or its folder's `seeds/`.
    Config { file: PathBuf, dirs: Vec<PathBuf> },
    /// `./seeds`.
    Seeds(PathBuf),
}

/// The sources of a run without `--corpus`: the nearest `corroborate.toml`
/// from `start`, else `start/seeds`; `Ok(None)` when there is neither.
pub fn discover(start: &Path) -> Result<Option<Found>, Message> {
    if let Some(file) = find(start) {
        let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let join = |p: &str| {
            let p = PathBuf::from(p);
            if p.is_absolute() || base.as_os_str().is_empty() {
                p
            } else {
                base.join(p)
            }
        };
        let dirs = match corpus_paths(&file)? {
            Some(list) => list.iter().map(|p| join(p)).collect(),
            None => vec![join("seeds")],
        };
        return Ok(Some(Found::Config { file, dirs }));
    }
    let seeds = if start == Path::new(".") { PathBuf::from("seeds") } else { start.join("seeds") };
    Ok(seeds.is_dir().then_some(Found::Seeds(seeds)))
}

/// The message for a run that found no sources: both ways to name them.
pub fn nothing_found(start: &Path) -> Message {
    let at = std::env::current_dir().map(|d| d.join(start)).unwrap_or_else(|_| start.to_path_buf());
    let at = at.canonicalize().unwrap_or(at);
    let lines: String = CORPUS_LINES.lines().map(|l| format!("    {l}\n")).collect();
    Message::new("project.nothing_found").arg("file", FILE).arg("at", at.display().to_string()).arg("lines", lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_names_a_corpus() {
        let t = template("sources");
        let dir = std::env::temp_dir().join(format!("corroborate-project-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(FILE);
        std::fs::write(&file, &t).unwrap();
        assert_eq!(corpus_paths(&file), Ok(Some(vec!["sources".to_string()])));
        assert!(t.lines().filter(|l| l.starts_with('#')).count() >= 5, "commented: {t}");
        std::fs::write(&file, template("a \"b\" \\ c\td")).unwrap();
        assert_eq!(corpus_paths(&file), Ok(Some(vec!["a \"b\" \\ c\td".to_string()])));
        std::fs::write(&file, "[corpus]\npaths = \"sources\"\n").unwrap();
        let e = crate::i18n::Lang::EN.render(&corpus_paths(&file).unwrap_err());
        assert!(e.contains("[corpus]\npaths = [\"sources\"]"), "{e}");
    }
}
