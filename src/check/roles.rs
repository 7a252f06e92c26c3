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

pub(super) fn role_findings(draft: &Extracted, corpus: &Corpus, exclude: Option<usize>, out: &mut Analysis) {
    // (name, role) → the finding's evidence and message, when there is one.
    type Judged = Option<(Vec<Evidence>, Message)>;
    let mut seen: lexicon::HashMap<(String, String), Judged> = Default::default();
    for (ci, c) in draft.claims.iter().enumerate() {
        let Value::Person(p) = &c.value else { continue };
        let Some(role) = p.role.as_deref() else { continue };
        let Some(mine) = office_of(role) else { continue };
        if ignored(draft, c.span) {
            continue;
        }
        let verdict = seen.entry((p.name.to_string(), role.to_string())).or_insert_with(|| {
            // Every role the sources give this person (any spelling of them).
            let mut theirs: Vec<(Office, &str, usize, usize)> = Vec::new();
            for sp in corpus.candidate_spellings(&p.name) {
                if fold(&sp.name) != *p.key && names::match_names(&p.name, &sp.name).is_none() {
                    continue;
                }
                for &(si, sci) in &sp.mentions {
                    if Some(si) == exclude {
                        continue;
                    }
                    if let Value::Person(sp_value) = &corpus.sources[si].ex.claims[sci].value {
                        if let Some(r) = sp_value.role.as_deref() {
                            if let Some(o) = office_of(r) {
                                theirs.push((o, r, si, sci));
                            }
                        }
                    }
                }
            }
            if theirs.is_empty() || theirs.iter().any(|(o, ..)| compatible(o, &mine)) {
                return None;
            }
            // The sources' title, the one they use most.
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (_, r, ..) in &theirs {
                match counts.iter_mut().find(|(x, _)| x == r) {
                    Some(e) => e.1 += 1,
                    None => counts.push((r, 1)),
                }
            }
            counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            let list: Vec<Arg> =
                counts.iter().map(|(r, n)| Message::new("name.count").arg("name", *r).arg("n", *n).into()).collect();
            let evidence = theirs
                .iter()
                .map(|&(_, _, si, sci)| evidence_of(corpus, si, sci, Verdict::Contradicts, false))
                .collect();
            let message = Message::new("role-conflict")
                .arg("name", &*p.name)
                .arg("roles", Arg::List(list, Join::Comma))
                .arg("role", role);
            Some((evidence, message))
        });
        if let Some((evidence, message)) = verdict.clone() {
            out.findings.push(Finding {
                code: Code::RoleConflict,
                severity: Code::RoleConflict.severity(),
                message,
                span: c.span,
                claim: ci,
                evidence,
                fixes: Vec::new(),
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
