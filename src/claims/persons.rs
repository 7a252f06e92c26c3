//! Persons: names in running text, their titles kept apart, and short
//! mentions resolved to the full name the same article uses.
//!
//! A capitalised run of words is a name unless the language says otherwise:
//! place and organisation clue words (`Gedung`, `Images`), countries, months,
//! weekdays, sentence-opening function words, derived Indonesian words
//! (`Kecerdasan`). A single word is a person only when it resolves to a full
//! name of the article, or follows a title (`Presiden Putin`). Headings in
//! Title Case only yield names the body already established.

use super::{PersonValue, Scan};
use crate::lexicon::{self, HashMap, TitleKind};
use crate::text::{fold, is_all_caps, is_capitalized, Span, TokKind};
use std::sync::Arc;

/// Word sets built once per article, on first use, so that asking about a
/// word costs the same however often the article writes it.
#[derive(Default)]
pub(super) struct Memo {
    /// Words written on their own after a common noun (`pekerja Sritex`).
    apart: std::sync::OnceLock<std::collections::HashSet<String>>,
    /// Words written after `the` (`the Kremlin`).
    after_the: std::sync::OnceLock<std::collections::HashSet<String>>,
}

/// One mention before resolution.
#[derive(Debug, Clone)]
struct Mention {
    /// Tokens of the name (brackets excluded), in order.
    toks: Vec<usize>,
    role: Option<String>,
    titled: bool,
    /// A verb of saying next to a one-word name (`kata Bahlil`, `Budi menilai`).
    cued: bool,
    /// Regnal numbers and `Jr.` after the name, kept in its text and range.
    suffix: Vec<usize>,
    /// The full name this alias stands for (`AHY` after `Agus Harimurti Yudhoyono (AHY)`).
    alias_of: Option<String>,
}

impl Mention {
    fn new(toks: Vec<usize>, role: Option<String>, titled: bool) -> Mention {
        Mention { toks, role, titled, cued: false, suffix: Vec::new(), alias_of: None }
    }

    fn last(&self) -> usize {
        *self.suffix.last().or(self.toks.last()).unwrap()
    }
}

/// Finds every person mention of an article.
pub fn find(s: &Scan, outlet: &[String]) -> Vec<(Span, PersonValue)> {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut heading_runs: Vec<Vec<usize>> = Vec::new();
    let mut places_here = learned_places(s);
    places_here.extend(outlet.iter().cloned());
    let mut i = 0;
    while i < s.len() {
        let info = s.info[i];
        if info.stamp {
            i += 1;
            continue;
        }
        if info.title_line {
            if is_name_word(s, i) {
                let (run, next) = run_at(s, i);
                if !run.is_empty() {
                    heading_runs.push(run);
                    i = next.max(i + 1);
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if let Some((m, next)) = titled_at(s, i) {
            if let Some(m) = m {
                mentions.push(m);
            }
            i = next;
            continue;
        }
        if let Some(next) = thing_at(s, i) {
            i = next;
            continue;
        }
        if let Some(k) = name_prefix_at(s, i) {
            // `ST Burhanuddin`, `I Wayan Koster`: initials or a Balinese birth-order name.
            let (mut run, next) = run_at(s, k);
            if !run.is_empty() {
                run.splice(0..0, i..k);
                mentions.extend(untitled(s, run, next, &places_here));
                i = next;
                continue;
            }
        }
        if is_name_word(s, i) || particle_starts_name(s, i) || bracket_starts_name(s, i) {
            let (run, next) = run_at(s, i);
            mentions.extend(untitled(s, run, next, &places_here));
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    for m in &mut mentions {
        if m.toks.len() >= 2 && m.toks.last().is_some_and(|&t| matches!(s.t(t), "Jr" | "Sr")) {
            let t = m.toks.pop().unwrap();
            m.suffix = if s.is_punct(t + 1, ".") && s.tight(t + 1) { vec![t, t + 1] } else { vec![t] };
        } else {
            let next = m.toks.last().map_or(0, |&t| t + 1);
            m.suffix = suffix_at(s, next, m.toks.len());
        }
    }
    add_aliases(s, &mut mentions);
    // `Komisaris Utama Pertamina` after `PT Pertamina`: a word the article names as a thing.
    mentions.retain(|m| m.toks.len() > 1 || !places_here.contains(&fold(bare(s.t(m.toks[0])))));

    // A capitalised run two of whose words the text also writes in lowercase is a
    // heading or a thing, not a person (`Mogok Aktor Hollywood` over `mogok aktor`,
    // `Pangkalan Udara`); one such word is common in names (`Putri`, `Bintang`).
    let lowercase: std::collections::HashSet<&str> =
        (0..s.len()).filter(|&i| s.t(i).chars().next().is_some_and(|c| c.is_lowercase())).map(|i| s.lw(i)).collect();
    mentions.retain(|m| {
        m.titled
            || m.toks.len() < 2
            || m.toks.iter().filter(|&&t| is_capitalized(s.t(t)) && lowercase.contains(s.lw(t))).count() < 2
    });
    heading_runs.retain(|r| r.len() < 2 || r.iter().filter(|&&t| lowercase.contains(s.lw(t))).count() < 2);

    // Full names of the article.
    let mut names = FullNames::default();
    for m in mentions.iter().filter(|m| m.toks.len() >= 2) {
        if m.alias_of.is_some() {
            continue;
        }
        let key: Vec<String> = m.toks.iter().map(|&t| fold(bare(s.t(t)))).collect();
        names.add(key, || display(s, &m.toks) + &display_suffix(s, &m.suffix), m.toks[0], m.titled);
    }
    // A one-word name a title introduced (`Letjen TNI Suharyanto`) is known
    // from then on (`kata Suharyanto`), unless it shortens a full name.
    for m in mentions.iter().filter(|m| m.toks.len() == 1 && m.titled && m.alias_of.is_none()) {
        let key = vec![fold(bare(s.t(m.toks[0])))];
        if !names.by_last.contains_key(&key[0]) && !names.by_first.contains_key(&key[0]) {
            names.add(key, || bare(s.t(m.toks[0])).to_string() + &display_suffix(s, &m.suffix), m.toks[0], m.titled);
        }
    }

    // A heading may hold the only full form of a name the body uses alone:
    // `Donald Trump dan Vladimir Putin Bahas ...` above `... dengan Putin.`
    let singles: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.toks.len() == 1)
        .map(|m| fold(bare(s.t(m.toks[0]))))
        .filter(|t| !names.by_first.contains_key(t) && !names.by_last.contains_key(t))
        .collect();
    for run in &heading_runs {
        let r0 = run[0];
        let opens = s.info[r0].line_start
            || (r0 > 0 && matches!(s.lw(r0 - 1), "dan" | "and" | "," | "&" | "vs" | "-" | ":" | "\u{2013}"));
        if !opens {
            continue;
        }
        for p in 1..run.len().min(3) {
            if run[p] != run[p - 1] + 1 && !(run[p] == run[p - 1] + 2 && s.is_punct(run[p - 1] + 1, "-")) {
                break;
            }
            if singles.contains(&fold(s.t(run[p]))) {
                let key: Vec<String> = run[..=p].iter().map(|&t| fold(s.t(t))).collect();
                if !names.by_key.contains_key(&key) {
                    names.add(key, || display(s, &run[..=p]), run[0], false);
                }
                break;
            }
        }
    }

    // A one-word name a verb of saying vouches for (`kata Tito`) is known from
    // then on, unless it shortens a full name; words of a role (`Juru bicara
    // Kremlin`) name an organisation.
    let role_words: std::collections::HashSet<String> =
        mentions.iter().filter_map(|m| m.role.as_deref()).flat_map(|r| r.split(' ').map(fold)).collect();
    mentions.retain(|m| !(m.cued && role_words.contains(&fold(bare(s.t(m.toks[0]))))));
    for m in mentions.iter().filter(|m| m.toks.len() == 1 && m.cued && m.alias_of.is_none()) {
        let key = vec![fold(bare(s.t(m.toks[0])))];
        if !names.by_last.contains_key(&key[0]) && !names.by_first.contains_key(&key[0]) {
            names.add(key, || bare(s.t(m.toks[0])).to_string(), m.toks[0], false);
        }
    }
    let aliases: HashMap<String, String> =
        mentions.iter().filter_map(|m| Some((key_of(s, &m.toks), m.alias_of.clone()?))).collect();
    let mut shared = Shared::default();
    let mut out = Vec::with_capacity(mentions.len());
    // The full names are all known now: a word written again resolves as before.
    let mut close: HashMap<&str, Option<String>> = HashMap::default();
    for m in &mentions {
        let span = Span::new(s.toks[m.toks[0]].start, name_end(s, m.last()));
        let span = widen_brackets(s, span, &m.toks);
        if let Some(full) = m.alias_of.clone().or_else(|| aliases.get(&key_of(s, &m.toks)).cloned()) {
            out.push((span, shared.value(full, m.role.clone())));
            continue;
        }
        if m.toks.len() >= 2 {
            let name = display(s, &m.toks) + &display_suffix(s, &m.suffix);
            out.push((span, shared.value(name, m.role.clone())));
            continue;
        }
        let tok = fold(bare(s.t(m.toks[0])));
        let written = bare(s.t(m.toks[0]));
        let lowercase_too = lowercase.contains(s.lw(m.toks[0]));
        let resolved = names.resolve_single(&tok, m.toks[0]).or_else(|| {
            close.entry(written).or_insert_with(|| names.resolve_close(written)).clone().filter(|_| !lowercase_too)
        });
        match resolved {
            Some(name) => out.push((span, shared.value(name, m.role.clone()))),
            None if m.titled || m.cued || !m.suffix.is_empty() => {
                let name = bare(s.t(m.toks[0])).to_string() + &display_suffix(s, &m.suffix);
                out.push((span, shared.value(name, m.role.clone())));
            }
            None => {}
        }
    }

    // Headings: only names the body established.
    for run in heading_runs {
        let mut k = 0;
        while k < run.len() {
            let mut matched = false;
            let here = fold(s.t(run[k]));
            for f in names.by_first.get(&here).into_iter().flatten().map(|&i| &names.all[i]) {
                let n = f.key.len();
                if k + n <= run.len() && run[k..k + n].iter().zip(&f.key).all(|(&t, w)| fold(s.t(t)) == *w) {
                    let span = Span::new(s.toks[run[k]].start, s.toks[run[k + n - 1]].end);
                    out.push((span, shared.value(f.name.clone(), None)));
                    k += n;
                    matched = true;
                    break;
                }
            }
            if !matched {
                if let Some(name) = names.resolve_single(&here, run[k]) {
                    out.push((s.toks[run[k]].span(), shared.value(name, None)));
                }
                k += 1;
            }
        }
    }
    out.sort_by_key(|(sp, _)| *sp);
    out.dedup_by_key(|(sp, _)| *sp);
    out
}

/// One allocation per distinct string of an article's person values.
#[derive(Default)]
struct Shared {
    strings: HashMap<String, Arc<str>>,
}

impl Shared {
    fn get(&mut self, s: String) -> Arc<str> {
        if let Some(a) = self.strings.get(&s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s.as_str());
        self.strings.insert(s, a.clone());
        a
    }

    fn value(&mut self, name: String, role: Option<String>) -> PersonValue {
        let key = self.get(fold(&name));
        PersonValue { key, name: self.get(name), role: role.map(|r| self.get(r)) }
    }
}

/// A full name of the article: folded words, how it is written, where it is
/// first written, how often, and whether a title came with it.
struct FullName {
    key: Vec<String>,
    name: String,
    first: usize,
    count: usize,
    titled: bool,
}

/// The article's full names, indexed by their words.
#[derive(Default)]
struct FullNames {
    all: Vec<FullName>,
    /// Full names by the deletion keys of their first and last words, built on first use.
    by_deletion: std::sync::OnceLock<HashMap<u64, Vec<usize>>>,
    by_key: HashMap<Vec<String>, usize>,
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

impl FullNames {
    fn add(&mut self, key: Vec<String>, name: impl FnOnce() -> String, first: usize, titled: bool) {
        if let Some(&i) = self.by_key.get(&key) {
            self.all[i].count += 1;
            self.all[i].titled |= titled;
            return;
        }
        let i = self.all.len();
        if let (Some(a), Some(b)) = (key.first(), key.last()) {
            self.by_first.entry(a.clone()).or_default().push(i);
            self.by_last.entry(b.clone()).or_default().push(i);
        }
        self.by_key.insert(key.clone(), i);
        self.all.push(FullName { key, name: name(), first, count: 1, titled });
    }

    /// A single word resolved to the full name it shortens: the last (or
    /// first) word of a full name. Among several (`Donald Trump`, `Melania
    /// Trump`), the one the article names most, then one given a title, then
    /// the nearest before.
    fn resolve_single(&self, tok: &str, at: usize) -> Option<String> {
        let by_last = self.by_last.get(tok).filter(|v| !v.is_empty());
        let pool: Vec<&FullName> = match by_last {
            Some(v) => v.iter().map(|&i| &self.all[i]).collect(),
            None => self
                .by_first
                .get(tok)
                .into_iter()
                .flatten()
                .map(|&i| &self.all[i])
                .filter(|f| f.key.len() > 1)
                .collect(),
        };
        pool.iter()
            .max_by_key(|f| (f.count, f.titled, if f.first <= at { f.first as i64 } else { -(f.first as i64) }))
            .map(|f| f.name.clone())
    }
}

impl FullNames {
    /// A single word that misspells a word of a full name of the article
    /// (`Starmmer` after `Keir Starmer`): that full name as the word writes it
    /// (`Keir Starmmer`), so that checking finds the slip.
    fn resolve_close(&self, written: &str) -> Option<String> {
        if written.chars().count() < 5 {
            return None;
        }
        let close = |w: &str| {
            w.chars().count() >= 5
                && matches!(
                    crate::names::compare_tokens(written, w),
                    crate::names::TokenMatch::Close | crate::names::TokenMatch::Translit
                )
        };
        // Candidates share a deletion key with the word: no scan of every name.
        let by_key = self.by_deletion.get_or_init(|| {
            // Hashed keys: a collision only adds a candidate, which `close` then turns down.
            let mut m: HashMap<u64, Vec<usize>> = Default::default();
            for (i, f) in self.all.iter().enumerate().filter(|(_, f)| f.key.len() >= 2) {
                let words: Vec<&str> = f.name.split(' ').collect();
                for w in [words[0], words[words.len() - 1]] {
                    for k in crate::names::deletion_hashes(w) {
                        m.entry(k).or_default().push(i);
                    }
                }
            }
            m
        });
        let mut pool: Vec<usize> =
            crate::names::deletion_hashes(written).iter().filter_map(|k| by_key.get(k)).flatten().copied().collect();
        pool.sort_unstable();
        pool.dedup();
        let f = pool
            .into_iter()
            .map(|i| &self.all[i])
            .filter(|f| f.name.split(' ').next_back().is_some_and(close) || f.name.split(' ').next().is_some_and(close))
            .max_by_key(|f| (f.count, f.titled))?;
        let words: Vec<&str> = f.name.split(' ').collect();
        let at = if words.last().is_some_and(|w| close(w)) { words.len() - 1 } else { 0 };
        Some(words.iter().enumerate().map(|(k, w)| if k == at { written } else { w }).collect::<Vec<_>>().join(" "))
    }
}

fn display(s: &Scan, toks: &[usize]) -> String {
    let mut out = String::new();
    for (n, &t) in toks.iter().enumerate() {
        if n > 0 {
            let prev = toks[n - 1];
            // Joined by a hyphen in the text: al-Assad, Jean-Claude.
            if t == prev + 2 && s.is_punct(prev + 1, "-") && s.tight(prev + 1) && s.tight(t) {
                out.push('-');
            } else if t == prev + 2 && s.is_punct(prev + 1, ".") && s.tight(prev + 1) {
                // An initial keeps its stop: `M. Nuh`, `W.S. Rendra`.
                out.push('.');
                if !s.tight(t) {
                    out.push(' ');
                }
            } else {
                out.push(' ');
            }
        }
        out.push_str(bare(s.t(t)));
    }
    out
}

/// `Jr.`, `III` after a name, as written (` Jr.`).
fn display_suffix(s: &Scan, suffix: &[usize]) -> String {
    let mut out = String::new();
    for &t in suffix {
        if !s.is_punct(t, ".") {
            out.push(' ');
        }
        out.push_str(s.t(t));
    }
    out
}

/// A word without its English possessive (`Scholz's` → `Scholz`).
fn bare(t: &str) -> &str {
    t.strip_suffix("'s").or_else(|| t.strip_suffix("\u{2019}s")).unwrap_or(t)
}

fn possessive(t: &str) -> bool {
    bare(t).len() < t.len()
}

/// Where a name ending at token `t` ends: before its possessive `'s`.
fn name_end(s: &Scan, t: usize) -> usize {
    s.toks[t].end - (s.t(t).len() - bare(s.t(t)).len())
}

fn key_of(s: &Scan, toks: &[usize]) -> String {
    toks.iter().map(|&t| fold(bare(s.t(t)))).collect::<Vec<_>>().join(" ")
}

/// Capitalised runs the article writes after `di`, `ke`, `in`, `at` are
/// places (`di Labuan Bajo`), wherever else they appear.
fn learned_places(s: &Scan) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for i in 0..s.len().saturating_sub(1) {
        if matches!(s.t(i), "di" | "ke" | "in" | "at" | "Di" | "Ke" | "In" | "At")
            && s.on_line(i + 1)
            && is_name_word(s, i + 1)
        {
            let (run, _) = run_at(s, i + 1);
            if !run.is_empty() && !run.iter().any(|&t| possessive(s.t(t))) {
                out.insert(key_of(s, &run));
            }
        }
        // `PT Pertamina`: the one word a clue opens names a thing wherever it appears.
        if let Some(end) = thing_at(s, i) {
            if end == i + 2 && s.is_word(i + 1) && !s.info[i].title_line {
                out.insert(fold(bare(s.t(i + 1))));
            }
        }
    }
    out
}

/// A capitalised clue word and the name it opens are one thing: `Piala
/// Sudirman`, `Jalan Gatot Subroto`, `RSUP Dr. Hasan Sadikin`, `Stadion Utama
/// Gelora Bung Karno`. Returns the token after the thing.
fn thing_at(s: &Scan, i: usize) -> Option<usize> {
    if s.kind(i) != Some(TokKind::Word) || !is_capitalized(s.t(i)) || !s.word(i).is_some_and(|w| w.place_clue) {
        return None;
    }
    // An institution's whole name opens nothing: `Polri Ferdy Sambo`.
    if lexicon::WHOLE_NAMES.contains(&s.lw(i)) {
        return None;
    }
    let mut j = i + 1;
    while s.on_line(j) {
        let word = s.kind(j) == Some(TokKind::Word);
        let next_capital = s.on_line(j + 1) && s.is_word(j + 1) && is_capitalized(s.t(j + 1));
        let goes_on = (word && is_capitalized(s.t(j)) && (next_capital || !s.word(j).is_some_and(|w| w.stop_en || w.stop_id)))
            // `Dr.`, `Soekarno-Hatta`
            || ((s.is_punct(j, ".") || s.is_punct(j, "-"))
                && s.tight(j)
                && s.on_line(j + 1)
                && (s.tight(j + 1) || (s.is_punct(j, ".") && s.t(j - 1).len() <= 3 && next_capital)))
            // `Kawasan Sains dan Teknologi`
            || (matches!(s.t(j), "dan" | "&" | "and" | "of") && j > i + 1 && next_capital)
            || (word && is_particle(s, j) && next_capital)
            || (s.is_num(j) && j == i + 1);
        if !goes_on {
            break;
        }
        j += 1;
    }
    Some(j)
}

/// Initials before a name (`ST Burhanuddin`, `HM Prasetyo`) or a Balinese
/// birth-order word (`I Wayan Koster`, `Ni Luh`): the token where the name proper starts.
fn name_prefix_at(s: &Scan, i: usize) -> Option<usize> {
    if s.kind(i) != Some(TokKind::Word) {
        return None;
    }
    let t = s.t(i);
    let balinese = s.lang == crate::article::Lang::Id && matches!(t, "I" | "Ni");
    let initials = t.len() == 2
        && is_all_caps(t)
        && !is_place_word(s, i)
        && !lexicon::titles().contains_key(s.lw(i))
        && !s.word(i).is_some_and(|w| w.is_grammar() || w.place_clue || w.org_tail);
    let name_next = s.on_line(i + 1) && s.toks[i + 1].gap && is_name_word(s, i + 1) && title_at(s, i + 1).is_none();
    ((balinese || initials) && name_next).then_some(i + 1)
}

/// `Jr.`, `Sr.`, a regnal number (`Charles III`, `Hamengku Buwono X`) right after a name.
fn suffix_at(s: &Scan, i: usize, run_len: usize) -> Vec<usize> {
    if !s.on_line(i) || !s.toks[i].gap || s.kind(i) != Some(TokKind::Word) {
        return Vec::new();
    }
    let t = s.t(i);
    if matches!(t, "Jr" | "Sr") {
        return if s.is_punct(i + 1, ".") && s.tight(i + 1) { vec![i, i + 1] } else { vec![i] };
    }
    let roman = t.len() <= 5 && t != "I" && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    if roman && !(s.on_line(i + 1) && s.is_word(i + 1) && is_capitalized(s.t(i + 1))) {
        return vec![i];
    }
    // `Mahfud MD`: two capitals closing a one-word name, before running text.
    let closes = !s.on_line(i + 1) || !s.is_word(i + 1) || s.t(i + 1).chars().next().is_some_and(|c| c.is_lowercase());
    let one_word = run_len == 1;
    if t.len() == 2
        && is_all_caps(t)
        && one_word
        && closes
        && !is_place_word(s, i)
        && !lexicon::titles().contains_key(s.lw(i))
        && !s.word(i).is_some_and(|w| w.is_grammar() || w.place_clue || w.org_tail)
    {
        return vec![i];
    }
    Vec::new()
}

/// `Agus Harimurti Yudhoyono (AHY)`, `..., known as AMLO`, `... alias Ahok`:
/// the alias is the same person, here and wherever the article uses it again.
fn add_aliases(s: &Scan, mentions: &mut Vec<Mention>) {
    let mut found: Vec<(Vec<usize>, String)> = Vec::new();
    for m in mentions.iter().filter(|m| m.toks.len() >= 2 && m.alias_of.is_none()) {
        let e = m.last() + 1;
        let start = if s.is_punct(e, "(") {
            e + 1
        } else if s.is_punct(e, ",") && s.seq(e + 1, &["known", "as"]) {
            e + 3
        } else if s.is(e, "alias") || s.seq(e, &["known", "as"]) || s.seq(e, &["dikenal", "sebagai"]) {
            if s.is(e, "alias") {
                e + 1
            } else {
                e + 2
            }
        } else {
            continue;
        };
        let mut j = start;
        while j < start + 2 && s.on_line(j) && s.kind(j) == Some(TokKind::Word) && is_capitalized(s.t(j)) {
            j += 1;
        }
        let closed = !s.is_punct(e, "(") || s.is_punct(j, ")");
        if j > start && closed && !(start..j).any(|t| is_place_word(s, t) || s.word(t).is_some_and(|w| w.is_grammar()))
        {
            let full = display(s, &m.toks) + &display_suffix(s, &m.suffix);
            found.push(((start..j).collect(), full));
        }
    }
    if found.is_empty() {
        return;
    }
    // Drop what the plain reading made of the alias, then add it everywhere it is written.
    let single: HashMap<String, String> =
        found.iter().filter(|(t, _)| t.len() == 1).map(|(t, f)| (fold(s.t(t[0])), f.clone())).collect();
    mentions.retain(|m| !(m.toks.len() == 1 && single.contains_key(&fold(bare(s.t(m.toks[0]))))));
    let taken: std::collections::HashSet<usize> = mentions.iter().flat_map(|m| m.toks.iter().copied()).collect();
    for (toks, full) in found.iter().filter(|(t, _)| t.len() > 1) {
        if !taken.contains(&toks[0]) {
            let mut m = Mention::new(toks.clone(), None, false);
            m.alias_of = Some(full.clone());
            mentions.push(m);
        }
    }
    for i in 0..s.len() {
        if s.kind(i) != Some(TokKind::Word) || taken.contains(&i) || s.info[i].stamp {
            continue;
        }
        if let Some(full) = single.get(&fold(bare(s.t(i)))) {
            let mut m = Mention::new(vec![i], None, false);
            m.alias_of = Some(full.clone());
            mentions.push(m);
        }
    }
    mentions.sort_by_key(|m| m.toks[0]);
}

/// Includes brackets around the first word (`[Volodymyr] Zelenskyy`).
fn widen_brackets(s: &Scan, span: Span, toks: &[usize]) -> Span {
    let first = toks[0];
    if first > 0 && s.is_punct(first - 1, "[") && s.tight(first) {
        return Span::new(s.toks[first - 1].start, span.end);
    }
    span
}

fn is_place_word(s: &Scan, i: usize) -> bool {
    lexicon::places().contains_key(s.lw(i))
}

/// Indonesian derived words are common nouns, not names: `Kecerdasan`, `Pemerintahan`.
fn looks_derived(lower: &str) -> bool {
    let n = lower.len();
    (n >= 8 && (lower.starts_with("ke") || lower.starts_with("pe")) && lower.ends_with("an"))
        || (n >= 7 && lower.ends_with("nya"))
        || (n >= 7
            && (lower.starts_with("me")
                || lower.starts_with("ber")
                || lower.starts_with("di")
                || lower.starts_with("ter"))
            && lower.ends_with("kan"))
}

/// `Moh. Adib Khumaidi`, `Muh. Ali`: a shortened given name before a name.
fn is_short_given(s: &Scan, i: usize) -> bool {
    matches!(s.lw(i), "moh" | "muh" | "moch" | "abd" | "mhd")
}

/// A word that can be part of a name.
fn is_name_word(s: &Scan, i: usize) -> bool {
    if s.kind(i) != Some(TokKind::Word) {
        return false;
    }
    let t = s.t(i);
    if !is_capitalized(t) {
        return false;
    }
    let single_letter = t.len() <= 4 && t.chars().count() == 1;
    if is_all_caps(t) && !single_letter {
        return false;
    }
    if single_letter {
        // An initial (`M. Nuh`, `Lawrence H. Summers`), whatever the letter means alone.
        return s.is_punct(i + 1, ".") && s.tight(i + 1);
    }
    if is_short_given(s, i) && s.is_punct(i + 1, ".") && s.tight(i + 1) {
        return true;
    }
    if s.word(i).is_some_and(|w| w.is_grammar() || w.place_clue || w.ordinal.is_some() || w.speech) {
        return false;
    }
    // Indonesian derived words only in Indonesian text: `Kellerman` is a name.
    let derived = s.lang == crate::article::Lang::Id && looks_derived(s.lw(i));
    if lexicon::titles().contains_key(s.lw(i)) || is_place_word(s, i) || derived {
        return false;
    }
    if possessive(t) {
        let base = bare(s.lw(i));
        if lexicon::places().contains_key(base) || lexicon::word(base).is_some_and(|w| w.place_clue || w.is_grammar()) {
            return false;
        }
    }
    // `anti-Assad`, `pro-Trump`: a prefix word makes it an adjective.
    if i >= 2
        && s.is_punct(i - 1, "-")
        && s.tight(i)
        && s.tight(i - 1)
        && s.is_word(i - 2)
        && !is_capitalized(s.t(i - 2))
        && !s.word(i - 2).is_some_and(|w| w.particle)
    {
        return false;
    }
    true
}

fn is_particle(s: &Scan, i: usize) -> bool {
    s.kind(i) == Some(TokKind::Word) && !is_capitalized(s.t(i)) && s.word(i).is_some_and(|w| w.particle)
}

/// `al-Assad`, `bin Salman`: a particle that opens a name.
fn particle_starts_name(s: &Scan, i: usize) -> bool {
    if !is_particle(s, i) {
        return false;
    }
    let mut j = i;
    while s.on_line(j + 1) && is_particle(s, j) {
        j = if s.is_punct(j + 1, "-") && s.tight(j + 1) { j + 2 } else { j + 1 };
    }
    // `von der Leyen told lawmakers`: particles open the sentence only before a name.
    let opens = s.info[i].sentence_start && j > i + 1;
    s.on_line(j) && is_name_word(s, j) && ((i > 0 && is_name_word(s, i - 1)) || opens)
}

/// `[Volodymyr] Zelenskyy`: a name completed inside a quotation.
fn bracket_starts_name(s: &Scan, i: usize) -> bool {
    s.is_punct(i, "[") && is_name_word(s, i + 1) && s.is_punct(i + 2, "]") && s.on_line(i + 3) && is_name_word(s, i + 3)
}

/// The title starting at token `i` (longest match, up to four words).
fn title_at(s: &Scan, i: usize) -> Option<(TitleKind, usize)> {
    if !s.word(i).is_some_and(|w| w.title_start) {
        return None;
    }
    let titles = lexicon::titles();
    let mut best = None;
    let mut key = String::new();
    let mut j = i;
    for n in 0..4 {
        if n > 0 {
            if !s.on_line(j) {
                break;
            }
            if s.is_punct(j, "-") && s.tight(j) {
                key.push('-');
                j += 1;
            } else {
                key.push(' ');
            }
        }
        if s.kind(j) != Some(TokKind::Word) {
            break;
        }
        key.push_str(s.lw(j));
        if let Some(&k) = titles.get(key.as_str()) {
            let mut next = j + 1;
            // `Dr.`, `Mr.`: an abbreviation's point, not a sentence's end (`keterangan
            // empat menteri. Sidang itu …`).
            if s.is_punct(next, ".") && s.tight(next) && !s.info.get(next + 1).is_some_and(|t| t.sentence_start) {
                next += 1;
            }
            best = Some((k, next));
        }
        j += 1;
    }
    best
}

/// A place of up to three words at `i`: (next token).
fn place_at(s: &Scan, i: usize) -> Option<usize> {
    let mut best = None;
    let mut key = String::new();
    for n in 0..3 {
        let j = i + n;
        if (n > 0 && !s.on_line(j)) || s.kind(j) != Some(TokKind::Word) || !is_capitalized(s.t(j)) {
            break;
        }
        if n > 0 {
            key.push(' ');
        }
        key.push_str(s.lw(j));
        if lexicon::places().contains_key(key.as_str()) {
            best = Some(j + 1);
        }
    }
    // `Sumatera Barat`, `Jawa Timur`: a compass word after a place is part of it.
    let end = best?;
    if s.on_line(end)
        && is_capitalized(s.t(end))
        && matches!(s.lw(end), "barat" | "timur" | "utara" | "selatan" | "tengah" | "raya" | "laut" | "daya")
    {
        return Some(end + 1);
    }
    best
}

fn is_portfolio(s: &Scan, i: usize) -> bool {
    s.kind(i) == Some(TokKind::Word) && is_capitalized(s.t(i)) && lexicon::PORTFOLIOS.contains(&s.lw(i))
}

/// `Badan Nasional Penanggulangan Bencana (BNPB)`: capitalised words followed
/// by an acronym in brackets name an organisation. Returns the token after `)`.
fn org_with_acronym(s: &Scan, i: usize) -> Option<usize> {
    let mut j = i;
    while s.on_line(j)
        && s.kind(j) == Some(TokKind::Word)
        && (is_capitalized(s.t(j)) || matches!(s.lw(j), "dan" | "and" | "of" | "untuk"))
    {
        j += 1;
    }
    if j > i && s.is_punct(j, "(") && is_acronym(s, j + 1) && s.is_punct(j + 2, ")") {
        Some(j + 3)
    } else {
        None
    }
}

fn is_acronym(s: &Scan, i: usize) -> bool {
    s.kind(i) == Some(TokKind::Word) && is_all_caps(s.t(i)) && s.t(i).chars().count() >= 2
}

/// First letters of the words `from..to` (`Agus Harimurti Yudhoyono` → `AHY`,
/// `Shin Tae-yong` → `STY`).
fn initials(s: &Scan, from: usize, to: usize) -> String {
    (from..to)
        .filter(|&t| s.kind(t) == Some(TokKind::Word))
        .filter_map(|t| s.t(t).chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Two capitals before a name (`JD Vance`) that are no known place.
fn is_initials(s: &Scan, i: usize) -> bool {
    s.t(i).len() == 2 && !is_place_word(s, i) && s.on_line(i + 1) && s.toks[i + 1].gap && is_name_word(s, i + 1)
}

fn is_connector(s: &Scan, i: usize) -> bool {
    matches!(s.lw(i), "untuk" | "di" | "dari" | "of" | "for" | "the" | "at" | "urusan" | "bidang")
}

fn is_orgish(s: &Scan, i: usize) -> bool {
    s.word(i).is_some_and(|w| w.place_clue || w.org_tail) || is_place_word(s, i)
}

/// A title, its complement, and the name after them. Returns the mention
/// (if a name follows) and the token to continue from.
fn titled_at(s: &Scan, i: usize) -> Option<(Option<Mention>, usize)> {
    let (kind, after_title) = title_at(s, i)?;
    // Honorifics and lowercase common titles need a name right after them.
    let mut j = after_title;
    let mut comp_end = after_title;
    // Complement: places, acronyms, organisation phrases, connectors.
    loop {
        if !s.on_line(j) {
            break;
        }
        if let Some(n) = place_at(s, j) {
            j = n;
            comp_end = j;
            continue;
        }
        if is_acronym(s, j) && !s.word(j).is_some_and(|w| w.place_clue) {
            if kind == TitleKind::Office && is_initials(s, j) {
                break; // `Vice-President JD Vance`: initials, not an organisation
            }
            if j > after_title && name_prefix_at(s, j).is_some() {
                break; // `Kepala BIN AM Hendropriyono`: after the organisation, initials
            }
            j += 1;
            comp_end = j;
            continue;
        }
        if kind != TitleKind::Honorific && is_portfolio(s, j) {
            j += 1;
            comp_end = j;
            // `Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi`, `Pemuda dan Olahraga`.
            let mut k = j;
            if s.is_punct(k, ",") {
                k += 1;
            }
            if matches!(s.lw(k), "dan" | "and" | "&") {
                k += 1;
            }
            if k > j && s.on_line(k) && is_portfolio(s, k) {
                j = k;
            }
            continue;
        }
        if let Some(n) = org_with_acronym(s, j) {
            // `Palang Merah Indonesia (PMI) Jusuf Kalla`: a name follows the organisation.
            let name_follows = s.on_line(n) && (is_name_word(s, n) || title_at(s, n).is_some() || s.is_punct(n, ","));
            if name_follows {
                j = n;
                comp_end = j;
                continue;
            }
            // Nothing follows: the bracket holds the alias of the name ending the
            // words (`Partai Demokrat Agus Harimurti Yudhoyono (AHY)`), found by its initials.
            let open = n - 3;
            let acronym = s.t(open + 1);
            if let Some(k) = (j + 1..open).find(|&k| initials(s, k, open) == acronym) {
                comp_end = k;
            }
            break;
        }
        // `Presiden keenam RI`, `Presiden ke-7`: an ordinal belongs to the title.
        if j == after_title && s.lw(j).starts_with("ke") && s.t(j).chars().all(|c| c.is_lowercase()) {
            let rest = &s.lw(j)[2..];
            let ordinal = lexicon::word(rest).is_some_and(|w| w.number.is_some())
                || (rest.is_empty() && s.is_punct(j + 1, "-") && s.is_num(j + 2));
            if ordinal {
                j += if rest.is_empty() { 3 } else { 1 };
                comp_end = j;
                continue;
            }
        }
        if kind != TitleKind::Honorific && s.word(j).is_some_and(|w| w.place_clue) && is_capitalized(s.t(j)) {
            // An organisation or building: `Gedung Putih`, `Timnas Indonesia`.
            let clue = j;
            j += 1;
            loop {
                if !s.on_line(j) || s.kind(j) != Some(TokKind::Word) {
                    break;
                }
                // A rank after the organisation (`Kepala Polri Jenderal`) ends it.
                if title_at(s, j).is_some() {
                    break;
                }
                if is_capitalized(s.t(j))
                    && !is_all_caps(s.t(j))
                    && !(s.t(j).chars().count() == 1 && s.is_punct(j + 1, "."))
                {
                    j += 1;
                    // `Perserikatan Bangsa-Bangsa`
                    if s.is_punct(j, "-")
                        && s.tight(j)
                        && s.tight(j + 1)
                        && s.is_word(j + 1)
                        && is_capitalized(s.t(j + 1))
                    {
                        j += 1;
                    }
                } else if s.is_punct(j, ",")
                    && s.on_line(j + 1)
                    && (is_portfolio(s, j + 1) || (s.is(j + 1, "dan") && is_portfolio(s, j + 2)))
                {
                    // `Pusat Data, Informasi, dan Komunikasi`
                    j += if s.is(j + 1, "dan") { 2 } else { 1 };
                } else if matches!(s.lw(j), "dan" | "and" | "of" | "untuk")
                    && s.on_line(j + 1)
                    && is_capitalized(s.t(j + 1))
                    && !is_all_caps(s.t(j + 1))
                {
                    // `Pusat Data dan Informasi`
                    j += 1;
                } else {
                    break;
                }
            }
            // A long phrase that ran into lowercase text swallowed the name:
            // `Kepala Staf Gedung Putih Reince Priebus mengatakan`.
            let stopped_by_text = s.on_line(j) && s.is_word(j) && !is_all_caps(s.t(j)) && title_at(s, j).is_none();
            if stopped_by_text && is_particle(s, j) && j - clue >= 2 {
                // `Pelatih Manchester United Erik ten Hag`: the name began just before the particle.
                j -= 1;
            } else if stopped_by_text && j - clue >= 3 {
                // The name starts after the last portfolio or clue word, if that
                // leaves one to three words; else it is the last two.
                let cut = (clue + 1..j).rev().find(|&t| is_portfolio(s, t) || s.word(t).is_some_and(|w| w.place_clue));
                let clue_cut = cut.is_some_and(|c| !is_portfolio(s, c));
                j = match cut {
                    // After a clue word (`Kejaksaan Agung Harli Siregar`) the clue keeps a word.
                    Some(c) if clue_cut && j - c > 2 => j - (j - c - 2).min(2),
                    Some(c) if (1..=3).contains(&(j - c - 1)) => c + 1,
                    // The clue word needs a word of its own (`Mahkamah Agung Sunarto`,
                    // `Gedung Putih Reince Priebus`): the name is the rest, two words at most.
                    _ => {
                        let n = (j - clue - 2).min(2);
                        if (j - n..j).all(|t| is_name_word(s, t)) {
                            j - n
                        } else {
                            j
                        }
                    }
                };
            }
            comp_end = j;
            continue;
        }
        if comp_end > after_title
            && is_connector(s, j)
            && s.on_line(j + 1)
            && (place_at(s, j + 1).is_some()
                || is_acronym(s, j + 1)
                || s.word(j + 1).is_some_and(|w| w.place_clue)
                || is_portfolio(s, j + 1))
        {
            j += 1;
            continue;
        }
        break;
    }
    // A rank after an office (`Kepala Polri Jenderal`, `KSAL Laksamana`) belongs to the role.
    while s.on_line(comp_end) {
        match title_at(s, comp_end) {
            Some((_, n)) if n > comp_end => {
                comp_end = n;
                // `Letjen TNI`, `Marsekal Madya (Purn)`: the rank's own complement.
                loop {
                    if s.on_line(comp_end) && is_acronym(s, comp_end) && !is_initials(s, comp_end) {
                        comp_end += 1;
                    } else if s.is_punct(comp_end, "(") && s.is_word(comp_end + 1) && s.is_punct(comp_end + 2, ")") {
                        comp_end += 3;
                    } else {
                        break;
                    }
                }
            }
            _ => break,
        }
    }
    // `Jaksa Agung Muda Tindak Pidana Khusus`: portfolio words after a rank are the role's.
    while s.on_line(comp_end) && is_portfolio(s, comp_end) && kind != TitleKind::Honorific {
        comp_end += 1;
    }
    let mut k = comp_end;
    if s.is_punct(k, ",") && s.on_line(k) {
        k += 1;
    }
    let initials =
        (kind == TitleKind::Office && is_acronym(s, k) && is_initials(s, k)) || name_prefix_at(s, k).is_some();
    if !s.on_line(k) || !(is_name_word(s, k) || bracket_starts_name(s, k) || initials) {
        return Some((None, comp_end.max(i + 1)));
    }
    let (mut run, mut next) = if initials {
        let (mut r, n) = run_at(s, k + 1);
        r.insert(0, k);
        (r, n)
    } else {
        run_at(s, k)
    };
    if run.is_empty() {
        return Some((None, comp_end.max(i + 1)));
    }
    // `Pelatih Manchester United Erik ten Hag`: the run stopped at an
    // organisation word, so it and the run belong to the complement.
    while s.on_line(next)
        && s.is_word(next)
        && is_capitalized(s.t(next))
        && (s.word(next).is_some_and(|w| w.org_tail || w.place_clue) || is_place_word(s, next))
    {
        let mut e = next + 1;
        while s.on_line(e)
            && s.is_word(e)
            && is_capitalized(s.t(e))
            && s.word(e).is_some_and(|w| w.org_tail || w.place_clue)
        {
            e += 1;
        }
        comp_end = e;
        let mut k2 = e;
        if s.is_punct(k2, ",") && s.on_line(k2) {
            k2 += 1;
        }
        if !s.on_line(k2) || !is_name_word(s, k2) {
            return Some((None, e));
        }
        let (r, n) = run_at(s, k2);
        if r.is_empty() {
            return Some((None, e));
        }
        run = r;
        next = n;
    }
    // `Kapolda Metro Jaya Irjen Karyoto`: a rank after the run makes the run the
    // complement, and the name follows the rank.
    if let Some((_, n)) = title_at(s, next).filter(|_| s.on_line(next)) {
        let mut k2 = n;
        while s.on_line(k2) && is_acronym(s, k2) && name_prefix_at(s, k2).is_none() {
            k2 += 1;
        }
        if s.on_line(k2) && is_name_word(s, k2) {
            let (r, nx) = run_at(s, k2);
            if !r.is_empty() {
                comp_end = k2;
                run = r;
                next = nx;
            }
        }
    }
    // `Juru bicara Kremlin, Dmitry Peskov`: a one-word organisation, then the name.
    if kind == TitleKind::Post
        && comp_end == after_title
        && run.len() == 1
        && s.is_punct(next, ",")
        && s.on_line(next + 1)
        && is_name_word(s, next + 1)
    {
        let (run2, next2) = run_at(s, next + 1);
        if run2.len() >= 2 {
            comp_end = next;
            run = run2;
            next = next2;
        }
    }
    // Peel organisation words off the front: `Pelatih Manchester United Erik ten Hag`.
    if let Some(last_org) = run.iter().rposition(|&t| is_orgish(s, t)) {
        if last_org + 1 < run.len() {
            comp_end = run[last_org] + 1;
            run.drain(..=last_org);
        } else {
            return Some((None, next));
        }
    }
    let count_words = |run: &[usize]| {
        run.iter().filter(|&&t| !is_particle(s, t) && is_capitalized(s.t(t)) && s.t(t).chars().count() > 1).count()
    };
    // `Pembalap Ducati Marc Marquez` where the article also writes `Ducati` on its
    // own: the first word names the organisation.
    if kind != TitleKind::Honorific && count_words(&run) >= 3 && run[1] == run[0] + 1 && written_apart(s, run[0]) {
        comp_end = run[0] + 1;
        run.remove(0);
    }
    let words = count_words(&run);
    if kind == TitleKind::Post
        && s.lang == crate::article::Lang::Id
        && lexicon::ORG_TITLES.contains(&title_key(s, i, after_title).as_str())
        && comp_end == after_title
        && words >= 3
    {
        // `Juru bicara Kremlin Dmitry Peskov`: the first word is the organisation.
        comp_end = run[0] + 1;
        run.remove(0);
    }
    let mut role_start = i;
    // English puts the organisation before the title: `Kremlin spokesman`, `Russian President`.
    while role_start > 0
        && s.on_line(role_start)
        && s.kind(role_start - 1) == Some(TokKind::Word)
        && is_capitalized(s.t(role_start - 1))
        && (s.lw(role_start - 1) == "former"
            || !s
                .word(role_start - 1)
                .is_some_and(|w| w.common || w.stop_en || w.month.is_some() || w.weekday.is_some()))
        && s.lang == crate::article::Lang::En
    {
        role_start -= 1;
    }
    let role_end = s.toks[comp_end - 1].end;
    let role = normalize_space(&s.text[s.toks[role_start].start..role_end]);
    let role = role.trim_end_matches([',', ' ', '.']).to_string();
    // `Mr Zelensky`, `Pak Jokowi`: a courtesy, not a role.
    let role = (!lexicon::PLAIN_HONORIFICS.contains(&role.to_ascii_lowercase().as_str())).then_some(role);
    Some((Some(Mention::new(run, role, true)), next))
}

/// Whether the article writes the word at `first` elsewhere on its own after
/// a common noun, as a thing is written (`pekerja Sritex di Sukoharjo`,
/// `program studi anestesi Undip`), and never as people are (`kata Hevearita`,
/// `Hevearita mengatakan`, `dengan Hevearita`).
fn written_apart(s: &Scan, first: usize) -> bool {
    let apart = s.person_memo.apart.get_or_init(|| {
        let capital = |k: usize| s.kind(k) == Some(TokKind::Word) && is_capitalized(s.t(k));
        (1..s.len())
            .filter(|&k| {
                capital(k)
                    && s.on_line(k)
                    && !(s.on_line(k + 1) && capital(k + 1))
                    && s.kind(k - 1) == Some(TokKind::Word)
                    && !is_capitalized(s.t(k - 1))
                    && !s.word(k - 1).is_some_and(|w| w.is_grammar() || w.speech || w.title_start || w.particle)
                    && !lexicon::SPEECH_BEFORE.contains(&s.lw(k - 1))
            })
            .map(|k| s.lw(k).to_string())
            .collect()
    });
    apart.contains(s.lw(first))
}

/// The lowercased words of the title `i..end`, as `lexicon::titles` keys them.
fn title_key(s: &Scan, i: usize, end: usize) -> String {
    (i..end).filter(|&t| s.kind(t) == Some(TokKind::Word)).map(|t| s.lw(t)).collect::<Vec<_>>().join(" ")
}

fn normalize_space(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The capitalised run at `i`: name tokens (brackets skipped) and the next token.
fn run_at(s: &Scan, i: usize) -> (Vec<usize>, usize) {
    let mut toks = Vec::new();
    let mut j = i;
    loop {
        if j > i && !s.on_line(j) {
            break;
        }
        if j > i && title_at(s, j).is_some_and(|(_, n)| !is_name_word(s, j) || n > j + 1) {
            break; // `Japanese Prime Minister`: the title is not part of the run
        }
        if is_name_word(s, j) || (!toks.is_empty() && hyphen_given_name(s, j)) {
            toks.push(j);
            j += 1;
            // `Scholz's`: the possessive ends the name.
            if possessive(s.t(j - 1)) {
                break;
            }
            // Initial: `W.`, `Moh.`
            if (s.t(j - 1).chars().count() == 1 || is_short_given(s, j - 1)) && s.is_punct(j, ".") {
                j += 1;
            }
            // Hyphenated: Jean-Claude, al-Assad
            if s.is_punct(j, "-") && s.tight(j) && s.tight(j + 1) && (is_name_word(s, j + 1) || is_particle(s, j + 1)) {
                j += 1;
            } else if s.is_punct(j, "-")
                && s.tight(j)
                && s.tight(j + 1)
                && s.kind(j + 1) == Some(TokKind::Word)
                && s.t(j + 1).chars().next().is_some_and(|c| c.is_lowercase())
                && s.t(j + 1).chars().count() <= 6
            {
                // Korean and Chinese given names: `Shin Tae-yong`, `Tsai Ing-wen`.
                toks.push(j + 1);
                j += 2;
            }
            continue;
        }
        // A short function word written with a capital inside a sentence is a
        // name's (`Lee Yang/Wang Chi-lin`, `To Lam`), after a name word.
        let capital_grammar = !toks.is_empty()
            && s.kind(j) == Some(TokKind::Word)
            && is_capitalized(s.t(j))
            && !is_all_caps(s.t(j))
            && !s.info[j].sentence_start
            && s.t(j).chars().count() <= 4
            && s.word(j).is_some_and(|w| {
                (w.stop_id || w.stop_en || w.common) && w.month.is_none() && w.weekday.is_none() && w.number.is_none()
            })
            && !lexicon::titles().contains_key(s.lw(j))
            && (!s.on_line(j + 1)
                || s.kind(j + 1) != Some(TokKind::Word)
                || !is_capitalized(s.t(j + 1))
                || is_name_word(s, j + 1));
        if capital_grammar {
            toks.push(j);
            j += 1;
            continue;
        }
        // A capitalised particle inside a name: `Ángel Di María`, `Reema bint Bandar Al Saud`.
        let inner_particle = !toks.is_empty()
            && s.kind(j) == Some(TokKind::Word)
            && is_capitalized(s.t(j))
            && s.word(j).is_some_and(|w| w.particle)
            && s.on_line(j + 1)
            && is_name_word(s, j + 1);
        if inner_particle {
            toks.push(j);
            j += 1;
            continue;
        }
        if is_particle(s, j) && !toks.is_empty() || (toks.is_empty() && j == i && is_particle(s, j)) {
            // Particles may come in a row: `von der Leyen`, `de la Fuente`.
            let mut k = j;
            while s.on_line(k) && is_particle(s, k) {
                k = if s.is_punct(k + 1, "-") && s.tight(k + 1) { k + 2 } else { k + 1 };
            }
            let after_particle =
                s.on_line(k) && s.kind(k) == Some(TokKind::Word) && is_capitalized(s.t(k)) && !is_all_caps(s.t(k));
            if after_particle && (is_name_word(s, k) || !toks.is_empty()) {
                toks.extend((j..k).filter(|&t| s.kind(t) == Some(TokKind::Word)));
                toks.push(k);
                j = k + 1;
                continue;
            }
            break;
        }
        // [Volodymyr] Zelenskyy
        if s.is_punct(j, "[")
            && is_name_word(s, j + 1)
            && s.is_punct(j + 2, "]")
            && s.on_line(j + 3)
            && is_name_word(s, j + 3)
        {
            toks.push(j + 1);
            j += 3;
            continue;
        }
        break;
    }
    // A run of initials alone is no name.
    if toks.iter().all(|&t| s.t(t).chars().count() == 1) {
        toks.clear();
    }
    (toks, j)
}

/// `Sang-sik` of `Kim Sang-sik`: a capitalised syllable joined to a lowercase
/// one is a given name, even when the syllable alone is a word (`sang`).
fn hyphen_given_name(s: &Scan, j: usize) -> bool {
    s.kind(j) == Some(TokKind::Word)
        && is_capitalized(s.t(j))
        && !is_all_caps(s.t(j))
        && s.is_punct(j + 1, "-")
        && s.tight(j + 1)
        && s.tight(j + 2)
        && s.kind(j + 2) == Some(TokKind::Word)
        && s.t(j + 2).chars().next().is_some_and(|c| c.is_lowercase())
        && s.t(j + 2).chars().count() <= 6
        && !is_particle(s, j + 2)
}

/// Mentions from a run with no title before it; `next` is the token after the run.
fn untitled(
    s: &Scan,
    mut run: Vec<usize>,
    next: usize,
    places_here: &std::collections::HashSet<String>,
) -> Vec<Mention> {
    if run.is_empty() {
        return Vec::new();
    }
    // `Kecerdasan Buatan`, `Jakarta International Stadium`, `Getty Images`: a
    // clue word anywhere in the run makes it a thing, not a person.
    if run.iter().any(|&t| is_orgish(s, t) || s.word(t).is_some_and(|w| w.org_tail)) {
        return Vec::new();
    }
    // Next to a clue or a place word, with nothing between: `Paris
    // Saint-Germain`, `Persija Jakarta`, `Adaro Energy`, `Toyota Motor`.
    let thing_word = |t: usize| {
        s.on_line(t)
            && s.kind(t) == Some(TokKind::Word)
            && is_capitalized(s.t(t))
            && !possessive(s.t(t))
            && (is_orgish(s, t) || s.word(t).is_some_and(|w| w.org_tail))
    };
    let first = run[0];
    let clue_before = first > 0
        && s.on_line(first)
        && !s.info[first].line_start
        && thing_word(first - 1)
        && !is_place_word(s, first - 1);
    if clue_before || (!possessive(s.t(*run.last().unwrap())) && thing_word(next)) {
        return Vec::new();
    }
    let key = key_of(s, &run);
    if places_here.contains(&key) || lexicon::places().contains_key(key.as_str()) || quoted_title(s, first) {
        return Vec::new();
    }
    // `Al-Nassr`: a particle and one word is a surname at most, known only from a full name.
    if run.len() >= 2
        && run.iter().filter(|&&t| is_capitalized(s.t(t)) && !s.word(t).is_some_and(|w| w.particle)).count() < 2
    {
        return Vec::new();
    }
    while run.first().is_some_and(|&t| is_particle(s, t)) {
        run.remove(0);
    }
    if run.is_empty() {
        return Vec::new();
    }
    let mut m = Mention::new(run, None, false);
    m.cued = m.toks.len() == 1 && speech_cue(s, m.toks[0]) && !takes_article(s, m.toks[0]);
    vec![m]
}

/// A run that opens a quotation holding no lowercase word is the title of a
/// work (`"Laskar Pelangi"`, `"Pengabdi Setan 2: Communion"`), not a person.
fn quoted_title(s: &Scan, first: usize) -> bool {
    let quote = |k: usize| {
        s.kind(k) == Some(TokKind::Punct)
            && matches!(s.t(k), "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2018}" | "\u{2019}")
    };
    if first == 0 || !quote(first - 1) || !s.tight(first) {
        return false;
    }
    let mut k = first;
    while s.on_line(k) {
        if quote(k) {
            return true;
        }
        if s.kind(k) == Some(TokKind::Word)
            && !is_capitalized(s.t(k))
            && !s.word(k).is_some_and(|w| w.particle || w.stop_id || w.stop_en)
        {
            return false;
        }
        k += 1;
    }
    false
}

/// People take no article: a word the text writes after `the` (`the
/// Kremlin`, `the Pentagon`) is a place or an institution.
fn takes_article(s: &Scan, i: usize) -> bool {
    let after_the = s
        .person_memo
        .after_the
        .get_or_init(|| (1..s.len()).filter(|&k| s.lw(k - 1) == "the").map(|k| s.lw(k).to_string()).collect());
    after_the.contains(s.lw(i))
}

/// A one-word name with a verb of saying next to it: `kata Bahlil`, `said
/// Starmer`, `menurut Tito`, `according to Lagarde`, `Budi menilai`, `Reeves said`.
fn speech_cue(s: &Scan, i: usize) -> bool {
    let t = s.t(i);
    if is_all_caps(t) || t.chars().count() < 3 {
        return false;
    }
    let lower_text =
        |k: usize| s.kind(k) == Some(TokKind::Word) && s.t(k).chars().next().is_some_and(|c| c.is_lowercase());
    let before = i > 0
        && s.on_line(i)
        && !s.info[i].line_start
        && ((lexicon::SPEECH_BEFORE.contains(&s.lw(i - 1)) && (lower_text(i - 1) || s.lw(i - 1) == "menurut"))
            || (i > 1 && s.seq(i - 2, &["according", "to"])));
    let ends = !s.on_line(i + 1) || s.kind(i + 1) != Some(TokKind::Word) || lower_text(i + 1);
    if before && ends {
        return true;
    }
    // Institutions speak as subjects too (`Kremlin mengatakan`) and the article
    // names them again and again without a title; a person named once that way is a person.
    if s.count(s.lw(i)) > 1 {
        return false;
    }
    let opens = s.info[i].sentence_start
        || s.info[i].line_start
        || (i > 0
            && (s.kind(i - 1) == Some(TokKind::Punct) || matches!(s.lw(i - 1), "dan" | "and" | "bahwa" | "that")));
    opens && s.on_line(i + 1) && lower_text(i + 1) && lexicon::SUBJECT_VERBS.contains(&s.lw(i + 1))
}

#[cfg(test)]
mod tests {
    use crate::claims::{extract, Options, Value};
    use chrono::NaiveDate;

    fn people(text: &str) -> Vec<String> {
        let ex = extract(text, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
        ex.claims
            .iter()
            .filter_map(|c| match &c.value {
                Value::Person(p) => Some(p.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_run_whose_words_the_text_writes_in_lowercase_is_no_person() {
        let v = people(
            "Mogok Aktor Hollywood Berakhir\n\nMogok aktor Hollywood berakhir. Para aktor mogok selama 118 hari.\n",
        );
        assert!(v.iter().all(|p| !p.contains("Mogok")), "{v:?}");
        // One common word in a name is no reason: `putri` is a word, Putri a name.
        let v = people("Jaksa menuntut Putri Candrawathi. Ia putri seorang pengusaha.\n");
        assert!(v.iter().any(|p| p == "Putri Candrawathi"), "{v:?}");
    }

    /// Each recognition rule, in both languages: the text and the people found in it.
    #[test]
    fn recognition_rules() {
        let cases: &[(&str, &[&str])] = &[
            // Verbs of saying before and after a one-word name.
            ("Pemerintah tidak akan mundur, kata Bahlil di Jakarta.", &["Bahlil"]),
            ("Menurut Tito, inflasi harus dibahas.", &["Tito"]),
            ("Budi menilai program itu berhasil.", &["Budi"]),
            ("Britain will stand with Ukraine, said Starmer in Kyiv.", &["Starmer"]),
            ("The bank would wait, according to Lagarde.", &["Lagarde"]),
            // An institution said again and again is no person.
            ("Kremlin mengatakan kedua pihak sepakat. Dalam pernyataan itu, Kremlin menyebutkan detail.", &[]),
            // Aliases tied to the full name.
            (
                "Ketua Umum Partai Demokrat Agus Harimurti Yudhoyono (AHY) dilantik. AHY mengatakan mafia tanah jadi prioritas.",
                &["Agus Harimurti Yudhoyono", "Agus Harimurti Yudhoyono", "Agus Harimurti Yudhoyono"],
            ),
            ("Former Mexican president Andres Manuel Lopez Obrador, known as AMLO, left office.", &["Andres Manuel Lopez Obrador", "Andres Manuel Lopez Obrador"]),
            // Initials and suffixes.
            ("Ketua Dewan Pers M. Nuh meminta media menjaga independensi.", &["M. Nuh"]),
            ("Anggota Komisi I DPR TB Hasanuddin meminta penjelasan.", &["TB Hasanuddin"]),
            ("Robert F. Kennedy Jr. was confirmed by the Senate.", &["Robert F. Kennedy Jr."]),
            ("Gubernur Sri Sultan Hamengku Buwono X meminta warga tenang.", &["Hamengku Buwono X"]),
            ("Gubernur Bali I Wayan Koster menyatakan pungutan berlaku.", &["I Wayan Koster"]),
            // Long titles, titles with places, ranks after a complement.
            ("Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nadiem Anwar Makarim hadir.", &["Nadiem Anwar Makarim"]),
            ("Kapolda Metro Jaya Irjen Karyoto mengumumkan tersangka.", &["Karyoto"]),
            ("Ketua Mahkamah Agung Sunarto meminta hakim menjauhi pertemuan.", &["Sunarto"]),
            ("Japanese Prime Minister Shigeru Ishiba met Denmark's Viktor Axelsen.", &["Shigeru Ishiba", "Viktor Axelsen"]),
            // Particles and given names joined by hyphens.
            ("Ursula von der Leyen tiba. Pelatih Shin Tae-yong dan Luis de la Fuente hadir.", &["Ursula von der Leyen", "Shin Tae-yong", "Luis de la Fuente"]),
            // Places, clubs, companies, buildings, works: no person.
            ("Laga digelar di Stadion Utama Gelora Bung Karno dan Jalan Gatot Subroto ditutup.", &[]),
            ("Persija Jakarta menjamu Arema FC; Toyota Motor dan PT Pertamina (Persero) jadi sponsor.", &[]),
            ("Film \"Laskar Pelangi\" diputar di Piala Sudirman.", &[]),
            ("Kontingen tiba di Labuan Bajo. Labuan Bajo ramai.", &[]),
        ];
        for (text, want) in cases {
            let got = people(&format!("Berita\n\n{text}\n"));
            assert_eq!(&got, want, "{text}");
        }
        // English surnames that look like Indonesian derived words are names in English.
        let got = people("The hearing\n\nJudge Sarah Kellerman and Senator Tom Perelman met Ann Sherman on Monday.\n");
        assert_eq!(got, ["Sarah Kellerman", "Tom Perelman", "Ann Sherman"]);
    }
}
