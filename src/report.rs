//! Output formats: findings, claims and the sources report as rustc-like text
//! or JSON, the same values everywhere (`value_json`). No I/O but the writers
//! it is handed; the commands that print them live in `cli`.

use crate::check::{Analysis, Evidence, Finding, Severity};
use crate::claims::{self, fmt_seconds, Claim, Extracted, Value};
use crate::i18n::{Lang, Message};
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
        "source": s.label(),
        "file": s.path.display().to_string(),
        "range": range_json(&s.ex.article.text, &s.index, e.span),
        "quote": e.quote,
        "verdict": e.verdict.name(),
    })
}

/// A finding as JSON, its message and fix titles in `lang` (codes and verdicts are names, not words).
pub fn finding_json(f: &Finding, draft: &Extracted, index: &LineIndex, corpus: &Corpus, lang: Lang) -> Json {
    let text = &draft.article.text;
    json!({
        "code": f.code.name(),
        "severity": f.severity.name(),
        "message": lang.render(&f.message),
        "range": range_json(text, index, f.span),
        "claim": claim_json(text, index, &draft.claims[f.claim]),
        "evidence": f.evidence.iter().take(EVIDENCE_SHOWN).map(|e| evidence_json(e, corpus)).collect::<Vec<_>>(),
        "evidence_total": f.evidence.len(),
        "fixes": f.fixes.iter().map(|x| json!({
            "title": lang.render(&x.title),
            "replacement": x.replacement,
            "range": range_json(text, index, x.span.unwrap_or(f.span)),
        })).collect::<Vec<_>>(),
    })
}

pub fn check_json(name: &str, draft: &Extracted, a: &Analysis, corpus: &Corpus, lang: Lang) -> Json {
    let index = LineIndex::new(&draft.article.text);
    json!({
        "file": name,
        "diagnostics": a.findings.iter().map(|f| finding_json(f, draft, &index, corpus, lang)).collect::<Vec<_>>(),
    })
}

/// How many pieces of evidence a finding shows (terminal, JSON, hover
/// cards); the rest are counted: `and N more`.
pub const EVIDENCE_SHOWN: usize = 5;

/// How the terminal output looks: colours (only on a terminal, never with
/// `NO_COLOR`; the command line decides) and the language of its words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    pub lang: Lang,
}

/// A source's verdict on a claim, in words: `supports`, `mendukung`, `a time zone apart`.
pub fn verdict_word(e: &Evidence, lang: Lang) -> String {
    let key = if e.timezone { "verdict.timezone".to_string() } else { format!("verdict.{}", e.verdict.name()) };
    lang.get(&key).into_owned()
}

/// Text from an article made safe for a terminal: control characters
/// (a lone `\r`, escapes) and bidirectional controls become visible marks, so
/// nothing from a draft or a source can move the cursor or reorder a line.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push(' '),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A line for annotate-snippets, which shows C0 controls (`\r` as `␍`) and
/// the bidi embeddings and isolates as visible marks itself: the controls it
/// leaves (C1, which some terminals obey, and the bidi marks) become `�`, one
/// character for one, so columns still count the line's own characters.
fn line_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{80}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The line of `text` holding `span`: its 1-based number, its text (without
/// the line break) made safe for a terminal, and the span within it.
fn line_around(text: &str, index: &LineIndex, span: Span) -> (usize, String, std::ops::Range<usize>) {
    let line_start = text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[span.start..].find('\n').map(|i| span.start + i).unwrap_or(text.len());
    let raw = &text[line_start..line_end];
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let end = span.end.min(line_start + raw.len()).max(span.start);
    // Before, inside and after the span apart, so the span still points at its text.
    let before = line_safe(&raw[..span.start - line_start]);
    let inside = line_safe(&raw[span.start - line_start..end - line_start]);
    let after = line_safe(&raw[end - line_start..]);
    let range = before.len()..before.len() + inside.len();
    (index.line_of(span.start) + 1, format!("{before}{inside}{after}"), range)
}

/// The findings of one draft as rustc prints errors (annotate-snippets): the
/// finding and its line with a caret under the claim (columns by display
/// width), then the first few sources' lines, each under its own `:::`
/// location and named by its label, the count of the others, and the fixes.
pub fn write_check_human(
    out: &mut impl Write,
    name: &str,
    draft: &Extracted,
    a: &Analysis,
    corpus: &Corpus,
    style: Style,
) -> std::io::Result<()> {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    let text = &draft.article.text;
    let index = LineIndex::new(text);
    let renderer = if style.color { Renderer::styled() } else { Renderer::plain() };
    let lang = style.lang;
    let word = |k: &str| lang.get(k).into_owned();
    let (error, warning, note, hint, help) =
        (word("level.error"), word("level.warning"), word("level.note"), word("level.hint"), word("level.help"));
    for f in &a.findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR.with_name(error.as_str()),
            Severity::Warning => Level::WARNING.with_name(warning.as_str()),
            Severity::Information => Level::NOTE.with_name(note.as_str()),
            Severity::Hint => Level::HELP.with_name(hint.as_str()),
        };
        let (line_no, line, range) = line_around(text, &index, f.span);
        let mut group = level.primary_title(escape_controls(&lang.render(&f.message))).id(f.code.name()).element(
            Snippet::source(line).line_start(line_no).path(name).annotation(AnnotationKind::Primary.span(range)),
        );
        for e in f.evidence.iter().take(EVIDENCE_SHOWN) {
            let s = &corpus.sources[e.source];
            let (sl, sline, srange) = line_around(&s.ex.article.text, &s.index, e.span);
            let verdict = verdict_word(e, lang);
            group = group.element(Snippet::source(sline).line_start(sl).path(s.path.display().to_string()).annotation(
                AnnotationKind::Context.span(srange).label(format!("{}: {verdict}", escape_controls(s.label()))),
            ));
        }
        if f.evidence.len() > EVIDENCE_SHOWN {
            let more = Message::new("more").arg("n", f.evidence.len() - EVIDENCE_SHOWN);
            group = group.element(Level::NOTE.with_name(note.as_str()).message(lang.render(&more)));
        }
        for x in &f.fixes {
            group =
                group.element(Level::HELP.with_name(help.as_str()).message(escape_controls(&lang.render(&x.title))));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
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

pub fn write_sources_json(
    out: &mut impl Write,
    corpus: &Corpus,
    dis: &[Vec<Disagreement>],
    lang: Lang,
) -> std::io::Result<()> {
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
                        "source": s.label(),
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
                    let mut f = finding_json(&d.finding, &s.ex, &s.index, corpus, lang);
                    f["file"] = json!(s.path.display().to_string());
                    f
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    writeln!(out, "{}", json!({ "events": events }))
}

/// The sources report as text: events, articles, disagreements.
pub fn sources_text(corpus: &Corpus, lang: Lang) -> String {
    let mut out = Vec::new();
    let _ = write_sources_human(&mut out, corpus, &disagreements(corpus), lang);
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
pub fn happening_line(corpus: &Corpus, sh: &StoryHappening, lang: Lang) -> String {
    let lex = crate::happenings::lexicon();
    let h = sh.happening;
    let date = h.date.as_ref().and_then(|d| d.iso()).unwrap_or_else(|| lang.get("sources.undated").into_owned());
    let people = people_names(corpus, h);
    let mut files: Vec<&str> = sh.sources.iter().map(|&s| corpus.sources[s].label()).collect();
    files.sort_unstable();
    let who = if people.is_empty() { String::new() } else { format!(" ({})", people.join(", ")) };
    let elsewhere = match sh.elsewhere {
        0 => String::new(),
        1 => lang.get("sources.elsewhere-1").into_owned(),
        n => lang.render(&Message::new("sources.elsewhere-n").arg("n", n)),
    };
    let kind = lang.get(&format!("kind.{}", lex.name(h.kind)));
    escape_controls(&format!("{kind} {}{}: {}{}", date, who, files.join(", "), elsewhere))
}

pub fn write_sources_human(
    out: &mut impl Write,
    corpus: &Corpus,
    dis: &[Vec<Disagreement>],
    lang: Lang,
) -> std::io::Result<()> {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let with_date = |key: &'static str, d: NaiveDate| lang.render(&Message::new(key).arg("date", day(d)));
    if corpus.is_empty() {
        writeln!(out, "{}", lang.get("sources.none"))?;
    }
    let stories = story_happenings(corpus);
    for (ei, e) in corpus.events.iter().enumerate() {
        let dates = match (e.first, e.last) {
            (Some(a), Some(b)) if a == b => day(a),
            (Some(a), Some(b)) => lang.render(&Message::new("sources.span").arg("from", day(a)).arg("to", day(b))),
            _ => lang.get("sources.undated").into_owned(),
        };
        let headline = Message::new("sources.event")
            .arg("n", ei + 1)
            .arg("count", e.members.len())
            .arg("dates", dates)
            .arg("words", e.label.join(", "));
        writeln!(out, "{}", lang.render(&headline))?;
        for &m in &e.members {
            let s = &corpus.sources[m];
            let mut facts = Vec::new();
            match (s.ex.published, s.ex.reference) {
                (Some(p), _) => facts.push(with_date("sources.published", p)),
                (None, Some(r)) if s.anchor.is_some() => facts.push(with_date("sources.dated-by-text", r)),
                (None, Some(r)) => facts.push(with_date("sources.read-as", r)),
                _ => facts.push(lang.get("sources.no-date").into_owned()),
            }
            if let Some(d) = &s.ex.article.meta.dateline {
                facts.push(lang.render(&Message::new("sources.dateline").arg("dateline", d)));
            }
            writeln!(out, "  {} ({})", escape_controls(s.label()), escape_controls(&facts.join(", ")))?;
            writeln!(out, "    --> {}", s.path.display())?;
        }
        if !stories[ei].is_empty() {
            writeln!(out, "  {}", lang.get("sources.happenings"))?;
        }
        for h in &stories[ei] {
            writeln!(out, "    {}", happening_line(corpus, h, lang))?;
        }
        if dis[ei].is_empty() {
            writeln!(out, "  {}", lang.get("sources.no-disagreements"))?;
        } else {
            writeln!(out, "  {}", lang.get("sources.disagreements"))?;
            for d in &dis[ei] {
                let s = &corpus.sources[d.source];
                let p = s.index.position(&s.ex.article.text, d.finding.span.start, Encoding::Utf16);
                writeln!(out, "    [{}] {}", d.finding.code.name(), escape_controls(&lang.render(&d.finding.message)))?;
                writeln!(out, "      --> {}:{}:{}", s.path.display(), p.line + 1, p.character + 1)?;
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
        let text = sources_text(&corpus, Lang::EN);
        assert!(text.contains("articles of other stories"), "{}", &text[..text.len().min(2000)]);
    }
}
