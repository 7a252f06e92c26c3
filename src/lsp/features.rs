//! What the server answers, computed from one analysed snapshot: diagnostics,
//! hover cards, code actions, definitions, references, symbols, inlay hints.
//! Pure functions from core results to protocol types.

use super::config::Config;
use super::convert;
use crate::check::{Analysis, Evidence, Finding, Severity, Verdict};
use crate::claims::{Claim, Extracted, Kind, Value};
use crate::i18n::{Arg, Join, Lang, Message};
use crate::index::Corpus;
use crate::names;
use crate::report::EVIDENCE_SHOWN;
use crate::text::{Encoding, LineIndex, Span};
use serde_json::json;
use std::collections::HashMap;
use tower_lsp::lsp_types as lsp;
use tower_lsp::lsp_types::Url;

/// An analysed version of a document.
pub struct Snapshot {
    pub version: i32,
    /// The document generation this snapshot analysed.
    pub generation: u64,
    /// The number of the corpus it was checked against.
    pub corpus_version: u64,
    pub draft: Extracted,
    pub index: LineIndex,
    pub analysis: Analysis,
    /// The corpus source this document is, if it is one.
    pub exclude: Option<usize>,
    /// The corpus the analysis was made with: evidence indices point into it.
    pub corpus: std::sync::Arc<Corpus>,
}

impl Snapshot {
    pub fn text(&self) -> &str {
        &self.draft.article.text
    }

    pub fn range(&self, span: Span, enc: Encoding) -> lsp::Range {
        convert::range(self.text(), &self.index, span, enc)
    }

    /// The claim under a position (a position at a claim's end counts).
    pub fn claim_at(&self, pos: lsp::Position, enc: Encoding) -> Option<usize> {
        let off = convert::offset(self.text(), &self.index, pos, enc);
        self.draft.claims.iter().position(|c| c.span.start <= off && off <= c.span.end && !c.span.is_empty())
    }
}

fn source_url(corpus: &Corpus, source: usize) -> Option<Url> {
    Url::from_file_path(&corpus.sources[source].abs_path).ok()
}

fn source_location(corpus: &Corpus, source: usize, span: Span, enc: Encoding) -> Option<lsp::Location> {
    let s = &corpus.sources[source];
    Some(lsp::Location {
        uri: source_url(corpus, source)?,
        range: convert::range(&s.ex.article.text, &s.index, span, enc),
    })
}

fn lsp_severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The diagnostics of a snapshot, with evidence as related information and
/// the fixes in `data`.
pub fn diagnostics(snap: &Snapshot, corpus: &Corpus, config: &Config, enc: Encoding) -> Vec<lsp::Diagnostic> {
    snap.analysis
        .findings
        .iter()
        .filter_map(|f| {
            let severity = config.severity_of(f.code)?;
            Some(diagnostic(snap, corpus, f, severity, enc, config.lang()))
        })
        .collect()
}

fn diagnostic(
    snap: &Snapshot,
    corpus: &Corpus,
    f: &Finding,
    severity: Severity,
    enc: Encoding,
    lang: Lang,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = f
        .evidence
        .iter()
        .take(EVIDENCE_SHOWN)
        .filter_map(|e| {
            Some(lsp::DiagnosticRelatedInformation {
                location: source_location(corpus, e.source, e.span, enc)?,
                message: format!(
                    "{}, {}: {}",
                    corpus.sources[e.source].label(),
                    crate::report::verdict_word(e, lang),
                    e.quote
                ),
            })
        })
        .collect();
    let claim = &snap.draft.claims[f.claim];
    lsp::Diagnostic {
        range: snap.range(f.span, enc),
        severity: Some(lsp_severity(severity)),
        code: Some(lsp::NumberOrString::String(f.code.name().to_string())),
        code_description: None,
        source: Some("corroborate".into()),
        message: lang.render(&f.message),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({
            "code": f.code.name(),
            "claim": { "kind": claim.kind().name(), "text": claim.text(snap.text()), "value": crate::report::value_json(claim) },
            "fixes": f.fixes.iter().map(|x| json!({
                "title": lang.render(&x.title),
                "replacement": x.replacement,
                "range": snap.range(x.span.unwrap_or(f.span), enc),
            })).collect::<Vec<_>>(),
        })),
    }
}

/// Bold the claim inside its quote.
fn bold_in_quote(quote: &str, claim_text: &str) -> String {
    let q = quote.replace('*', "\\*");
    let c = claim_text.replace('*', "\\*");
    match q.find(&c) {
        Some(i) => format!("{}**{}**{}", &q[..i], c, &q[i + c.len()..]),
        None => q,
    }
}

fn describe_value(c: &Claim, lang: Lang) -> String {
    match &c.value {
        Value::Person(p) => match &p.role {
            Some(r) => format!("{} ({r})", p.name),
            None => p.name.to_string(),
        },
        Value::Date(d) => {
            let s = lang.friendly_date(d).unwrap_or_else(|| lang.get("hover.date-unknown").into_owned());
            match d.weekday {
                Some(w) => lang.render(&Message::new("hover.stated").arg("date", s).arg("weekday", Arg::Weekday(w))),
                None => s,
            }
        }
        Value::Duration(d) => lang.render(
            &Message::new("hover.range")
                .arg("d", lang.duration(d))
                .arg("from", lang.human_duration(d.min_seconds))
                .arg("to", lang.human_duration(d.max_seconds)),
        ),
    }
}

fn evidence_line(corpus: &Corpus, e: &Evidence, lang: Lang) -> String {
    let s = &corpus.sources[e.source];
    let mark = if e.timezone {
        "≈"
    } else {
        match e.verdict {
            Verdict::Supports => "✓",
            Verdict::Contradicts => "✗",
            Verdict::Spelling => "✎",
        }
    };
    let claim_text = s.ex.claims.get(e.claim).map(|c| c.text(&s.ex.article.text)).unwrap_or("");
    let line = s.index.line_of(e.span.start) + 1;
    let link = source_url(corpus, e.source).map(|u| format!("{u}#L{line}")).unwrap_or_default();
    let at = lang.render(&Message::new("hover.line").arg("n", line));
    format!("{mark} **{}** — “{}” [{at}]({link})", s.label(), bold_in_quote(&e.quote, claim_text))
}

/// The first few evidence lines of a card, then how many more there are.
fn push_evidence(md: &mut String, corpus: &Corpus, evidence: &[Evidence], lang: Lang) {
    md.push('\n');
    for e in evidence.iter().take(EVIDENCE_SHOWN) {
        md.push_str("\n- ");
        md.push_str(&evidence_line(corpus, e, lang));
    }
    if evidence.len() > EVIDENCE_SHOWN {
        md.push_str("\n- ");
        md.push_str(&lang.render(&Message::new("hover.more").arg("n", evidence.len() - EVIDENCE_SHOWN)));
    }
}

/// The hover card of the claim at `pos`, in `lang`.
pub fn hover(snap: &Snapshot, corpus: &Corpus, pos: lsp::Position, enc: Encoding, lang: Lang) -> Option<lsp::Hover> {
    let ci = snap.claim_at(pos, enc)?;
    let c = &snap.draft.claims[ci];
    let report = snap.analysis.reports.get(ci);
    let mut md = format!(
        "**{}** · {} · {}",
        c.text(snap.text()).replace('*', "\\*"),
        lang.get(&format!("claim.{}", c.kind().name())),
        describe_value(c, lang)
    );
    if let Some(about) = report.and_then(|r| r.about.as_ref()).map(|m| lang.render(m)) {
        md.push_str(&format!("\n\n_{}_", about.replace('*', "\\*").replace('_', "\\_")));
    }
    if let Some(r) = report {
        if c.kind() == Kind::Person && !r.roles.is_empty() {
            let list: Vec<Arg> = r
                .roles
                .iter()
                .map(|(n, sources)| {
                    let labels: Vec<&str> = sources.iter().map(|&si| corpus.sources[si].label()).collect();
                    Arg::Text(format!("{n} ({})", labels.join(", ")))
                })
                .collect();
            let m = Message::new("hover.roles").arg("roles", Arg::List(list, Join::Comma));
            md.push_str(&format!("\n\n{}", lang.render(&m)));
        }
        if c.kind() == Kind::Person && !r.spellings.is_empty() {
            let list: Vec<Arg> = r.spellings.iter().map(|(n, k)| Arg::Text(format!("{n} ({k}×)"))).collect();
            let m = Message::new("hover.spellings").arg("spellings", Arg::List(list, Join::Comma));
            md.push_str(&format!("\n\n{}", lang.render(&m)));
        }
        if c.kind() != Kind::Person {
            if r.evidence.is_empty() {
                md.push_str("\n\n");
                md.push_str(&lang.get(if corpus.is_empty() { "hover.no-sources" } else { "hover.no-evidence" }));
            } else {
                push_evidence(&mut md, corpus, &r.evidence, lang);
            }
        } else if !r.evidence.is_empty() {
            push_evidence(&mut md, corpus, &r.evidence, lang);
        }
    }
    for f in snap.analysis.findings.iter().filter(|f| f.claim == ci) {
        md.push_str(&format!("\n\n_{}_: {}", f.code.name(), lang.render(&f.message)));
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: md }),
        range: Some(snap.range(c.span, enc)),
    })
}

/// Quick fixes and "ignore" for the findings touching `range`.
pub fn code_actions(
    snap: &Snapshot,
    uri: &Url,
    range: lsp::Range,
    config: &Config,
    corpus: &Corpus,
    enc: Encoding,
) -> Vec<lsp::CodeActionOrCommand> {
    let start = convert::offset(snap.text(), &snap.index, range.start, enc);
    let end = convert::offset(snap.text(), &snap.index, range.end, enc);
    let lang = config.lang();
    let mut out = Vec::new();
    let mut ignored_lines: Vec<usize> = Vec::new();
    for f in &snap.analysis.findings {
        if f.span.end < start || f.span.start > end {
            continue;
        }
        let Some(sev) = config.severity_of(f.code) else { continue };
        let diag = diagnostic(snap, corpus, f, sev, enc, lang);
        let frange = snap.range(f.span, enc);
        for (i, fix) in f.fixes.iter().enumerate() {
            let mut changes = HashMap::new();
            let range = fix.span.map_or(frange, |s| snap.range(s, enc));
            changes.insert(uri.clone(), vec![lsp::TextEdit { range, new_text: fix.replacement.clone() }]);
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: lang.render(&fix.title),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }),
                is_preferred: Some(i == 0),
                ..Default::default()
            }));
        }
        let line = snap.index.line_of(f.span.start);
        if !ignored_lines.contains(&line) {
            ignored_lines.push(line);
            let text = snap.text();
            let line_end = text[f.span.start..].find('\n').map(|i| f.span.start + i).unwrap_or(text.len());
            let line_end =
                if line_end > 0 && text.as_bytes().get(line_end - 1) == Some(&b'\r') { line_end - 1 } else { line_end };
            let at = snap.range(Span::new(line_end, line_end), enc).start;
            let mut changes = HashMap::new();
            changes.insert(
                uri.clone(),
                vec![lsp::TextEdit {
                    range: lsp::Range { start: at, end: at },
                    new_text: " <!-- corroborate-ignore -->".into(),
                }],
            );
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: lang.get("action.ignore").into_owned(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag]),
                edit: Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }),
                is_preferred: Some(false),
                ..Default::default()
            }));
        }
    }
    out
}

/// Source mentions of the person named `name` (any spelling that matches).
fn person_mentions(corpus: &Corpus, name: &str, exclude: Option<usize>) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        if names::match_names(name, &sp.name).is_none() && names::match_names(&sp.name, name).is_none() {
            continue;
        }
        for &(si, ci) in &sp.mentions {
            if Some(si) != exclude {
                out.push((si, corpus.sources[si].ex.claims[ci].span));
            }
        }
    }
    // Short mentions (`Putin`) resolved to the name count too.
    for (si, s) in corpus.sources.iter().enumerate() {
        if Some(si) == exclude {
            continue;
        }
        for c in &s.ex.claims {
            if let Value::Person(p) = &c.value {
                if c.text(&s.ex.article.text).split_whitespace().count() == 1
                    && p.name.split_whitespace().count() > 1
                    && names::match_names(name, &p.name).is_some_and(|m| m.identical())
                {
                    out.push((si, c.span));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Where the sources state the claim at `pos`.
pub fn definition(snap: &Snapshot, corpus: &Corpus, pos: lsp::Position, enc: Encoding) -> Vec<lsp::Location> {
    let Some(ci) = snap.claim_at(pos, enc) else { return Vec::new() };
    let c = &snap.draft.claims[ci];
    match &c.value {
        Value::Person(p) => person_mentions(corpus, &p.name, snap.exclude)
            .into_iter()
            .filter_map(|(si, span)| source_location(corpus, si, span, enc))
            .collect(),
        _ => snap.analysis.reports[ci]
            .evidence
            .iter()
            .filter_map(|e| source_location(corpus, e.source, e.span, enc))
            .collect(),
    }
}

/// Every mention of the person at `pos`, in the draft and in the corpus.
pub fn references(
    snap: &Snapshot,
    uri: &Url,
    corpus: &Corpus,
    pos: lsp::Position,
    enc: Encoding,
) -> Vec<lsp::Location> {
    let Some(ci) = snap.claim_at(pos, enc) else { return Vec::new() };
    let Value::Person(p) = &snap.draft.claims[ci].value else { return Vec::new() };
    let mut out: Vec<lsp::Location> = snap
        .draft
        .claims
        .iter()
        .filter(|c| matches!(&c.value, Value::Person(q) if q.key == p.key || names::match_names(&q.name, &p.name).is_some()))
        .map(|c| lsp::Location { uri: uri.clone(), range: snap.range(c.span, enc) })
        .collect();
    out.extend(
        person_mentions(corpus, &p.name, snap.exclude)
            .into_iter()
            .filter_map(|(si, span)| source_location(corpus, si, span, enc)),
    );
    out
}

/// The draft's claims, grouped by kind, the groups named in `lang`.
#[allow(deprecated)]
pub fn document_symbols(snap: &Snapshot, enc: Encoding, lang: Lang) -> Vec<lsp::DocumentSymbol> {
    let mut groups = Vec::new();
    for (kind, title, sk) in [
        (Kind::Person, "symbols.persons", lsp::SymbolKind::OBJECT),
        (Kind::Date, "symbols.dates", lsp::SymbolKind::EVENT),
        (Kind::Duration, "symbols.durations", lsp::SymbolKind::NUMBER),
    ] {
        let children: Vec<lsp::DocumentSymbol> = snap
            .draft
            .claims
            .iter()
            .filter(|c| c.kind() == kind)
            .map(|c| {
                let r = snap.range(c.span, enc);
                lsp::DocumentSymbol {
                    name: c.text(snap.text()).to_string(),
                    detail: Some(c.summary()),
                    kind: sk,
                    tags: None,
                    deprecated: None,
                    range: r,
                    selection_range: r,
                    children: None,
                }
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let range = lsp::Range { start: children[0].range.start, end: children[children.len() - 1].range.end };
        groups.push(lsp::DocumentSymbol {
            name: lang.get(title).into_owned(),
            detail: Some(lang.render(&Message::new("symbols.count").arg("n", children.len()))),
            kind: lsp::SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: Some(children),
        });
    }
    groups
}

/// Resolved values of relative dates (`bulan lalu` → `Jan 2025`), months in `lang`.
pub fn inlay_hints(snap: &Snapshot, range: lsp::Range, enc: Encoding, lang: Lang) -> Vec<lsp::InlayHint> {
    let start = convert::offset(snap.text(), &snap.index, range.start, enc);
    let end = convert::offset(snap.text(), &snap.index, range.end, enc);
    snap.draft
        .claims
        .iter()
        .filter(|c| c.span.start >= start && c.span.end <= end)
        .filter_map(|c| match &c.value {
            Value::Date(d) if d.relative => {
                let label = lang.friendly_date(d)?;
                Some(lsp::InlayHint {
                    position: snap.range(c.span, enc).end,
                    label: lsp::InlayHintLabel::String(format!("→ {label}")),
                    kind: None,
                    text_edits: None,
                    tooltip: None,
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
            }
            _ => None,
        })
        .collect()
}
