//! The command line: `corroborate claims` (and later `check`, `sources`, `lsp`).
//! Output formats live here; the core knows nothing of JSON or terminals.

use crate::check::{analyze, Severity};
use crate::claims::{self, Extracted, Options};
use crate::corpus;
use crate::i18n::{Lang, Message};
use crate::index::Corpus;
use crate::report::{
    check_json, claim_json, disagreements, write_check_human, write_sources_human, write_sources_json,
};
use crate::text::{Encoding, LineIndex};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::path::PathBuf;

/// `corroborate --version`: the version and the commit it was built from.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("CORROBORATE_COMMIT"), ")");

const MAIN_HELP: &str = "\
Environment:
  CORROBORATE_LOG  log filter of `lsp` (stderr): error, warn, info (default), debug, trace
  NO_COLOR         set (not empty): no colours in `check`'s output, even on a terminal
  LC_ALL, LC_MESSAGES, LANG
                   the language of messages when no --lang (or `language` setting) is given:
                   the first set one decides (`id_ID.UTF-8`: Indonesian); else English

Exit status:
  0  success (for `check`: no warnings)
  1  `check` found warnings
  2  bad usage, or input that cannot be read";

const CHECK_HELP: &str = "\
Environment:
  NO_COLOR  set (not empty): no colours with --color auto (colours are only ever used on a terminal)
  LC_ALL, LC_MESSAGES, LANG  the language of messages without --lang (the first set one decides)

Exit status:
  0  no warnings or errors (notes and hints may be printed)
  1  warnings or errors found
  2  bad usage, a missing corpus folder, or a draft that cannot be read

A closed output pipe (`corroborate check draft.md | head`) ends the run quietly with the status it would have had.";

const CLAIMS_HELP: &str = "\
Exit status:
  0  success
  2  bad usage or a file that cannot be read (the other files are still printed)";

const SOURCES_HELP: &str = "\
Exit status:
  0  success
  2  bad usage or a missing corpus folder";

const INIT_HELP: &str = "\
Exit status:
  0  corroborate.toml written
  2  corroborate.toml already exists (it is left as it is), or it cannot be written";

const LSP_HELP: &str = "\
Settings (initializationOptions, or the `corroborate` section of workspace/didChangeConfiguration):
  corpus        list of source folders, relative to the workspace root
                (default: corroborate.toml's [corpus] paths, else <root>/seeds)
  debounceMs    delay after the last change before re-checking, 0 to 10000 (default 250)
  maxFileBytes  corpus files larger than this are skipped (default 5000000)
  inlayHints    resolved relative dates as inlay hints (default false)
  severity      per diagnostic code: error, warning, information, hint or off
  language      language of messages, hover cards and fixes: en or id (default: the client's
                `locale` from initialize, else LC_ALL / LC_MESSAGES / LANG, else en)

Environment:
  CORROBORATE_LOG  log filter (stderr): error, warn, info (default), debug, trace

Exit status:
  0  after `shutdown` and `exit`
  1  on `exit` without `shutdown`, or when the input ends first
  2  the server could not start";

#[derive(Parser, Debug)]
#[command(
    name = "corroborate",
    version = VERSION,
    about = "Checks a news draft's names, dates and durations against its source articles",
    after_help = MAIN_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

/// When to colour the terminal output.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set (to anything but an empty string)
    Auto,
    Always,
    Never,
}

/// Whether to colour: `auto` colours only a terminal, and never when
/// `NO_COLOR` is set to a non-empty value (no-color.org).
pub fn use_color(choice: ColorChoice, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print every claim (person, date, duration) of each file
    #[command(after_help = CLAIMS_HELP)]
    Claims {
        /// Output format
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Reference date (YYYY-MM-DD) for files that state no publication date
        #[arg(long, value_parser = parse_date)]
        published: Option<NaiveDate>,
        /// Folder of source articles; an article whose dates lack a year takes it from its story there
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Today's date (YYYY-MM-DD), the latest a weekday-inferred date may be; defaults to the clock
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<NaiveDate>,
        /// Files to read (plain text or Markdown)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check drafts against the source articles of their story
    #[command(after_help = CHECK_HELP)]
    Check {
        /// Folder of source articles (repeatable); default: the nearest corroborate.toml's, else ./seeds
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Colours in the human format
        #[arg(long, value_enum, default_value = "auto")]
        color: ColorChoice,
        /// Language of the messages: en or id (default: from LC_ALL, LC_MESSAGES or LANG, else en)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Reference date (YYYY-MM-DD) for drafts that state no publication date
        #[arg(long, value_parser = parse_date)]
        published: Option<NaiveDate>,
        /// Today's date (YYYY-MM-DD); defaults to the clock
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<NaiveDate>,
        /// Drafts to check (plain text or Markdown)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the language server on stdin/stdout
    #[command(after_help = LSP_HELP)]
    Lsp {
        /// Speak over stdin/stdout (the only transport; accepted because many clients pass it)
        #[arg(long)]
        stdio: bool,
    },
    /// Write a commented corroborate.toml in the current folder (never over an existing one)
    #[command(after_help = INIT_HELP)]
    Init {
        /// The folder of source articles it names, relative to the current folder
        #[arg(long, default_value = "sources")]
        corpus: String,
    },
    /// Show what each date and duration of a draft is about (its happening and role)
    #[command(hide = true)]
    Explain {
        #[arg(long)]
        corpus: Vec<PathBuf>,
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<NaiveDate>,
        files: Vec<PathBuf>,
    },
    /// Show the events of the corpus and where its sources disagree
    #[command(after_help = SOURCES_HELP)]
    Sources {
        /// Folder of source articles (repeatable); default: the nearest corroborate.toml's, else ./seeds
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Language of the messages: en or id (default: from LC_ALL, LC_MESSAGES or LANG, else en)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Today's date (YYYY-MM-DD); defaults to the clock
        #[arg(long, value_parser = parse_date, hide = true)]
        today: Option<NaiveDate>,
    },
}

/// The language of the messages: `--lang`, else the environment's, else
/// English. A language without a catalogue is said on stderr, and English used.
pub fn message_lang(flag: Option<&str>) -> Lang {
    match flag {
        Some(f) => Lang::parse(f).unwrap_or_else(|| {
            eprintln!(
                "corroborate: no messages in the language `{f}` (--lang takes one of: {}); using English",
                Lang::codes()
            );
            Lang::EN
        }),
        None => Lang::from_env().unwrap_or(Lang::EN),
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Claims { format, published, corpus, today, files } => {
            claims_command(format, published, &corpus, today, &files)
        }
        Command::Check { corpus, format, color, lang, published, today, files } => {
            use std::io::IsTerminal;
            let style = crate::report::Style {
                color: use_color(color, std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR").as_deref()),
                lang: message_lang(lang.as_deref()),
            };
            check_command(format == Format::Json, style, published, &corpus, today.unwrap_or_else(self::today), &files)
        }
        Command::Lsp { .. } => crate::lsp::run(self::today()),
        Command::Init { corpus } => init_command(&corpus),
        Command::Explain { corpus, today, files } => {
            explain_command(&corpus, today.unwrap_or_else(self::today), &files)
        }
        Command::Sources { corpus, format, lang, today } => {
            let lang = message_lang(lang.as_deref());
            sources_command(format == Format::Json, &corpus, today.unwrap_or_else(self::today), lang)
        }
    }
}

/// `init`: a commented `corroborate.toml` here, refusing to replace one.
fn init_command(folder: &str) -> i32 {
    use crate::i18n::Message;
    let lang = message_lang(None);
    let path = std::path::Path::new(crate::project::FILE);
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    let written = match file {
        Ok(mut f) => f.write_all(crate::project::template(folder).as_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let m = Message::new("init.exists").arg("file", path.display().to_string());
            eprintln!("corroborate: {}", lang.render(&m));
            return 2;
        }
        Err(e) => Err(e),
    };
    match written {
        Ok(()) => {
            let mut out = std::io::stdout();
            let wrote = Message::new("init.wrote").arg("file", path.display().to_string()).arg("folder", folder);
            let mut said = writeln!(out, "{}", lang.render(&wrote));
            if !std::path::Path::new(folder).is_dir() {
                said = said
                    .and_then(|_| writeln!(out, "{}", lang.render(&Message::new("init.next").arg("folder", folder))));
            }
            finish(said, 0)
        }
        Err(e) => {
            let m =
                Message::new("init.cannot_write").arg("file", path.display().to_string()).arg("error", e.to_string());
            eprintln!("corroborate: {}", lang.render(&m));
            2
        }
    }
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn claims_command(
    format: Format,
    published: Option<NaiveDate>,
    corpus_dirs: &[PathBuf],
    today_opt: Option<NaiveDate>,
    files: &[PathBuf],
) -> i32 {
    let mut opts = Options::new(today_opt.unwrap_or_else(today));
    opts.published = published;
    let mut code = 0;
    let corpus = if corpus_dirs.is_empty() {
        None
    } else {
        let (corpus, messages) = Corpus::load(corpus_dirs, &opts, crate::corpus::DEFAULT_MAX_FILE_BYTES);
        for m in messages {
            eprintln!("corroborate: {m}");
        }
        Some(corpus)
    };
    let mut outputs = Vec::new();
    for path in files {
        let Some(text) = read_file_arg(path, &mut code, Lang::EN) else { continue };
        // With a corpus, an article without dates of its own takes its story's.
        let ex = match &corpus {
            Some(c) => crate::draft::read(&text, c, &opts, c.source_at(path)),
            None => claims::extract(&text, &opts),
        };
        outputs.push((path.display().to_string(), ex));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Json => {
            let files: Vec<Json> = outputs.iter().map(|(name, ex)| file_json(name, ex)).collect();
            writeln!(out, "{}", json!({ "files": files }))
        }
        Format::Human => outputs.iter().try_for_each(|(name, ex)| write_human(&mut out, name, ex)),
    };
    finish(written.and_then(|_| out.flush()), code)
}

/// The exit status after writing the output: a closed pipe (the reader went
/// away, as `| head -1` does) ends the run quietly with the status it would
/// have had; any other write error is reported, status 2.
fn finish(written: std::io::Result<()>, code: i32) -> i32 {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!("corroborate: cannot write the output: {e}");
            2
        }
    }
}

/// Reads a file named on the command line, printing what went wrong; a file
/// that cannot be read sets the exit code to 2.
pub fn read_file_arg(path: &std::path::Path, code: &mut i32, lang: Lang) -> Option<String> {
    match corpus::read_text(path, corpus::DEFAULT_MAX_FILE_BYTES) {
        Ok(l) => {
            if let Some(w) = &l.warning {
                eprintln!("corroborate: {}", lang.render(&w.message()));
            }
            Some(l.text)
        }
        Err(e) => {
            eprintln!("corroborate: {}", lang.render(&e.message()));
            *code = 2;
            None
        }
    }
}

fn file_json(name: &str, ex: &Extracted) -> Json {
    let text = &ex.article.text;
    let index = LineIndex::new(text);
    let claims: Vec<Json> = ex.claims.iter().map(|c| claim_json(text, &index, c)).collect();
    json!({
        "file": name,
        "published": ex.published.map(|d| d.format("%Y-%m-%d").to_string()),
        "claims": claims,
    })
}

fn write_human(out: &mut impl Write, name: &str, ex: &Extracted) -> std::io::Result<()> {
    let text = &ex.article.text;
    let index = LineIndex::new(text);
    for c in &ex.claims {
        let p = index.position(text, c.span.start, Encoding::Utf16);
        writeln!(
            out,
            "{}:{}:{} {} {} → {}",
            name,
            p.line + 1,
            p.character + 1,
            c.kind().name(),
            c.text(text),
            c.summary()
        )?;
    }
    Ok(())
}

/// `explain`: each claim of each file with its happening, role and people.
fn explain_command(corpus_dirs: &[PathBuf], today: NaiveDate, files: &[PathBuf]) -> i32 {
    let opts = Options::new(today);
    let (corpus, messages) = Corpus::load(corpus_dirs, &opts, corpus::DEFAULT_MAX_FILE_BYTES);
    for m in messages {
        eprintln!("corroborate: {m}");
    }
    let lex = crate::happenings::lexicon();
    let mut code = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        let Some(text) = read_file_arg(path, &mut code, Lang::EN) else { continue };
        let ex = crate::draft::read(&text, &corpus, &opts, corpus.source_at(path));
        let r = crate::happenings::read(&ex);
        let index = LineIndex::new(&ex.article.text);
        for (c, a) in ex.claims.iter().zip(&r.attached) {
            let p = index.position(&ex.article.text, c.span.start, Encoding::Utf16);
            let about = match a {
                Some(a) => {
                    let h = &r.happenings[a.happening];
                    let cands = corpus.happening_candidates(
                        h.kind,
                        &h.people,
                        h.date.as_ref().and_then(crate::happenings::interval),
                    );
                    format!(
                        "{} of {}#{} {:?} people {:?}; candidates {:?}",
                        a.role.name(),
                        lex.name(h.kind),
                        a.happening,
                        h.date.and_then(|d| d.iso()),
                        h.people,
                        cands
                            .iter()
                            .map(|&g| {
                                let x = &corpus.happenings[g as usize];
                                format!("{}#{g} {:?}", lex.name(x.kind), x.date.and_then(|d| d.iso()))
                            })
                            .collect::<Vec<_>>()
                    )
                }
                None => "-".into(),
            };
            let line = writeln!(
                out,
                "{}:{}:{} {} `{}` {}",
                path.display(),
                p.line + 1,
                p.character + 1,
                c.kind().name(),
                c.text(&ex.article.text),
                about
            );
            if line.is_err() {
                return finish(line, code);
            }
        }
    }
    finish(out.flush(), code)
}

/// The corpus folders to use: those given, else the nearest
/// `corroborate.toml`'s, else `./seeds`; the error says how to name them.
pub fn corpus_dirs(given: &[PathBuf]) -> Result<Vec<PathBuf>, crate::i18n::Message> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    match crate::project::discover(std::path::Path::new("."))? {
        Some(crate::project::Found::Config { dirs, .. }) => Ok(dirs),
        Some(crate::project::Found::Seeds(dir)) => Ok(vec![dir]),
        None => Err(crate::project::nothing_found(std::path::Path::new("."))),
    }
}

/// Loads the corpus, printing its messages; `None` when a folder is missing.
fn load_corpus(dirs: &[PathBuf], opts: &Options, lang: Lang) -> Option<Corpus> {
    let mut missing = false;
    for d in dirs {
        if !d.exists() {
            eprintln!(
                "corroborate: {}",
                lang.render(&crate::i18n::Message::new("cli.folder_missing").arg("folder", d.display().to_string()))
            );
            missing = true;
        }
    }
    if missing {
        return None;
    }
    let (corpus, messages) = Corpus::load(dirs, opts, crate::corpus::DEFAULT_MAX_FILE_BYTES);
    for m in messages {
        eprintln!("corroborate: {}", lang.render(&m.message()));
    }
    if corpus.is_empty() {
        let folders = dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ");
        eprintln!(
            "corroborate: {}",
            lang.render(&crate::i18n::Message::new("cli.no_articles").arg("folders", folders))
        );
    }
    Some(corpus)
}

pub fn check_command(
    json_out: bool,
    style: crate::report::Style,
    published: Option<NaiveDate>,
    corpus_given: &[PathBuf],
    today: NaiveDate,
    files: &[PathBuf],
) -> i32 {
    let mut opts = Options::new(today);
    let dirs = match corpus_dirs(corpus_given) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("corroborate: {}", style.lang.render(&e));
            return 2;
        }
    };
    let Some(corpus) = load_corpus(&dirs, &opts, style.lang) else { return 2 };
    opts.published = published;
    let mut code = 0;
    let mut results = Vec::new();
    for path in files {
        let Some(text) = crate::cli::read_file_arg(path, &mut code, style.lang) else { continue };
        let exclude = corpus.source_at(path);
        let draft = crate::draft::read(&text, &corpus, &opts, exclude);
        let analysis = analyze(&draft, &corpus, exclude);
        if code == 0 && analysis.findings.iter().any(|f| f.severity <= Severity::Warning) {
            code = 1;
        }
        results.push((path.display().to_string(), draft, analysis));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if json_out {
        let files: Vec<Json> =
            results.iter().map(|(name, draft, a)| check_json(name, draft, a, &corpus, style.lang)).collect();
        writeln!(out, "{}", json!({ "files": files }))
    } else {
        results
            .iter()
            .try_for_each(|(name, draft, a)| write_check_human(&mut out, name, draft, a, &corpus, style))
            .and_then(|_| {
                let (w, i, h) =
                    results.iter().flat_map(|r| &r.2.findings).fold((0, 0, 0), |(w, i, h), f| match f.severity {
                        Severity::Error | Severity::Warning => (w + 1, i, h),
                        Severity::Information => (w, i + 1, h),
                        Severity::Hint => (w, i, h + 1),
                    });
                let summary = Message::new("check.summary")
                    .arg("files", results.len())
                    .arg("sources", corpus.sources.len())
                    .arg("warnings", w)
                    .arg("notes", i)
                    .arg("hints", h);
                writeln!(out, "{}", style.lang.render(&summary))
            })
    };
    finish(written.and_then(|_| out.flush()), code)
}

pub fn sources_command(json_out: bool, corpus_given: &[PathBuf], today: NaiveDate, lang: Lang) -> i32 {
    let opts = Options::new(today);
    let dirs = match corpus_dirs(corpus_given) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("corroborate: {}", lang.render(&e));
            return 2;
        }
    };
    let Some(corpus) = load_corpus(&dirs, &opts, lang) else { return 2 };
    let dis = disagreements(&corpus);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let r = if json_out {
        write_sources_json(&mut out, &corpus, &dis, lang)
    } else {
        write_sources_human(&mut out, &corpus, &dis, lang)
    };
    finish(r.and_then(|_| out.flush()), 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colours_only_on_a_terminal_and_never_with_no_color() {
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(use_color(ColorChoice::Auto, true, Some(OsStr::new(""))), "an empty NO_COLOR is unset");
        assert!(!use_color(ColorChoice::Auto, true, Some(OsStr::new("1"))));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(use_color(ColorChoice::Always, false, Some(OsStr::new("1"))));
        assert!(!use_color(ColorChoice::Never, true, None));
    }
}
