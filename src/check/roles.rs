//! Roles at the time: a person given an office that no source of the story
//! gives them, while the sources give them another (`Menteri Pertahanan X`
//! where every source says `Menteri Luar Negeri X`). Offices come from a
//! bilingual list of titles (`roles.txt`, language only), qualified by the
//! organisations a role names in capitals (`Ketua Umum PBSI` is not `Ketua
//! KOI`). A role the list does not know is never judged.

use super::*;
use std::sync::OnceLock;

/// An office: its index in `roles.txt`, and the organisations the role names.
#[derive(Debug, Clone, PartialEq)]
struct Office {
    id: usize,
    orgs: Vec<String>,
}

/// The offices' names, and every phrase with its office, longest first.
type Table = (Vec<String>, Vec<(String, usize)>);

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut names = Vec::new();
        let mut phrases = Vec::new();
        for line in include_str!("roles.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some((name, words)) = line.split_once('|') else { continue };
            let id = names.len();
            names.push(name.trim().to_string());
            for w in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                phrases.push((format!(" {w} "), id));
            }
        }
        // Longest phrase first: `wakil presiden` before `presiden`.
        phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        (names, phrases)
    })
}

/// The office a role names, if the list knows it.
fn office_of(role: &str) -> Option<Office> {
    let folded = format!(
        " {} ",
        fold(role).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    );
    let id = table().1.iter().find(|(p, _)| folded.contains(p.as_str()))?.1;
    let orgs = role
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    Some(Office { id, orgs })
}

fn compatible(a: &Office, b: &Office) -> bool {
    a.id == b.id && (a.orgs.is_empty() || b.orgs.is_empty() || a.orgs.iter().any(|o| b.orgs.contains(o)))
}

/// Every role the sources give one person (any spelling of them): (office if
/// known, title as written, source, claim).
fn roles_given<'c>(
    name: &str,
    key: &str,
    corpus: &'c Corpus,
    exclude: Option<usize>,
) -> Vec<(Option<Office>, &'c str, usize, usize)> {
    let mut out = Vec::new();
    for sp in corpus.candidate_spellings(name) {
        if fold(&sp.name) != *key && names::match_names(name, &sp.name).is_none() {
            continue;
        }
        for &(si, sci) in &sp.mentions {
            if Some(si) == exclude {
                continue;
            }
            if let Value::Person(v) = &corpus.sources[si].ex.claims[sci].value {
                if let Some(r) = v.role.as_deref() {
                    out.push((office_of(r), r, si, sci));
                }
            }
        }
    }
    out
}

/// Each title with how often the sources use it and the sources that do
/// (each once), most used first.
fn tally<'a>(given: impl Iterator<Item = (&'a str, usize)>) -> Vec<(String, usize, Vec<usize>)> {
    let mut out: Vec<(String, usize, Vec<usize>)> = Vec::new();
    for (r, si) in given {
        let i = out.iter().position(|(x, ..)| x == r).unwrap_or_else(|| {
            out.push((r.to_string(), 0, Vec::new()));
            out.len() - 1
        });
        out[i].1 += 1;
        if !out[i].2.contains(&si) {
            out[i].2.push(si);
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.1));
    out
}

/// Where the draft writes `role` right before the name at `span` (`Menteri
/// Pertahanan Retno Marsudi`): the text a fix replaces.
fn role_span(text: &str, span: Span, role: &str) -> Option<Span> {
    let before = text[..span.start].trim_end_matches([' ', ',']);
    before.ends_with(role).then(|| Span::new(before.len() - role.len(), span.start))
}

/// Someone else the sources give the office to, when they give it to one
/// person only and the office names an organisation or place (`Menteri Luar
/// Negeri Rusia`, not a bare `Presiden`).
fn holder_of<'c>(mine: &Office, key: &str, corpus: &'c Corpus) -> Option<(&'c str, &'c str)> {
    if mine.orgs.is_empty() {
        return None;
    }
    let mut holder: Option<(&str, &str)> = None;
    for (role, people) in &corpus.roles {
        let Some(o) = office_of(role) else { continue };
        if o.orgs.is_empty() || !compatible(&o, mine) {
            continue;
        }
        for p in people {
            if &**p == key {
                return None;
            }
            match holder {
                Some((h, _)) if h != &**p => return None,
                _ => holder = Some((p, role)),
            }
        }
    }
    holder
}

pub(super) fn role_findings(draft: &Extracted, corpus: &Corpus, exclude: Option<usize>, out: &mut Analysis) {
    let text = &draft.article.text;
    // (name, role) → the finding's evidence, message and the sources' title.
    type Judged = Option<(Vec<Evidence>, Message, Option<String>)>;
    let mut seen: lexicon::HashMap<(String, String), Judged> = Default::default();
    // Name → every role the sources give the person, read once per name.
    type Given<'c> = Vec<(Option<Office>, &'c str, usize, usize)>;
    let mut given: lexicon::HashMap<String, Given> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        let Value::Person(p) = &c.value else { continue };
        let all = given.entry(p.name.to_string()).or_insert_with(|| roles_given(&p.name, &p.key, corpus, exclude));
        // For the hover.
        out.reports[ci].roles = tally(all.iter().map(|t| (t.1, t.2))).into_iter().map(|(r, _, s)| (r, s)).collect();
        let Some(role) = p.role.as_deref() else { continue };
        let Some(mine) = office_of(role) else { continue };
        if ignored(draft, c.span) {
            continue;
        }
        let verdict = seen.entry((p.name.to_string(), role.to_string())).or_insert_with(|| {
            let theirs: Vec<(&Office, &str, usize, usize)> =
                all.iter().filter_map(|(o, r, si, sci)| Some((o.as_ref()?, *r, *si, *sci))).collect();
            if theirs.iter().any(|(o, ..)| compatible(o, &mine)) {
                return None;
            }
            if theirs.is_empty() {
                // No role for them in the sources, but this office is someone else's.
                let (other, title) = holder_of(&mine, &p.key, corpus)?;
                let other_name = corpus.spellings.get(other).map_or(other, |sp| sp.name.as_str());
                let message =
                    Message::new("role-taken").arg("name", &*p.name).arg("role", title).arg("other", other_name);
                let evidence = spelling_evidence(corpus, other, exclude, Verdict::Contradicts);
                return Some((evidence, message, None));
            }
            let counts = tally(theirs.iter().map(|t| (t.1, t.2)));
            let list: Vec<Arg> =
                counts.iter().map(|(r, n, _)| Message::new("name.count").arg("name", r).arg("n", *n).into()).collect();
            let evidence = theirs
                .iter()
                .map(|&(_, _, si, sci)| evidence_of(corpus, si, sci, Verdict::Contradicts, false))
                .collect();
            let message = Message::new("role-conflict")
                .arg("name", &*p.name)
                .arg("roles", Arg::List(list, Join::Comma))
                .arg("role", role);
            Some((evidence, message, counts.first().map(|c| c.0.clone())))
        });
        if let Some((evidence, message, title)) = verdict.clone() {
            // Quick fix: the sources' title in place of the draft's.
            let fixes = title
                .zip(role_span(text, c.span, role))
                .map(|(t, sp)| Fix {
                    title: Message::new("fix.role").arg("role", &t),
                    replacement: format!("{t} "),
                    span: Some(sp),
                })
                .into_iter()
                .collect();
            out.findings.push(Finding {
                code: Code::RoleConflict,
                severity: Code::RoleConflict.severity(),
                message,
                span: c.span,
                claim: ci,
                evidence,
                fixes,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_in_both_languages_and_their_organisations() {
        let a = office_of("Menteri Luar Negeri").unwrap();
        let b = office_of("Foreign Minister").unwrap();
        assert!(compatible(&a, &b));
        assert!(!compatible(&office_of("Menteri Pertahanan").unwrap(), &a));
        assert!(!compatible(&office_of("Ketua Umum PBSI").unwrap(), &office_of("Ketua KOI").unwrap()));
        assert!(compatible(&office_of("Ketua Umum PBSI").unwrap(), &office_of("chairman").unwrap()));
        assert_eq!(office_of("Wakil Presiden").unwrap().id, office_of("Vice President").unwrap().id);
        assert_ne!(office_of("Wakil Presiden").unwrap().id, office_of("Presiden Rusia").unwrap().id);
        assert!(office_of("Kepala BMKG").is_none(), "an office the list does not know is not judged");
    }
}
