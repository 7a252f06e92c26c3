//! Output formats: findings, claims and the sources report as rustc-like text
//! or JSON, the same values everywhere (`value_json`). No I/O but the writers
//! it is handed; the commands that print them live in `cli`.

use crate::check::{Analysis, Evidence, Finding, Severity};
use crate::claims::{self, fmt_seconds, Claim, Extracted, Value};
use crate::index::Corpus;
use crate::text::{Encoding, LineIndex, Span};
use chrono::NaiveDate;
use serde_json::{json, Value as Json};
use std::io::Write;

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

pub fn check_json(name: &str, draft: &Extracted, a: &Analysis, corpus: &Corpus) -> Json {
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

pub fn write_check_human(
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
pub struct Disagreement {
    pub finding: Finding,
    pub source: usize,
}

pub fn disagreements(corpus: &Corpus) -> Vec<Vec<Disagreement>> {
    let mut per_event: Vec<Vec<Disagreement>> = (0..corpus.events.len()).map(|_| Vec::new()).collect();
    for d in crate::check::source_disagreements(corpus) {
        if let Some(list) = per_event.get_mut(d.event) {
            list.push(Disagreement { finding: d.finding, source: d.source });
        }
    }
    per_event
}

fn date_str(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub fn write_sources_json(out: &mut impl Write, corpus: &Corpus, dis: &[Vec<Disagreement>]) -> std::io::Result<()> {
    let stories = story_happenings(corpus);
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
                "happenings": stories[ei].iter().map(|h| happening_json(corpus, h)).collect::<Vec<_>>(),
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

/// A happening as one story tells it: the story's articles that speak of it,
/// and how many articles of other stories speak of it too.
pub struct StoryHappening<'c> {
    pub happening: &'c crate::index::Happening,
    pub sources: Vec<usize>,
    pub elsewhere: usize,
}

/// The happenings each story's articles speak of (statements left out), in
/// the corpus's order. One pass over the happenings' members: each member is
/// listed under its own story only, so the report is linear in the corpus.
pub fn story_happenings(corpus: &Corpus) -> Vec<Vec<StoryHappening<'_>>> {
    let lex = crate::happenings::lexicon();
    let mut out: Vec<Vec<StoryHappening>> = (0..corpus.events.len()).map(|_| Vec::new()).collect();
    for h in corpus.happenings.iter().filter(|h| !lex.is_statement(h.kind)) {
        let mut by_story: Vec<(usize, usize)> = h
            .members
            .iter()
            .map(|&(s, _)| (corpus.sources[s as usize].event, s as usize))
            .filter(|&(e, _)| e < out.len())
            .collect();
        by_story.sort_unstable();
        by_story.dedup();
        let total = by_story.len();
        for group in by_story.chunk_by(|a, b| a.0 == b.0) {
            let sources: Vec<usize> = group.iter().map(|&(_, s)| s).collect();
            out[group[0].0].push(StoryHappening { happening: h, elsewhere: total - sources.len(), sources });
        }
    }
    out
}

fn people_names(corpus: &Corpus, h: &crate::index::Happening) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for key in &h.people {
        let name = corpus.spellings.get(&**key).map(|s| s.name.clone()).unwrap_or_else(|| key.to_string());
        if !people.contains(&name) {
            people.push(name);
        }
    }
    people
}

/// A happening as JSON: kind, date, people, the story's files that speak of
/// it, and the number of other stories' articles that do.
pub fn happening_json(corpus: &Corpus, sh: &StoryHappening) -> Json {
    let h = sh.happening;
    let mut files: Vec<String> = sh.sources.iter().map(|&s| corpus.sources[s].path.display().to_string()).collect();
    files.sort();
    json!({
        "kind": crate::happenings::lexicon().name(h.kind),
        "date": h.date.as_ref().and_then(|d| d.iso()),
        "people": people_names(corpus, h),
        "files": files,
        "elsewhere": sh.elsewhere,
    })
}

/// One happening in words: kind, date, people, the story's articles that
/// speak of it, and how many of other stories do.
pub fn happening_line(corpus: &Corpus, sh: &StoryHappening) -> String {
    let lex = crate::happenings::lexicon();
    let h = sh.happening;
    let date = h.date.as_ref().and_then(|d| d.iso()).unwrap_or_else(|| "undated".into());
    let people = people_names(corpus, h);
    let mut files: Vec<&str> = sh.sources.iter().map(|&s| corpus.sources[s].label()).collect();
    files.sort_unstable();
    let who = if people.is_empty() { String::new() } else { format!(" ({})", people.join(", ")) };
    let elsewhere = match sh.elsewhere {
        0 => String::new(),
        1 => "; and 1 article of another story".into(),
        n => format!("; and {n} articles of other stories"),
    };
    format!("{} {}{}: {}{}", lex.name(h.kind), date, who, files.join(", "), elsewhere)
}

pub fn write_sources_human(out: &mut impl Write, corpus: &Corpus, dis: &[Vec<Disagreement>]) -> std::io::Result<()> {
    if corpus.is_empty() {
        writeln!(out, "no sources loaded")?;
    }
    let stories = story_happenings(corpus);
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
        if !stories[ei].is_empty() {
            writeln!(out, "  happenings:")?;
        }
        for h in &stories[ei] {
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

/// A claim's value as JSON, the same in every output.
pub fn value_json(c: &Claim) -> Json {
    match &c.value {
        Value::Person(p) => json!({ "name": &*p.name, "role": p.role.as_deref() }),
        Value::Date(d) => {
            json!({ "date": d.iso(), "weekday": d.weekday.map(claims::dates::weekday_name) })
        }
        Value::Duration(d) => json!({
            "seconds": seconds_json(d.seconds),
            "min_seconds": seconds_json(d.min_seconds),
            "max_seconds": seconds_json(d.max_seconds),
            "qualifier": d.qualifier.name(),
        }),
    }
}

fn seconds_json(s: f64) -> Json {
    let text = fmt_seconds(s);
    serde_json::from_str(&text).unwrap_or(Json::Null)
}

pub fn claim_json(text: &str, index: &LineIndex, c: &Claim) -> Json {
    let r = index.range(text, c.span, Encoding::Utf16);
    json!({
        "kind": c.kind().name(),
        "text": c.text(text),
        "range": {
            "start": { "line": r.start.line, "character": r.start.character },
            "end": { "line": r.end.line, "character": r.end.character },
        },
        "value": value_json(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Options;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    #[test]
    fn a_happening_of_many_stories_lists_each_article_under_its_own_story_once() {
        // Past 300 articles, stories are grouped through rare words only, so
        // identical articles stay apart while their happening is one.
        let n = 320;
        let docs = (0..n)
            .map(|i| {
                let text = "---\ndate: 2024-03-05\n---\nRapat kabinet membahas anggaran pada Senin (4/3/2024) dan berlangsung 45 menit.\n";
                (PathBuf::from(format!("a{i:04}.txt")), text.to_string())
            })
            .collect();
        let corpus = Corpus::build(docs, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
        let stories = story_happenings(&corpus);
        let lex = crate::happenings::lexicon();
        let meetings: Vec<(usize, &StoryHappening)> = stories
            .iter()
            .enumerate()
            .flat_map(|(e, list)| list.iter().map(move |h| (e, h)))
            .filter(|(_, h)| lex.name(h.happening.kind) == "meeting")
            .collect();
        assert!(corpus.events.len() > 1, "the articles make several stories");
        let listed: usize = meetings.iter().map(|(_, h)| h.sources.len()).sum();
        assert_eq!(listed, n, "each article once, under its own story");
        for (e, h) in &meetings {
            assert_eq!(h.sources.len() + h.elsewhere, n);
            assert!(h.sources.iter().all(|&s| corpus.sources[s].event == *e));
        }
        let text = sources_text(&corpus);
        assert!(text.contains("articles of other stories"), "{}", &text[..text.len().min(2000)]);
    }
}
