//! Puts the commit the binary was built from into `CORROBORATE_COMMIT`, for
//! `corroborate --version`: from `git rev-parse` when the sources are a git
//! checkout, else from `.cargo_vcs_info.json` (what `cargo package` writes
//! into a crate), else `unknown`. Never fails the build.
//!
//! Also lists the message catalogues (`src/i18n/<code>.txt`, English first)
//! into `$OUT_DIR/catalogues.rs`, so a new language is a new file only.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// The commit `cargo package` recorded: `{"git": {"sha1": "…"}}`.
fn vcs_info(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let at = text.find("\"sha1\"")?;
    let rest = &text[at + 6..];
    let start = rest.find('"')? + 1;
    let end = start + rest[start..].find('"')?;
    let sha = &rest[start..end];
    (sha.len() >= 7 && sha.chars().all(|c| c.is_ascii_hexdigit())).then(|| sha[..12.min(sha.len())].to_string())
}

/// `CATALOGUES`: every `src/i18n/<code>.txt` as (code, text), English first.
fn catalogues(dir: &Path) {
    let i18n = dir.join("src").join("i18n");
    println!("cargo:rerun-if-changed={}", i18n.display());
    let mut codes: Vec<String> = std::fs::read_dir(&i18n)
        .map(|r| {
            r.flatten()
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    let code = name.strip_suffix(".txt")?;
                    let ok = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                    ok.then(|| code.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    let mut out = String::from(
        "/// The message catalogues: (code, text), English first.\nconst CATALOGUES: &[(&str, &str)] = &[\n",
    );
    for c in &codes {
        out.push_str(&format!(
            "    ({c:?}, include_str!({:?})),\n",
            i18n.join(format!("{c}.txt")).display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("catalogues.rs");
    if std::fs::read_to_string(&target).ok().as_deref() != Some(out.as_str()) {
        std::fs::write(&target, out).expect("cannot write catalogues.rs");
    }
}

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=build.rs");
    catalogues(&dir);
    let commit = match git(&dir, &["rev-parse", "--short=12", "HEAD"]) {
        Some(c) => {
            // Rebuild when HEAD moves: HEAD itself, the branch it names, packed refs.
            let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
            if let Some(r) = git(&dir, &["symbolic-ref", "-q", "HEAD"]) {
                watch.push(r);
            }
            for w in watch {
                if let Some(p) = git(&dir, &["rev-parse", "--path-format=absolute", "--git-path", &w]) {
                    if Path::new(&p).exists() {
                        println!("cargo:rerun-if-changed={p}");
                    }
                }
            }
            c
        }
        None => vcs_info(&dir).unwrap_or_else(|| "unknown".into()),
    };
    println!("cargo:rustc-env=CORROBORATE_COMMIT={commit}");
}
