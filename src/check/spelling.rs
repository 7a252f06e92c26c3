//! Names: a person spelled differently from every spelling the sources use,
//! and one person spelled two ways in the draft.
use super::*;

/// Source spellings that `name` is a variant of: (spelling, count, how close).
fn variants_of(name: &str, corpus: &Corpus, exclude: Option<usize>) -> (bool, Vec<(String, usize, TokenMatch)>) {
    let key = fold(name);
    let count = |sp: &crate::index::Spelling| sp.mentions.iter().filter(|(s, _)| Some(*s) != exclude).count();
    if corpus.spellings.get(&key).is_some_and(|sp| count(sp) > 0) {
        return (true, Vec::new());
    }
    let mut found = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        let n = count(sp);
        if n == 0 || fold(&sp.name) == key {
            continue;
        }
        if let Some(m) = names::match_names(name, &sp.name) {
            if !m.identical() {
                found.push((sp.name.clone(), n, m.worst()));
            } else if m.pairs.len() == names::words(name).len() {
                // Same words, fewer of them (`Mikhail Galuzin` for `Mikhail Yurievich Galuzin`):
                // the sources know this person; no variant.
                return (true, Vec::new());
            }
        }
    }
    found.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    (false, found)
}

/// Whether the words a mention writes are among those spelled differently:
/// `Prabowo` alone is no misspelling of `Prabowo Subianto`, even when it
/// stands for `Prabowo Subiyanto`.
fn mention_differs(mention: &str, name: &str, target: &str) -> bool {
    let Some(m) = names::match_names(name, target) else { return false };
    let nw = names::words(name);
    let written: Vec<String> = mention.split(|c: char| c.is_whitespace() || c == '[' || c == ']').map(fold).collect();
    m.pairs.iter().any(|&(di, _, tm)| tm != TokenMatch::Same && written.contains(&fold(nw[di])))
}

/// The draft text of a mention rewritten with the source's spelling, word by word.
fn respell(mention: &str, name: &str, target: &str) -> Option<String> {
    let m = names::match_names(name, target)?;
    let nw = names::words(name);
    let tw = names::words(target);
    if fold(mention) == fold(name) {
        return Some(target.to_string());
    }
    // A shortened mention: replace the words it shares with the name.
    let mut out = mention.to_string();
    for (di, ti, tm) in m.pairs {
        if tm != TokenMatch::Same {
            let from = nw[di];
            if let Some(pos) = out.find(from) {
                out.replace_range(pos..pos + from.len(), tw[ti]);
            }
        }
    }
    (out != mention).then_some(out)
}

/// What the sources say of one name: their spellings of the person, and
/// whether the name is theirs or a variant of theirs.
struct NameVerdict {
    spellings: Vec<(String, usize)>,
    known: bool,
    variants: Vec<(String, usize, TokenMatch)>,
}

fn name_verdict(name: &str, corpus: &Corpus, exclude: Option<usize>) -> NameVerdict {
    let mut spellings: Vec<(String, usize)> = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        let n = sp.mentions.iter().filter(|(s, _)| Some(*s) != exclude).count();
        if n > 0 && names::match_names(name, &sp.name).is_some() {
            spellings.push((sp.name.clone(), n));
        }
    }
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (known, variants) = variants_of(name, corpus, exclude);
    NameVerdict { spellings, known, variants }
}

pub(super) fn name_findings(
    draft: &Extracted,
    corpus: &Corpus,
    exclude: Option<usize>,
    out: &mut Analysis,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let text = &draft.article.text;
    // A draft names the same people many times: judge each name once.
    let mut verdicts: lexicon::HashMap<&str, NameVerdict> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        if ci % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let Value::Person(p) = &c.value else { continue };
        let verdict = verdicts.entry(&*p.name).or_insert_with(|| name_verdict(&p.name, corpus, exclude));
        // Spellings the sources use for this person, for hovers.
        out.reports[ci].spellings = verdict.spellings.clone();
        if ignored(draft, c.span) {
            continue;
        }
        let (known, variants) = (verdict.known, &verdict.variants);
        if known || variants.is_empty() {
            continue;
        }
        let best = &variants[0].0;
        let mention = c.text(text);
        if !mention_differs(mention, &p.name, best) {
            continue;
        }
        let evidence = spelling_evidence(corpus, &fold(best), exclude, Verdict::Spelling);
        let others: Vec<Arg> =
            variants.iter().map(|(n, k, _)| Message::new("name.count").arg("name", n).arg("n", *k).into()).collect();
        let fixes = respell(mention, &p.name, best)
            .map(|r| vec![Fix { title: Message::new("fix.spelling").arg("name", best), replacement: r, span: None }])
            .unwrap_or_default();
        out.findings.push(Finding {
            code: Code::NameVariant,
            severity: Code::NameVariant.severity(),
            message: Message::new("name-variant")
                .arg("name", &*p.name)
                .arg("spellings", Arg::List(others, Join::Comma)),
            span: c.span,
            claim: ci,
            evidence: evidence.clone(),
            fixes,
        });
        out.reports[ci].evidence = evidence;
    }
    Some(())
}

/// One person spelled two ways in the draft.
pub(super) fn name_consistency(draft: &Extracted, corpus: &Corpus, exclude: Option<usize>, out: &mut Analysis) {
    let text = &draft.article.text;
    // Distinct spellings in order of first use, with counts.
    let mut seen: Vec<(String, usize, usize)> = Vec::new(); // (name, count, first claim)
    let mut seen_at: lexicon::HashMap<&str, usize> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        if let Value::Person(p) = &c.value {
            match seen_at.get(&*p.key) {
                Some(&i) => seen[i].1 += 1,
                None => {
                    seen_at.insert(&p.key, seen.len());
                    seen.push((p.name.to_string(), 1, ci));
                }
            }
        }
    }
    let mut preferred_of: lexicon::HashMap<&str, Option<&(String, usize, usize)>> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        let Value::Person(p) = &c.value else { continue };
        if ignored(draft, c.span) {
            continue;
        }
        let Some(preferred) = *preferred_of.entry(&*p.key).or_insert_with(|| {
            let others: Vec<&(String, usize, usize)> = seen
                .iter()
                .filter(|s| *fold(&s.0) != *p.key)
                .filter(|s| {
                    names::match_names(&p.name, &s.0).is_some_and(|m| !m.identical())
                        || names::match_names(&s.0, &p.name).is_some_and(|m| !m.identical())
                })
                .collect();
            if others.is_empty() {
                return None;
            }
            // The preferred spelling: one the sources use, else the most used, else the first.
            let mine = seen.iter().find(|s| *fold(&s.0) == *p.key)?;
            let sourced = |n: &str| !corpus.is_empty() && variants_of(n, corpus, exclude).0;
            let mut all: Vec<&(String, usize, usize)> = others;
            all.push(mine);
            all.sort_by(|a, b| sourced(&b.0).cmp(&sourced(&a.0)).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            Some(all[0])
        }) else {
            continue;
        };
        if *fold(&preferred.0) == *p.key {
            continue;
        }
        if !mention_differs(c.text(text), &p.name, &preferred.0) {
            continue;
        }
        let first = &draft.claims[preferred.2];
        let line = draft.article.lines.partition_point(|l| l.span.end < first.span.start) + 1;
        let mention = c.text(text);
        let fixes = respell(mention, &p.name, &preferred.0)
            .map(|r| {
                vec![Fix {
                    title: Message::new("fix.consistent").arg("name", &preferred.0),
                    replacement: r,
                    span: None,
                }]
            })
            .unwrap_or_default();
        out.findings.push(Finding {
            code: Code::NameInconsistent,
            severity: Code::NameInconsistent.severity(),
            message: Message::new("name-inconsistent")
                .arg("name", &*p.name)
                .arg("other", &preferred.0)
                .arg("line", line),
            span: c.span,
            claim: ci,
            evidence: Vec::new(),
            fixes,
        });
    }
}
