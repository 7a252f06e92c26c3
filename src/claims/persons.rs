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

/// One mention before resolution.
#[derive(Debug, Clone)]
struct Mention {
    /// Tokens of the name (brackets excluded), in order.
    toks: Vec<usize>,
    role: Option<String>,
    titled: bool,
}

/// Finds every person mention of an article.
pub fn find(s: &Scan) -> Vec<(Span, PersonValue)> {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut heading_runs: Vec<Vec<usize>> = Vec::new();
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
        if is_name_word(s, i) || particle_starts_name(s, i) || bracket_starts_name(s, i) {
            let (run, next) = run_at(s, i);
            mentions.extend(untitled(s, run));
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }

    // A capitalised run two of whose words the text also writes in lowercase is a
    // heading or a thing, not a person (`Mogok Aktor Hollywood` over `mogok aktor`,
    // `Pangkalan Udara`); one such word is common in names (`Putri`, `Bintang`).
    let lowercase: std::collections::HashSet<&str> =
        (0..s.len()).filter(|&i| s.t(i).chars().next().is_some_and(|c| c.is_lowercase())).map(|i| s.lw(i)).collect();
    mentions.retain(|m| {
        m.titled || m.toks.len() < 2 || m.toks.iter().filter(|&&t| lowercase.contains(s.lw(t))).count() < 2
    });
    heading_runs.retain(|r| r.len() < 2 || r.iter().filter(|&&t| lowercase.contains(s.lw(t))).count() < 2);

    // Full names of the article.
    let mut names = FullNames::default();
    for m in mentions.iter().filter(|m| m.toks.len() >= 2) {
        let key: Vec<String> = m.toks.iter().map(|&t| fold(s.t(t))).collect();
        names.add(key, || display(s, &m.toks), m.toks[0], m.titled);
    }
    // A one-word name a title introduced (`Letjen TNI Suharyanto`) is known
    // from then on (`kata Suharyanto`), unless it shortens a full name.
    for m in mentions.iter().filter(|m| m.toks.len() == 1 && m.titled) {
        let key = vec![fold(s.t(m.toks[0]))];
        if !names.by_last.contains_key(&key[0]) && !names.by_first.contains_key(&key[0]) {
            names.add(key, || s.t(m.toks[0]).to_string(), m.toks[0], true);
        }
    }

    // A heading may hold the only full form of a name the body uses alone:
    // `Donald Trump dan Vladimir Putin Bahas ...` above `... dengan Putin.`
    let singles: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.toks.len() == 1)
        .map(|m| fold(s.t(m.toks[0])))
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

    let mut shared = Shared::default();
    let mut out = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let span = Span::new(s.toks[m.toks[0]].start, s.toks[*m.toks.last().unwrap()].end);
        let span = widen_brackets(s, span, &m.toks);
        if m.toks.len() >= 2 {
            let name = display(s, &m.toks);
            out.push((span, shared.value(name, m.role.clone())));
            continue;
        }
        let tok = fold(s.t(m.toks[0]));
        match names.resolve_single(&tok, m.toks[0]) {
            Some(name) => out.push((span, shared.value(name, m.role.clone()))),
            None if m.titled => {
                let name = s.t(m.toks[0]).to_string();
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

fn display(s: &Scan, toks: &[usize]) -> String {
    let mut out = String::new();
    for (n, &t) in toks.iter().enumerate() {
        if n > 0 {
            let prev = toks[n - 1];
            // Joined by a hyphen in the text: al-Assad, Jean-Claude.
            if t == prev + 2 && s.is_punct(prev + 1, "-") && s.tight(prev + 1) && s.tight(t) {
                out.push('-');
            } else {
                out.push(' ');
            }
        }
        out.push_str(s.t(t));
    }
    out
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
    if single_letter && !(s.is_punct(i + 1, ".") && s.tight(i + 1)) {
        return false;
    }
    if s.word(i).is_some_and(|w| w.is_grammar() || w.place_clue || w.ordinal.is_some() || w.speech) {
        return false;
    }
    if lexicon::titles().contains_key(s.lw(i)) || is_place_word(s, i) || looks_derived(s.lw(i)) {
        return false;
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
    if !is_particle(s, i) || s.info[i].sentence_start {
        return false;
    }
    let j = if s.is_punct(i + 1, "-") && s.tight(i + 1) { i + 2 } else { i + 1 };
    s.on_line(j) && is_name_word(s, j) && i > 0 && is_name_word(s, i - 1)
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
            // `Dr.`, `Mr.`
            if s.is_punct(next, ".") && s.tight(next) {
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
    s.kind(i) == Some(TokKind::Word) && is_all_caps(s.t(i))
}

/// Two capitals before a name (`JD Vance`) that are no known place.
fn is_initials(s: &Scan, i: usize) -> bool {
    s.t(i).len() == 2 && !is_place_word(s, i) && s.on_line(i + 1) && s.toks[i + 1].gap && is_name_word(s, i + 1)
}

fn is_connector(s: &Scan, i: usize) -> bool {
    matches!(s.lw(i), "untuk" | "di" | "dari" | "of" | "for" | "the" | "at" | "urusan" | "bidang")
}

fn is_patronymic(lower: &str) -> bool {
    ["vich", "vych", "ovna", "evna", "ivna", "ovich", "yevich"].iter().any(|e| lower.ends_with(e))
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
        if is_acronym(s, j) {
            if kind == TitleKind::Office && is_initials(s, j) {
                break; // `Vice-President JD Vance`: initials, not an organisation
            }
            j += 1;
            comp_end = j;
            continue;
        }
        if kind != TitleKind::Honorific && is_portfolio(s, j) {
            j += 1;
            comp_end = j;
            continue;
        }
        if let Some(n) = org_with_acronym(s, j) {
            j = n;
            comp_end = j;
            continue;
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
                if is_capitalized(s.t(j)) && !is_all_caps(s.t(j)) {
                    j += 1;
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
            let stopped_by_text = s.on_line(j) && s.is_word(j) && !is_all_caps(s.t(j));
            if stopped_by_text && j - clue >= 3 {
                j -= 2;
            }
            comp_end = j;
            continue;
        }
        if comp_end > after_title
            && is_connector(s, j)
            && s.on_line(j + 1)
            && (place_at(s, j + 1).is_some() || is_acronym(s, j + 1) || s.word(j + 1).is_some_and(|w| w.place_clue))
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
    let mut k = comp_end;
    if s.is_punct(k, ",") && s.on_line(k) {
        k += 1;
    }
    let initials = kind == TitleKind::Office && is_acronym(s, k) && is_initials(s, k);
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
        && s.word(next).is_some_and(|w| w.org_tail || w.place_clue)
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
    let words = run.iter().filter(|&&t| !is_particle(s, t)).count();
    if kind == TitleKind::Post && comp_end == after_title && words >= 3 && !run.iter().any(|&t| is_patronymic(s.lw(t)))
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
        && !s.word(role_start - 1).is_some_and(|w| w.common || w.stop_en || w.month.is_some() || w.weekday.is_some())
        && s.lang == crate::article::Lang::En
    {
        role_start -= 1;
    }
    let role_end = s.toks[comp_end - 1].end;
    let role = normalize_space(&s.text[s.toks[role_start].start..role_end]);
    let role = role.trim_end_matches([',', ' ', '.']).to_string();
    // `Mr Zelensky`, `Pak Jokowi`: a courtesy, not a role.
    let role = (!lexicon::PLAIN_HONORIFICS.contains(&role.to_ascii_lowercase().as_str())).then_some(role);
    Some((Some(Mention { toks: run, role, titled: true }), next))
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
        if j > i && title_at(s, j).is_some() && !is_name_word(s, j) {
            break;
        }
        if is_name_word(s, j) {
            toks.push(j);
            j += 1;
            // Initial: `W.`
            if s.t(j - 1).chars().count() == 1 && s.is_punct(j, ".") {
                j += 1;
            }
            // Hyphenated: Jean-Claude, al-Assad
            if s.is_punct(j, "-") && s.tight(j) && s.tight(j + 1) && (is_name_word(s, j + 1) || is_particle(s, j + 1)) {
                j += 1;
            }
            continue;
        }
        if is_particle(s, j) && !toks.is_empty() || (toks.is_empty() && j == i && is_particle(s, j)) {
            let k = if s.is_punct(j + 1, "-") && s.tight(j + 1) { j + 2 } else { j + 1 };
            if s.on_line(k) && is_name_word(s, k) {
                toks.push(j);
                j = k;
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

/// Mentions from a run with no title before it.
fn untitled(s: &Scan, mut run: Vec<usize>) -> Vec<Mention> {
    if run.is_empty() {
        return Vec::new();
    }
    // `Kecerdasan Buatan`, `Perang Dunia`: a clue or derived word anywhere
    // after the name part makes the run a thing, not a person.
    if let Some(last_org) = run.iter().rposition(|&t| is_orgish(s, t) || s.word(t).is_some_and(|w| w.org_tail)) {
        run.drain(..=last_org);
    }
    // An organisation tail at the end: `Getty Images`, `Truth Social`.
    if run.last().is_some_and(|&t| s.word(t).is_some_and(|w| w.org_tail || w.place_clue)) {
        return Vec::new();
    }
    while run.first().is_some_and(|&t| is_particle(s, t)) {
        run.remove(0);
    }
    if run.is_empty() {
        return Vec::new();
    }
    // Following words give the run away as a thing (`Getty Images`, `Truth Social`).
    vec![Mention { toks: run, role: None, titled: false }]
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
}
