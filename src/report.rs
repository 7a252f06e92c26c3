//! `corroborate check` and `corroborate sources`: findings and events as
//! rustc-like text or JSON.

use crate::check::{analyze, Analysis, Evidence, Finding, Severity};
use crate::claims::{self, Extracted, Options};
use crate::cli::claim_json;
use crate::index::Corpus;
use crate::text::{Encoding, LineIndex, Span};
use chrono::NaiveDate;
use serde_json::{json, Value as Json};
use std::io::Write;
use std::path::PathBuf;

/// The corpus folders to use: those given, else `./seeds`.
pub fn corpus_dirs(given: &[PathBuf]) -> Vec<PathBuf> {
    if given.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        given.to_vec()
    }
}

/// Loads the corpus, printing its messages; `None` when a folder is missing.
fn load_corpus(dirs: &[PathBuf], opts: &Options) -> Option<Corpus> {
    let mut missing = false;
    for d in dirs {
        if !d.exists() {
            eprintln!("corroborate: corpus folder {} does not exist", d.display());
            missing = true;
        }
    }
    if missing {
        return None;
    }
    let (corpus, messages) = Corpus::load(dirs, opts, crate::corpus::DEFAULT_MAX_FILE_BYTES);
    for m in messages {
        eprintln!("corroborate: {m}");
    }
    if corpus.is_empty() {
        eprintln!(
            "corroborate: no articles (.txt, .md, .markdown) under {}",
            dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Some(corpus)
}

/// Reads and extracts a draft; a draft without dates of its own takes its story's.
pub fn read_draft(text: &str, corpus: &Corpus, opts: &Options, exclude: Option<usize>) -> Extracted {
    if let Some(i) = exclude {
        // A corpus article is checked as the corpus read it.
        let s = &corpus.sources[i];
        let mut o = *opts;
        if s.ex.reference != s.anchor {
            o.story_date = s.ex.reference;
            o.story_year = s.ex.reference.map(|d| chrono::Datelike::year(&d));
        }
        return claims::extract(text, &o);
    }
    // Years from the text first, then from the story, and only then from the clock.
    let mut text_only = *opts;
    text_only.clock_years = false;
    let ex = claims::extract(text, &text_only);
    if ex.reference.is_some() {
        return ex;
    }
    if corpus.is_empty() {
        return claims::extract_article(ex.article, opts);
    }
    // The event the whole draft is closest to lends its date.
    let v = corpus.vector(crate::context::content_words(text), &[]);
    let best = corpus
        .events
        .iter()
        .filter(|e| e.first.is_some())
        .map(|e| (crate::index::dot(&v, &e.centroid), e.first))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((sim, date)) if sim > 0.1 => {
            let mut o = *opts;
            o.story_date = date;
            o.story_year = date.map(|d| chrono::Datelike::year(&d));
            claims::extract_article(ex.article, &o)
        }
        _ => claims::extract_article(ex.article, opts),
    }
}

pub fn check_command(
    json_out: bool,
    published: Option<NaiveDate>,
    corpus_given: &[PathBuf],
    today: NaiveDate,
    files: &[PathBuf],
) -> i32 {
    let mut opts = Options::new(today);
    let dirs = corpus_dirs(corpus_given);
    let Some(corpus) = load_corpus(&dirs, &opts) else { return 2 };
    opts.published = published;
    let mut code = 0;
    let mut results = Vec::new();
    for path in files {
        let Some(text) = crate::cli::read_file_arg(path, &mut code) else { continue };
        let exclude = corpus.source_at(path);
        let draft = read_draft(&text, &corpus, &opts, exclude);
        let analysis = analyze(&draft, &corpus, exclude);
        if code == 0 && analysis.findings.iter().any(|f| f.severity <= Severity::Warning) {
            code = 1;
        }
        results.push((path.display().to_string(), draft, analysis));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if json_out {
        let files: Vec<Json> = results.iter().map(|(name, draft, a)| check_json(name, draft, a, &corpus)).collect();
        writeln!(out, "{}", json!({ "files": files }))
    } else {
        results.iter().try_for_each(|(name, draft, a)| write_check_human(&mut out, name, draft, a, &corpus)).and_then(
            |_| {
                let (w, i, h) =
                    results.iter().flat_map(|r| &r.2.findings).fold((0, 0, 0), |(w, i, h), f| match f.severity {
                        Severity::Error | Severity::Warning => (w + 1, i, h),
                        Severity::Information => (w, i + 1, h),
                        Severity::Hint => (w, i, h + 1),
                    });
                writeln!(
                    out,
                    "{} file(s) checked against {} source(s): {w} warning(s), {i} note(s), {h} hint(s)",
                    results.len(),
                    corpus.sources.len()
                )
            },
        )
    };
    if written.is_err() {
        return 2;
    }
    code
}

fn range_json(text: &str, index: &LineIndex, span: Span) -> Json {
    let r = index.range(text, span, Encoding::Utf16);
    json!({
        "start": { "line": r.start.line, "character": r.start.character },
        "end": { "line": r.end.line, "character": r.end.character },
    })
}

pub fn evidence_json(e: &Evidence, corpus: &Corpus) -> Json {
    let s = &corpus.sources[e.source];
    json!({
        "file": s.path.display().to_string(),
        "range": range_json(&s.ex.article.text, &s.index, e.span),
        "quote": e.quote,
        "verdict": e.verdict.name(),
    })
}

pub fn finding_json(f: &Finding, draft: &Extracted, index: &LineIndex, corpus: &Corpus) -> Json {
    let text = &draft.article.text;
    json!({
        "code": f.code.name(),
        "severity": f.severity.name(),
        "message": f.message,
        "range": range_json(text, index, f.span),
        "claim": claim_json(text, index, &draft.claims[f.claim]),
        "evidence": f.evidence.iter().map(|e| evidence_json(e, corpus)).collect::<Vec<_>>(),
        "fixes": f.fixes.iter().map(|x| json!({"title": x.title, "replacement": x.replacement})).collect::<Vec<_>>(),
    })
}

fn check_json(name: &str, draft: &Extracted, a: &Analysis, corpus: &Corpus) -> Json {
    let index = LineIndex::new(&draft.article.text);
    json!({
        "file": name,
        "diagnostics": a.findings.iter().map(|f| finding_json(f, draft, &index, corpus)).collect::<Vec<_>>(),
    })
}

/// A window of a line around a span, with the caret offset into it.
fn snippet(text: &str, span: Span) -> (String, usize, usize) {
    let line_start = text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[span.start..].find('\n').map(|i| span.start + i).unwrap_or(text.len());
    let line = text[line_start..line_end].trim_end_matches('\r');
    let chars: Vec<char> = line.chars().collect();
    let col = text[line_start..span.start].chars().count();
    let len = text[span.start..span.end.min(line_end)].chars().count().max(1);
    let (from, prefix) = if col > 50 { (col - 40, "…") } else { (0, "") };
    let to = (col + len + 40).min(chars.len());
    let suffix = if to < chars.len() { "…" } else { "" };
    let shown: String = chars[from..to].iter().collect();
    (format!("{prefix}{shown}{suffix}"), col - from + prefix.chars().count(), len)
}

fn write_check_human(
    out: &mut impl Write,
    name: &str,
    draft: &Extracted,
    a: &Analysis,
    corpus: &Corpus,
) -> std::io::Result<()> {
    let text = &draft.article.text;
    let index = LineIndex::new(text);
    for f in &a.findings {
        let p = index.position(text, f.span.start, Encoding::Utf16);
        let label = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "note",
            Severity::Hint => "hint",
        };
        writeln!(out, "{label}[{}]: {}", f.code.name(), f.message)?;
        let line_no = (p.line + 1).to_string();
        let pad = " ".repeat(line_no.len());
        writeln!(out, "{pad}--> {name}:{}:{}", p.line + 1, p.character + 1)?;
        let (shown, col, len) = snippet(text, f.span);
        writeln!(out, "{pad} |")?;
        writeln!(out, "{line_no} | {shown}")?;
        writeln!(out, "{pad} | {}{}", " ".repeat(col), "^".repeat(len))?;
        for e in &f.evidence {
            let s = &corpus.sources[e.source];
            let sp = s.index.position(&s.ex.article.text, e.span.start, Encoding::Utf16);
            writeln!(
                out,
                "{pad} = {}: {}:{}:{} \"{}\"",
                e.verdict.name(),
                s.path.display(),
                sp.line + 1,
                sp.character + 1,
                e.quote
            )?;
        }
        for x in &f.fixes {
            writeln!(out, "{pad} = help: {}", x.title)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- sources

/// A disagreement among the sources of one event.
struct Disagreement {
    finding: Finding,
    source: usize,
}

fn disagreements(corpus: &Corpus) -> Vec<Vec<Disagreement>> {
    let mut per_event: Vec<Vec<Disagreement>> = (0..corpus.events.len()).map(|_| Vec::new()).collect();
    for d in crate::check::source_disagreements(corpus) {
        if let Some(list) = per_event.get_mut(d.event) {
            list.push(Disagreement { finding: d.finding, source: d.source });
        }
    }
    per_event
}

pub fn sources_command(json_out: bool, corpus_given: &[PathBuf], today: NaiveDate) -> i32 {
    let opts = Options::new(today);
    let dirs = corpus_dirs(corpus_given);
    let Some(corpus) = load_corpus(&dirs, &opts) else { return 2 };
    let dis = disagreements(&corpus);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let r = if json_out {
        write_sources_json(&mut out, &corpus, &dis)
    } else {
        write_sources_human(&mut out, &corpus, &dis)
    };
    if r.is_err() {
        return 2;
    }
    0
}

fn date_str(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn write_sources_json(out: &mut impl Write, corpus: &Corpus, dis: &[Vec<Disagreement>]) -> std::io::Result<()> {
    let events: Vec<Json> = corpus
        .events
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            json!({
                "event": ei + 1,
                "first": date_str(e.first),
                "last": date_str(e.last),
                "words": e.label,
                "articles": e.members.iter().map(|&m| {
                    let s = &corpus.sources[m];
                    json!({
                        "file": s.path.display().to_string(),
                        "published": date_str(s.ex.published),
                        "date": date_str(s.ex.reference),
                        "outlet": s.outlet,
                        "dateline": s.ex.article.meta.dateline,
                    })
                }).collect::<Vec<_>>(),
                "disagreements": dis[ei].iter().map(|d| {
                    let s = &corpus.sources[d.source];
                    let mut f = finding_json(&d.finding, &s.ex, &s.index, corpus);
                    f["file"] = json!(s.path.display().to_string());
                    f
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    writeln!(out, "{}", json!({ "events": events }))
}

/// The sources report as text: events, articles, disagreements.
pub fn sources_text(corpus: &Corpus) -> String {
    let mut out = Vec::new();
    let _ = write_sources_human(&mut out, corpus, &disagreements(corpus));
    String::from_utf8_lossy(&out).into_owned()
}

/// One happening in words: kind, date, people, the articles that speak of it.
pub fn happening_line(corpus: &Corpus, h: &crate::index::Happening) -> String {
    let lex = crate::happenings::lexicon();
    let date = h.date.as_ref().and_then(|d| d.iso()).unwrap_or_else(|| "undated".into());
    let mut people: Vec<String> = Vec::new();
    for key in &h.people {
        let name = corpus.spellings.get(&**key).map(|s| s.name.clone()).unwrap_or_else(|| key.to_string());
        if !people.contains(&name) {
            people.push(name);
        }
    }
    let mut files: Vec<String> =
        h.members.iter().map(|&(s, _)| corpus.sources[s as usize].label().to_string()).collect();
    files.sort();
    files.dedup();
    let who = if people.is_empty() { String::new() } else { format!(" ({})", people.join(", ")) };
    format!("{} {}{}: {}", lex.name(h.kind), date, who, files.join(", "))
}

fn write_sources_human(out: &mut impl Write, corpus: &Corpus, dis: &[Vec<Disagreement>]) -> std::io::Result<()> {
    if corpus.is_empty() {
        writeln!(out, "no sources loaded")?;
    }
    for (ei, e) in corpus.events.iter().enumerate() {
        let dates = match (e.first, e.last) {
            (Some(a), Some(b)) if a == b => a.format("%Y-%m-%d").to_string(),
            (Some(a), Some(b)) => format!("{} to {}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
            _ => "undated".into(),
        };
        writeln!(out, "event {}: {} article(s), {} ({})", ei + 1, e.members.len(), dates, e.label.join(", "))?;
        for &m in &e.members {
            let s = &corpus.sources[m];
            let mut facts = Vec::new();
            match (s.ex.published, s.ex.reference) {
                (Some(p), _) => facts.push(format!("published {}", p.format("%Y-%m-%d"))),
                (None, Some(r)) if s.anchor.is_some() => {
                    facts.push(format!("dated {} by its text", r.format("%Y-%m-%d")))
                }
                (None, Some(r)) => facts.push(format!("no date of its own; read as {}", r.format("%Y-%m-%d"))),
                _ => facts.push("no date".into()),
            }
            if let Some(o) = &s.outlet {
                facts.push(o.clone());
            }
            if let Some(d) = &s.ex.article.meta.dateline {
                facts.push(format!("dateline {d}"));
            }
            writeln!(out, "  {} ({})", s.path.display(), facts.join(", "))?;
        }
        let lex = crate::happenings::lexicon();
        let here: Vec<&crate::index::Happening> = corpus
            .happenings
            .iter()
            .filter(|h| h.members.iter().any(|&(s, _)| corpus.sources[s as usize].event == ei))
            .filter(|h| !lex.is_statement(h.kind))
            .collect();
        if !here.is_empty() {
            writeln!(out, "  happenings:")?;
        }
        for h in here {
            writeln!(out, "    {}", happening_line(corpus, h))?;
        }
        if dis[ei].is_empty() {
            writeln!(out, "  no disagreements")?;
        } else {
            writeln!(out, "  disagreements:")?;
            for d in &dis[ei] {
                let s = &corpus.sources[d.source];
                let p = s.index.position(&s.ex.article.text, d.finding.span.start, Encoding::Utf16);
                writeln!(
                    out,
                    "    {}:{}:{} [{}] {}",
                    s.path.display(),
                    p.line + 1,
                    p.character + 1,
                    d.finding.code.name(),
                    d.finding.message
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
