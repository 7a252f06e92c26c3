//! The corpus, indexed for checking: source articles with their claims,
//! word profiles, and events (articles grouped
//! by the story they report, from their dates, people and wording).

use crate::claims::{self, DateValue, DurationValue, Extracted, Options, Value};
use crate::context;
use crate::happenings::{self, Kind, Role};
use crate::lexicon::HashMap;
use crate::text::LineIndex;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A sparse vector of term weights, sorted by term id.
pub type Sparse = Vec<(u32, f32)>;

pub fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn normalize(v: &mut Sparse) {
    let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            x.1 /= n;
        }
    }
}

/// Terms of the corpus: words (stemmed) and people (`p:` + folded name).
#[derive(Default, Debug)]
pub struct Terms {
    ids: HashMap<String, u32>,
    /// Articles each term occurs in.
    df: Vec<u32>,
}

impl Terms {
    fn id(&mut self, t: &str) -> u32 {
        if let Some(&i) = self.ids.get(t) {
            return i;
        }
        let i = self.df.len() as u32;
        self.ids.insert(t.to_string(), i);
        self.df.push(0);
        i
    }
    pub fn get(&self, t: &str) -> Option<u32> {
        self.ids.get(t).copied()
    }
    fn idf(&self, id: u32, n: usize) -> f32 {
        let df = self.df.get(id as usize).copied().unwrap_or(0) as f32;
        ((n as f32 + 1.0) / (df + 1.0)).ln() + 0.1
    }
}

/// One source article of the corpus.
#[derive(Debug)]
pub struct SourceDoc {
    pub path: PathBuf,
    /// The absolute path, for links.
    pub abs_path: PathBuf,
    /// The file name, for messages.
    pub name: String,
    /// The outlet from front matter or a `Name | Outlet` byline, if any.
    pub outlet: Option<String>,
    pub ex: Extracted,
    pub index: LineIndex,
    /// The zones its writer's clock may keep (dateline, the zones it names).
    pub zones: Vec<chrono_tz::Tz>,
    pub place: Option<String>,
    pub profile: Sparse,
    /// The article's own date for grouping: its reference date before any story date.
    pub anchor: Option<NaiveDate>,
    pub event: usize,
    /// The article states no date of its own: its relative dates were read
    /// against its event's date, so they confirm nothing.
    pub lent_date: bool,
}

impl SourceDoc {
    /// The one name of this source in every message and card: its outlet, else its file name.
    pub fn label(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.name)
    }
}

/// Articles that report one event.
#[derive(Debug, Clone)]
pub struct Event {
    pub members: Vec<usize>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub centroid: Sparse,
    /// The words that weigh most in the event, for display.
    pub label: Vec<String>,
}

/// Spellings of persons across the corpus.
#[derive(Debug, Clone)]
pub struct Spelling {
    pub name: String,
    /// (source, claim index) of each mention written in full.
    pub mentions: Vec<(usize, usize)>,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub sources: Vec<SourceDoc>,
    pub events: Vec<Event>,
    pub terms: Terms,
    /// Folded name → spelling.
    pub spellings: HashMap<String, Spelling>,
    /// Canonical path → source.
    paths: HashMap<PathBuf, usize>,
    /// Spelling keys by the transliterated last word of the name, and by each
    /// one-letter deletion of it: finds variants without comparing every name.
    by_surname: HashMap<u64, Vec<u32>>,
    /// Spelling keys in index order, for `by_surname`.
    spelling_keys: Vec<String>,
    /// Every day some source states.
    stated_days: crate::lexicon::HashSet<NaiveDate>,
    /// The happenings the sources speak of, merged across articles and languages.
    pub happenings: Vec<Happening>,
    /// Happenings by kind family, for finding a draft's candidates.
    by_family: HashMap<Kind, Vec<u32>>,
    /// Dated happenings by family, in date order (first day, happening).
    by_family_date: HashMap<Kind, Vec<(NaiveDate, u32)>>,
    /// Happenings by the people in them.
    by_person: HashMap<Arc<str>, Vec<u32>>,
    /// Each role the sources write before a name → the people (folded) they give it to.
    pub roles: HashMap<String, Vec<Arc<str>>>,
}

/// A happening of the corpus: mentions of one kind, people and date, from
/// every article that speaks of it.
#[derive(Debug, Clone)]
pub struct Happening {
    pub kind: Kind,
    /// Its date: the most precise `when` date its articles give.
    pub date: Option<DateValue>,
    pub people: Vec<Arc<str>>,
    /// The articles that speak of it, with their local happening.
    pub members: Vec<(u32, u32)>,
    /// Its claims: (source, claim, role).
    pub claims: Vec<(u32, u32, Role)>,
}

/// The transliterated last word of a name and its one-letter deletions, hashed.
pub fn surname_keys(name: &str) -> Vec<u64> {
    crate::names::deletion_hashes(name.split_whitespace().last().unwrap_or(""))
}

/// An article's terms with their weights, in the order first met.
pub type ArticleTerms = Vec<(String, f32)>;

/// Terms of an article: stemmed content words and people, with counts, in
/// the order they are first met (so that interning them article after
/// article gives every term the same id however the articles were read).
pub fn article_terms(ex: &Extracted) -> ArticleTerms {
    // Term → (order first met, weight).
    let mut at: HashMap<String, (u32, f32)> = HashMap::default();
    let mut add = |t: &str, w: f32| match at.get_mut(t) {
        Some(e) => e.1 += w,
        None => {
            let order = at.len() as u32;
            at.insert(t.to_string(), (order, w));
        }
    };
    let mut lw = String::new();
    for l in &ex.article.lines {
        if !matches!(l.kind, crate::article::LineKind::Content { .. }) {
            continue;
        }
        let line = &ex.article.text[l.span.start..l.span.end];
        let mut sentence_start = true;
        for piece in line.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let w = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
            let tail = &piece[w.len()..];
            let starts = sentence_start;
            if !w.is_empty() {
                sentence_start = false;
            }
            if tail.contains(['.', '!', '?', '"', '\u{201c}', ':']) {
                sentence_start = true;
            }
            if w.len() < 3 {
                continue;
            }
            lw.clear();
            if w.is_ascii() {
                lw.push_str(w);
                lw.make_ascii_lowercase();
            } else {
                lw.extend(w.chars().flat_map(char::to_lowercase));
            }
            let caps = crate::text::is_all_caps(w);
            if (w.len() >= 4 && context::is_content_word(&lw)) || (caps && w.len() == 3) {
                // Names of places, groups and people tell events apart best.
                let proper = caps || (crate::text::is_capitalized(w) && !starts);
                add(context::stem(&lw), if proper { 2.0 } else { 1.0 });
            }
        }
    }
    for c in &ex.claims {
        if let Value::Person(p) = &c.value {
            lw.clear();
            lw.push_str("p:");
            lw.push_str(&p.key);
            add(&lw, 2.0);
        }
    }
    let mut out: Vec<(u32, String, f32)> = at.into_iter().map(|(t, (order, w))| (order, t, w)).collect();
    out.sort_unstable_by_key(|x| x.0);
    out.into_iter().map(|(_, t, w)| (t, w)).collect()
}

/// Articles handed to one task at a time when work is spread over the cores:
/// enough that two cores are not slower than one, few enough to balance.
const CHUNK: usize = 8;

/// Extracts the articles' claims on every core (rayon's work stealing, in
/// chunks), keeping their order.
fn extract_all(docs: Vec<(PathBuf, String)>, opts: &Options) -> Vec<(PathBuf, Extracted)> {
    docs.into_par_iter().with_min_len(CHUNK).map(|(p, t)| (p, claims::extract(&t, opts))).collect()
}

/// What is read from one extracted article alone, before the corpus-wide steps.
struct Prepared {
    path: PathBuf,
    abs_path: PathBuf,
    name: String,
    zones: Vec<chrono_tz::Tz>,
    place: Option<String>,
    index: LineIndex,
    terms: Vec<(String, f32)>,
    ex: Extracted,
    reading: Option<happenings::Reading>,
}

/// What one article alone gives beyond its extraction, as the persistent
/// index keeps it: its terms, and its happenings as read with its own dates
/// (an article that lends its story's date is read again), as merging needs them.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ArticleFacts {
    pub terms: ArticleTerms,
    pub reading: happenings::Reading,
}

/// The facts of an extracted article.
pub fn article_facts(ex: &Extracted) -> ArticleFacts {
    ArticleFacts { terms: article_terms(ex), reading: happenings::read_with(ex, true).for_merging() }
}

fn prepare(path: PathBuf, ex: Extracted, facts: Option<ArticleFacts>) -> Prepared {
    let (terms, reading) = facts.map(|f| (f.terms, f.reading)).unzip();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let (zones, place) = crate::zones::of_article(&ex);
    let abs_path = path.canonicalize().unwrap_or_else(|_| path.clone());
    Prepared {
        terms: terms.unwrap_or_else(|| article_terms(&ex)),
        index: LineIndex::new(&ex.article.text),
        abs_path,
        name,
        zones,
        place,
        path,
        ex,
        reading,
    }
}

struct UnionFind {
    parent: Vec<usize>,
    first: Vec<Option<NaiveDate>>,
    last: Vec<Option<NaiveDate>>,
}

impl UnionFind {
    /// Joins the groups of `a` and `b` unless their dates would then span
    /// more than `days`.
    fn union_within(&mut self, a: usize, b: usize, days: i64) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        let first = min_opt(self.first[ra], self.first[rb]);
        let last = max_opt(self.last[ra], self.last[rb]);
        if let (Some(f), Some(l)) = (first, last) {
            if (l - f).num_days() > days {
                return false;
            }
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.first[root] = first;
        self.last[root] = last;
        true
    }

    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
}

/// Articles more than this many days apart report different events.
const EVENT_SPAN_DAYS: i64 = 30;
/// Word-profile similarity for two articles to report the same event.
const SAME_EVENT: f32 = 0.2;
/// Similarity enough when the two articles are dated within a week.
const NEAR_EVENT: f32 = 0.04;
/// Similarity for an undated article to join the closest group.
const JOIN_EVENT: f32 = 0.05;

impl Corpus {
    /// Indexes articles given as (path, text).
    pub fn build(docs: Vec<(PathBuf, String)>, opts: &Options) -> Corpus {
        Corpus::index(extract_all(docs, opts), opts)
    }

    /// The corpus with some files changed, added or deleted (`true`), reading
    /// only those files again.
    pub fn updated(
        &self,
        changes: &[(PathBuf, bool)],
        opts: &Options,
        max_file_bytes: u64,
    ) -> (Corpus, Vec<crate::corpus::Problem>) {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let touched: std::collections::HashSet<PathBuf> =
            changes.iter().flat_map(|(p, _)| [canon(p), p.clone()]).collect();
        let mut messages = Vec::new();
        let mut kept: Vec<(PathBuf, Extracted)> = self
            .sources
            .par_iter()
            .with_min_len(CHUNK)
            .filter(|s| !(touched.contains(&s.abs_path) || touched.contains(&s.path)))
            .map(|s| {
                let ex = if s.lent_date {
                    // Read again without the event's date: the new events decide it.
                    claims::extract(&s.ex.article.text, opts)
                } else {
                    s.ex.clone()
                };
                (s.path.clone(), ex)
            })
            .collect();
        // The last event of each file decides (added twice is one article).
        let mut last: Vec<(&PathBuf, bool)> = Vec::new();
        for (path, deleted) in changes {
            let key = canon(path);
            match last.iter_mut().find(|(p, _)| canon(p) == key) {
                Some(entry) => *entry = (path, *deleted),
                None => last.push((path, *deleted)),
            }
        }
        for (path, deleted) in last {
            if deleted {
                continue;
            }
            match crate::corpus::read_text(path, max_file_bytes) {
                Ok(l) => {
                    if let Some(w) = l.warning {
                        messages.push(w);
                    }
                    kept.push((path.clone(), claims::extract(&l.text, opts)));
                }
                Err(e) => messages.push(e),
            }
        }
        kept.sort_by(|a, b| a.0.cmp(&b.0));
        (Corpus::index(kept, opts), messages)
    }

    /// Indexes articles already extracted (as `claims::extract` read them),
    /// given as (path, extraction, its `article_facts` when known) in path
    /// order: the persistent index's way in.
    pub fn from_extracted(extracted: Vec<(PathBuf, Extracted, Option<ArticleFacts>)>, opts: &Options) -> Corpus {
        Corpus::index_with(extracted, opts)
    }

    fn index(extracted: Vec<(PathBuf, Extracted)>, opts: &Options) -> Corpus {
        Corpus::index_with(extracted.into_iter().map(|(p, ex)| (p, ex, None)).collect(), opts)
    }

    fn index_with(extracted: Vec<(PathBuf, Extracted, Option<ArticleFacts>)>, opts: &Options) -> Corpus {
        let mut corpus = Corpus::default();
        // Each article on its own, on every core; then the terms are interned
        // in article order, one after another, so ids do not depend on threads.
        let prepared: Vec<Prepared> =
            extracted.into_par_iter().with_min_len(CHUNK).map(|(path, ex, terms)| prepare(path, ex, terms)).collect();
        let mut ids: Vec<Vec<(u32, f32)>> = Vec::with_capacity(prepared.len());
        let mut readings: Vec<Option<happenings::Reading>> = Vec::with_capacity(prepared.len());
        for p in prepared {
            readings.push(p.reading);
            let mut v: Vec<(u32, f32)> = p.terms.iter().map(|(t, c)| (corpus.terms.id(t), *c)).collect();
            v.sort_by_key(|x| x.0);
            for &(id, _) in &v {
                corpus.terms.df[id as usize] += 1;
            }
            ids.push(v);
            let anchor = p.ex.reference;
            corpus.sources.push(SourceDoc {
                abs_path: p.abs_path,
                outlet: p.ex.article.meta.source_outlet(),
                index: p.index,
                path: p.path,
                name: p.name,
                ex: p.ex,
                zones: p.zones,
                place: p.place,
                profile: Vec::new(),
                anchor,
                event: 0,
                lent_date: false,
            });
        }
        let n = corpus.sources.len();
        let terms = &corpus.terms;
        corpus.sources.par_iter_mut().zip(ids).with_min_len(CHUNK).for_each(|(doc, v)| {
            // Words of one article alone say nothing about what it shares with others.
            let shared = |id: u32| n < 3 || terms.df[id as usize] >= 2;
            let mut p: Sparse = v
                .into_iter()
                .filter(|&(id, _)| shared(id))
                .map(|(id, c)| (id, (1.0 + c.ln()) * terms.idf(id, n)))
                .collect();
            p.sort_by_key(|x| x.0);
            normalize(&mut p);
            doc.profile = p;
        });
        corpus.group_events();
        corpus.lend_event_dates(opts);
        corpus.index_claims();
        corpus.index_happenings(readings);
        corpus.index_lookups();
        corpus.paths = corpus.sources.iter().enumerate().map(|(i, s)| (s.abs_path.clone(), i)).collect();
        corpus
    }

    /// Reads the article files under `dirs`; unreadable files become messages.
    pub fn load(dirs: &[PathBuf], opts: &Options, max_file_bytes: u64) -> (Corpus, Vec<crate::corpus::Problem>) {
        let (files, mut messages) = crate::corpus::article_files(dirs);
        let (docs, more) = crate::corpus::read_all(files, max_file_bytes);
        messages.extend(more);
        (Corpus::build(docs, opts), messages)
    }

    fn group_events(&mut self) {
        let n = self.sources.len();
        let mut uf = UnionFind {
            parent: (0..n).collect(),
            first: self.sources.iter().map(|s| s.anchor).collect(),
            last: self.sources.iter().map(|s| s.anchor).collect(),
        };
        // Candidate pairs: in a small corpus every pair; in a large one, pairs
        // that share one of each other's strongest terms.
        let mut postings: HashMap<u32, Vec<usize>> = HashMap::default();
        if n <= 300 {
            postings.insert(u32::MAX, (0..n).collect());
        } else {
            // Words most articles use link everything; names of one event's
            // people and places are shared by a few dozen at most.
            let common = (n / 20).clamp(20, 64);
            for (i, s) in self.sources.iter().enumerate() {
                let mut top: Vec<&(u32, f32)> =
                    s.profile.iter().filter(|(t, _)| (self.terms.df[*t as usize] as usize) <= common).collect();
                top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                for &&(t, _) in top.iter().take(8) {
                    postings.entry(t).or_default().push(i);
                }
            }
        }
        let mut seen: HashMap<(usize, usize), ()> = HashMap::default();
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for list in postings.values() {
            for (a_i, &a) in list.iter().enumerate() {
                for &b in &list[a_i + 1..] {
                    let key = (a.min(b), a.max(b));
                    if seen.insert(key, ()).is_none() {
                        let sim = dot(&self.sources[key.0].profile, &self.sources[key.1].profile);
                        if sim >= NEAR_EVENT {
                            pairs.push((sim, key.0, key.1));
                        }
                    }
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let anchors: Vec<Option<NaiveDate>> = self.sources.iter().map(|s| s.anchor).collect();
        let close_in_time = |a: usize, b: usize| match (anchors[a], anchors[b]) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= 7,
            _ => false,
        };
        // Phase one: similar wording, or some shared wording and dates a few days apart.
        for &(sim, a, b) in &pairs {
            if sim >= SAME_EVENT || (sim >= NEAR_EVENT && close_in_time(a, b)) {
                uf.union_within(a, b, EVENT_SPAN_DAYS);
            }
        }
        // Phase two: an undated article alone joins the group it is closest to overall.
        let mut sums: HashMap<usize, HashMap<u32, f32>> = HashMap::default();
        for i in 0..n {
            let r = uf.find(i);
            let e = sums.entry(r).or_default();
            for &(t, w) in &self.sources[i].profile {
                *e.entry(t).or_default() += w;
            }
        }
        let centroid = |r: usize| -> Sparse {
            let mut c: Sparse = sums.get(&r).map(|m| m.iter().map(|(&k, &v)| (k, v)).collect()).unwrap_or_default();
            c.sort_by_key(|x| x.0);
            normalize(&mut c);
            c
        };
        let mut neighbours: HashMap<usize, Vec<usize>> = HashMap::default();
        for &(_, a, b) in &pairs {
            neighbours.entry(a).or_default().push(b);
            neighbours.entry(b).or_default().push(a);
        }
        let mut size: HashMap<usize, usize> = HashMap::default();
        for i in 0..n {
            *size.entry(uf.find(i)).or_default() += 1;
        }
        let mut moves = Vec::new();
        for i in 0..n {
            let r = uf.find(i);
            if uf.first[r].is_some() || size.get(&r).copied().unwrap_or(0) > 1 {
                continue;
            }
            let mut best: Option<(f32, usize)> = None;
            let mut tried: Vec<usize> = Vec::new();
            for &j in neighbours.get(&i).map(|v| v.as_slice()).unwrap_or(&[]) {
                let rj = uf.find(j);
                if rj == r || tried.contains(&rj) {
                    continue;
                }
                tried.push(rj);
                let sim = dot(&self.sources[i].profile, &centroid(rj));
                if sim >= JOIN_EVENT && best.is_none_or(|(b, _)| sim > b) {
                    best = Some((sim, rj));
                }
            }
            if let Some((_, rj)) = best {
                moves.push((i, rj));
            }
        }
        for (i, rj) in moves {
            uf.union_within(i, rj, EVENT_SPAN_DAYS);
        }
        let mut by_root: HashMap<usize, usize> = HashMap::default();
        self.events.clear();
        for i in 0..n {
            let r = uf.find(i);
            let e = *by_root.entry(r).or_insert_with(|| {
                self.events.push(Event {
                    members: Vec::new(),
                    first: uf.first[r],
                    last: uf.last[r],
                    centroid: Vec::new(),
                    label: Vec::new(),
                });
                self.events.len() - 1
            });
            self.events[e].members.push(i);
            self.sources[i].event = e;
        }
        let mut names: Vec<(u32, &str)> = self.terms.ids.iter().map(|(k, &v)| (v, k.as_str())).collect();
        names.sort();
        for e in &mut self.events {
            let mut sum: HashMap<u32, f32> = HashMap::default();
            for &m in &e.members {
                for &(t, w) in &self.sources[m].profile {
                    *sum.entry(t).or_default() += w;
                }
            }
            let mut c: Sparse = sum.into_iter().collect();
            c.sort_by_key(|x| x.0);
            normalize(&mut c);
            let mut top: Vec<&(u32, f32)> = c.iter().collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            e.label = top
                .iter()
                .filter_map(|&&(t, _)| names.get(t as usize).map(|x| x.1))
                .filter(|w| !w.starts_with("p:"))
                .take(5)
                .map(str::to_string)
                .collect();
            e.centroid = c;
        }
    }

    /// Articles that state no date of their own take their event's first date.
    fn lend_event_dates(&mut self, opts: &Options) {
        let events = &self.events;
        self.sources.par_iter_mut().with_min_len(CHUNK).for_each(|s| {
            let e = &events[s.event];
            if s.ex.reference.is_some() || e.first.is_none() {
                return;
            }
            let mut o = *opts;
            o.story_date = e.first;
            o.story_year = e.first.map(|d| chrono::Datelike::year(&d));
            let article = std::mem::replace(&mut s.ex.article, crate::article::Article::read("", opts.read));
            s.ex = claims::extract_article(article, &o);
            s.lent_date = true;
        });
    }

    fn index_claims(&mut self) {
        self.spellings.clear();
        for (si, s) in self.sources.iter().enumerate() {
            for (ci, c) in s.ex.claims.iter().enumerate() {
                if let Value::Person(p) = &c.value {
                    // The spelling is the one written at this mention when it is the full name.
                    if c.text(&s.ex.article.text).split_whitespace().count() >= 2
                        || p.name.split_whitespace().count() == 1
                    {
                        self.spellings
                            .entry(p.key.to_string())
                            .or_insert_with(|| Spelling { name: p.name.to_string(), mentions: Vec::new() })
                            .mentions
                            .push((si, ci));
                    }
                }
            }
        }
    }

    /// Merges the happenings of every article: dated ones of compatible kinds
    /// whose dates meet (a day apart at most) and whose people meet; then each
    /// undated one joins the happening of its kind and people nearest before
    /// its article's date (or the only one). `stored` holds the articles'
    /// readings already made (by the persistent index), valid for an article
    /// read with its own dates.
    fn index_happenings(&mut self, stored: Vec<Option<happenings::Reading>>) {
        const COARSE_SCAN: usize = 256;
        let lex = happenings::lexicon();
        let readings: Vec<happenings::Reading> = self
            .sources
            .par_iter()
            .zip(stored)
            .with_min_len(CHUNK)
            .map(|(s, r)| match r {
                Some(r) if !s.lent_date => r,
                _ => happenings::read_with(&s.ex, !s.lent_date).for_merging(),
            })
            .collect();
        // Nodes: every local happening of every article.
        let mut nodes: Vec<(u32, u32)> = Vec::new();
        for (si, r) in readings.iter().enumerate() {
            for li in 0..r.happenings.len() {
                nodes.push((si as u32, li as u32));
            }
        }
        let local = |n: (u32, u32)| &readings[n.0 as usize].happenings[n.1 as usize];
        // Each node's people as numbers; which are one person is found once, in `finish`.
        let mut people = happenings::PeopleIds::default();
        let node_people: Vec<Vec<u32>> = nodes.iter().map(|&n| people.of(&local(n).people)).collect();
        people.finish();
        let join = |kind: Kind, a: usize, b: usize| people.join(lex, kind, &node_people[a], &node_people[b]);
        let shared = |a: usize, b: usize| node_people[a].iter().filter(|p| node_people[b].contains(p)).count();
        let mut parent: Vec<usize> = (0..nodes.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        // Dated nodes by family, in date order.
        let mut dated: HashMap<Kind, Vec<(NaiveDate, NaiveDate, usize)>> = HashMap::default();
        let mut undated: Vec<usize> = Vec::new();
        for (ni, &n) in nodes.iter().enumerate() {
            let l = local(n);
            if lex.is_statement(l.kind) {
                continue; // statements are compared by nobody
            }
            match l.date.as_ref().and_then(happenings::interval) {
                Some((lo, hi)) => dated.entry(lex.family(l.kind)).or_default().push((lo, hi, ni)),
                None => undated.push(ni),
            }
        }
        for list in dated.values_mut() {
            list.sort();
            // Open happenings with the first and last day of their members: a
            // happening's members lie within one day of each other (a chain of
            // days, 10, 11, 12 January, is three happenings, not one).
            //
            // The open ones are a window of `opened` (they close in the order they
            // opened); a node of a kind told apart by its people is tried only
            // against those whose people include one of its own or one alike
            // (`PeopleIds::alike`), in the order they opened: the others cannot join it.
            let mut opened: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
            let mut start = 0;
            let mut with_person: HashMap<u32, Vec<u32>> = HashMap::default();
            let mut with_nobody: Vec<u32> = Vec::new();
            let mut tried: Vec<u32> = Vec::new();
            let day = chrono::Days::new(1);
            for &(lo, hi, ni) in list.iter() {
                while opened.get(start).is_some_and(|&(first, _, _)| first.checked_add_days(day).is_none_or(|e| e < lo))
                {
                    start += 1;
                }
                let l = local(nodes[ni]);
                let open_from = |v: &[u32]| v.partition_point(|&o| (o as usize) < start);
                tried.clear();
                if !lex.who(l.kind) {
                    tried.extend(start as u32..opened.len() as u32);
                } else if node_people[ni].is_empty() {
                    tried.extend_from_slice(&with_nobody[open_from(&with_nobody)..]);
                } else {
                    for &y in &node_people[ni] {
                        for x in std::iter::once(y).chain(people.alike(y).iter().copied()) {
                            if let Some(v) = with_person.get(&x) {
                                tried.extend_from_slice(&v[open_from(v)..]);
                            }
                        }
                    }
                    tried.sort_unstable();
                    tried.dedup();
                }
                let mut joined = false;
                for &o in &tried {
                    let (first, last, root) = &mut opened[o as usize];
                    let mut span_ok = (hi.max(*last) - lo.min(*first)).num_days() <= 1;
                    // Kinds told apart by their people (matches on consecutive days)
                    // are a day apart only across time zones.
                    if span_ok && lo != *first && lex.who(l.kind) {
                        let zones_of = |n: (u32, u32)| &self.sources[n.0 as usize].zones;
                        span_ok = crate::zones::explains(*first, zones_of(nodes[*root]), lo, zones_of(nodes[ni]));
                    }
                    let r = find(&mut parent, *root);
                    debug_assert_eq!(r, *root, "an open happening stays its own root");
                    let rl = local(nodes[r]);
                    if span_ok && lex.compatible(rl.kind, l.kind) && join(l.kind, r, ni) {
                        let me = find(&mut parent, ni);
                        parent[me] = r;
                        *last = (*last).max(hi);
                        joined = true;
                        break;
                    }
                }
                if !joined {
                    let o = opened.len() as u32;
                    opened.push((lo, hi, ni));
                    if node_people[ni].is_empty() {
                        with_nobody.push(o);
                    }
                    for &p in &node_people[ni] {
                        let v = with_person.entry(p).or_default();
                        if v.last() != Some(&o) {
                            v.push(o);
                        }
                    }
                }
            }
        }
        // A happening dated only by its month, week or year (`crashed into the Java Sea
        // in January`) is the one happening of its kind and people that other articles
        // date to a day within it, when there is exactly one.
        for list in dated.values() {
            for &(lo, hi, ni) in list {
                if (hi - lo).num_days() < 2 || find(&mut parent, ni) != ni {
                    continue;
                }
                let l = local(nodes[ni]);
                let mut only: Option<usize> = None;
                let mut many = false;
                let from = list.partition_point(|x| x.0 < lo);
                // At most `COARSE_SCAN` happenings are looked at: a year in an archive holds
                // thousands, and a coarse date among so many names none of them.
                let within = list[from..].iter().take_while(|x| x.0 <= hi).take(COARSE_SCAN + 1);
                if within.clone().count() > COARSE_SCAN {
                    continue;
                }
                for &(lo2, hi2, nj) in within {
                    if (hi2 - lo2).num_days() >= 2 || hi2 > hi {
                        continue;
                    }
                    let r = find(&mut parent, nj);
                    let rl = local(nodes[r]);
                    if r == ni || !lex.compatible(rl.kind, l.kind) || !join(l.kind, r, ni) {
                        continue;
                    }
                    if only.is_some_and(|o| o != r) {
                        many = true;
                        break;
                    }
                    only = Some(r);
                }
                if let (Some(r), false) = (only, many) {
                    parent[ni] = r;
                }
            }
        }
        // Roots by family, in date order, for the undated (a set keeps each once).
        let mut roots_by_family: HashMap<Kind, Vec<(NaiveDate, usize)>> = HashMap::default();
        let mut seen_root: std::collections::HashSet<usize> = Default::default();
        for list in dated.values() {
            for &(_, _, ni) in list {
                let r = find(&mut parent, ni);
                if !seen_root.insert(r) {
                    continue;
                }
                let rl = local(nodes[r]);
                if let Some((lo, _)) = rl.date.as_ref().and_then(happenings::interval) {
                    roots_by_family.entry(lex.family(rl.kind)).or_default().push((lo, r));
                }
            }
        }
        for v in roots_by_family.values_mut() {
            v.sort();
        }
        // The same roots by family and person, and those naming nobody: an undated
        // happening told apart by its people can only join a root that names one of
        // its people (two in common), or, naming nobody, one that names nobody.
        let mut roots_by_person: HashMap<(Kind, u32), Vec<(NaiveDate, usize)>> = HashMap::default();
        let mut roots_of_nobody: HashMap<Kind, Vec<(NaiveDate, usize)>> = HashMap::default();
        for (&fam, v) in &roots_by_family {
            for &(d, r) in v {
                if node_people[r].is_empty() {
                    roots_of_nobody.entry(fam).or_default().push((d, r));
                }
                for &p in &node_people[r] {
                    let list = roots_by_person.entry((fam, p)).or_default();
                    if list.last() != Some(&(d, r)) {
                        list.push((d, r));
                    }
                }
            }
        }
        let mut named: Vec<(NaiveDate, usize)> = Vec::new();
        for &ni in &undated {
            let n = nodes[ni];
            let l = local(n);
            let ex = &self.sources[n.0 as usize].ex;
            let (reference, published) = (ex.reference, ex.published.is_some());
            let family: &[(NaiveDate, usize)] =
                roots_by_family.get(&lex.family(l.kind)).map(|v| v.as_slice()).unwrap_or(&[]);
            // Only the roots near the article's date are looked at (a window of
            // two months either side), or the family's only one.
            let window: &[(NaiveDate, usize)] = match reference {
                Some(refd) => {
                    let from = refd.checked_sub_days(chrono::Days::new(62)).unwrap_or(refd);
                    let to = refd.checked_add_days(chrono::Days::new(62)).unwrap_or(refd);
                    let within = |v: &[(NaiveDate, usize)]| {
                        let i = v.partition_point(|x| x.0 < from);
                        let j = v.partition_point(|x| x.0 <= to);
                        i..j
                    };
                    let fam = lex.family(l.kind);
                    if !lex.who(l.kind) {
                        &family[within(family)]
                    } else if node_people[ni].is_empty() {
                        roots_of_nobody.get(&fam).map_or(&[][..], |v| &v[within(v)])
                    } else {
                        // In the family's order (date, then root), as the family is.
                        named.clear();
                        for p in &node_people[ni] {
                            if let Some(v) = roots_by_person.get(&(fam, *p)) {
                                named.extend_from_slice(&v[within(v)]);
                            }
                        }
                        named.sort_unstable();
                        named.dedup();
                        &named
                    }
                }
                None if family.len() == 1 => family,
                None => &[],
            };
            // An article written after its happenings: with a publication date, the
            // ones before it (within two months); with only dates read from its text,
            // those near them. Only when one happening of the kind fits: two rounds
            // of talks near the article's date leave an undated mention to neither,
            // so the scan stops at the second fit.
            let fits_date = |r: usize| -> bool {
                let Some(refd) = reference else { return true };
                let Some((lo, _)) = local(nodes[r]).date.as_ref().and_then(happenings::interval) else {
                    return false;
                };
                let days = (refd - lo).num_days();
                if published {
                    (-1..=62).contains(&days)
                } else {
                    days.abs() <= 62
                }
            };
            let mut fitting: Vec<usize> = Vec::new();
            for &(_, r) in window {
                let rl = local(nodes[r]);
                // Undated, a happening told apart by its people (one of many
                // matches) needs two people in common to be a dated one.
                let joins = lex.compatible(rl.kind, l.kind)
                    && join(l.kind, r, ni)
                    && (!lex.who(l.kind) || shared(r, ni) >= 2 || (rl.people.is_empty() && l.people.is_empty()));
                if joins && fits_date(r) {
                    fitting.push(r);
                    if fitting.len() > 1 {
                        break;
                    }
                }
            }
            let pick = match fitting.as_slice() {
                [only] => Some(*only),
                // A story speaks of one campaign, one strike: an undated happening of a
                // kind not told apart by its people is the corpus's only dated one of the
                // kind, however far from the article's date (a campaign dated by its
                // start months before). Stories as grouped by wording are too coarse a
                // guide across languages; in an archive there are many, and none is taken.
                [] if !lex.who(l.kind) => {
                    let mut same = family.iter().filter(|&&(_, r)| lex.compatible(local(nodes[r]).kind, l.kind));
                    match (same.next(), same.next()) {
                        (Some(&(_, r)), None) => Some(r),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(r) = pick {
                parent[ni] = r;
            }
        }
        // Undated happenings of one kind and people in one story, known to no
        // dated one, are one happening (`searched for 36 hours`, `searched for 48 hours`).
        let mut alone: HashMap<(usize, Kind), Vec<usize>> = HashMap::default();
        for &ni in &undated {
            if find(&mut parent, ni) != ni {
                continue;
            }
            let n = nodes[ni];
            let key = (self.sources[n.0 as usize].event, lex.family(local(n).kind));
            let list = alone.entry(key).or_default();
            let l = local(n);
            match list.iter().copied().find(|&r| {
                let rl = local(nodes[r]);
                lex.compatible(rl.kind, l.kind)
                    && join(l.kind, r, ni)
                    && (!lex.who(l.kind) || shared(r, ni) >= 2 || (rl.people.is_empty() && l.people.is_empty()))
            }) {
                Some(r) => parent[ni] = r,
                None => list.push(ni),
            }
        }
        // The happenings, one per root.
        let mut index_of: HashMap<usize, u32> = HashMap::default();
        self.happenings.clear();
        let mut local_to_global: Vec<Vec<u32>> = readings.iter().map(|r| vec![u32::MAX; r.happenings.len()]).collect();
        for (ni, &n) in nodes.iter().enumerate() {
            let r = find(&mut parent, ni);
            let l = local(n);
            let gi = *index_of.entry(r).or_insert_with(|| {
                self.happenings.push(Happening {
                    kind: l.kind,
                    date: None,
                    people: Vec::new(),
                    members: Vec::new(),
                    claims: Vec::new(),
                });
                (self.happenings.len() - 1) as u32
            });
            let h = &mut self.happenings[gi as usize];
            h.kind = lex.specific(h.kind, l.kind);
            if let Some(d) = l.date {
                if h.date.is_none_or(|x| d.precision < x.precision) {
                    h.date = Some(d);
                }
            }
            for p in &l.people {
                if !h.people.contains(p) {
                    h.people.push(p.clone());
                }
            }
            h.members.push(n);
            local_to_global[n.0 as usize][n.1 as usize] = gi;
        }
        for (si, r) in readings.iter().enumerate() {
            // An article does not contradict itself: a length of a happening that cannot
            // hold with the first the article gave it is of something else (`a walkout
            // that lasted 148 days` … `had walked picket lines together for more than two
            // months`), and is not weighed as its length. The first length stands for the
            // others (one lookup a claim: a line of thousands of clauses stays linear).
            let mut lengths: HashMap<u32, DurationValue> = HashMap::default();
            for (ci, a) in r.attached.iter().enumerate() {
                if let Some(a) = a {
                    let g = local_to_global[si][a.happening];
                    let mut role = a.role;
                    if let (Role::Length, Value::Duration(d)) = (role, &self.sources[si].ex.claims[ci].value) {
                        match lengths.get(&g) {
                            Some(first) if !first.overlaps(d) => role = Role::Other,
                            Some(_) => {}
                            None => {
                                lengths.insert(g, *d);
                            }
                        }
                    }
                    self.happenings[g as usize].claims.push((si as u32, ci as u32, role));
                }
            }
        }
        // Most happenings are one article's, with one member and few claims:
        // what the pushes reserved beyond that is given back.
        for h in &mut self.happenings {
            h.members.shrink_to_fit();
            h.claims.shrink_to_fit();
            h.people.shrink_to_fit();
        }
        self.by_family.clear();
        self.by_family_date.clear();
        self.by_person.clear();
        for (gi, h) in self.happenings.iter().enumerate() {
            let fam = lex.family(h.kind);
            self.by_family.entry(fam).or_default().push(gi as u32);
            if let Some((lo, _)) = h.date.as_ref().and_then(happenings::interval) {
                self.by_family_date.entry(fam).or_default().push((lo, gi as u32));
            }
            for p in &h.people {
                self.by_person.entry(p.clone()).or_default().push(gi as u32);
            }
        }
        for v in self.by_family_date.values_mut() {
            v.sort_unstable();
        }
    }

    /// The corpus happenings a draft happening of `kind` with `people` may be,
    /// found through indexes (never by scanning the corpus): with a date, those
    /// of its family a week either side of it; without, the family when it is
    /// small, else those that share a person.
    pub fn happening_candidates(
        &self,
        kind: Kind,
        people: &[Arc<str>],
        near: Option<(NaiveDate, NaiveDate)>,
    ) -> Vec<u32> {
        let lex = happenings::lexicon();
        let fam = lex.family(kind);
        let pool: Vec<u32> = match near {
            Some((lo, hi)) => {
                let list = self.by_family_date.get(&fam).map(|v| v.as_slice()).unwrap_or(&[]);
                let from = lo.checked_sub_days(chrono::Days::new(7)).unwrap_or(lo);
                let to = hi.checked_add_days(chrono::Days::new(7)).unwrap_or(hi);
                let i = list.partition_point(|x| x.0 < from);
                list[i..].iter().take_while(|x| x.0 <= to).map(|x| x.1).collect()
            }
            None => {
                let all = self.by_family.get(&fam).map(|v| v.as_slice()).unwrap_or(&[]);
                if all.len() <= 16 {
                    all.to_vec()
                } else {
                    let mut v: Vec<u32> =
                        people.iter().flat_map(|p| self.by_person.get(p).into_iter().flatten().copied()).collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                }
            }
        };
        pool.into_iter()
            .filter(|&g| {
                let h = &self.happenings[g as usize];
                lex.compatible(h.kind, kind) && lex.people_join(kind, &h.people, people)
            })
            .collect()
    }

    /// How many happenings of the kind's family the corpus holds.
    pub fn family_size(&self, kind: Kind) -> usize {
        let lex = happenings::lexicon();
        self.by_family.get(&lex.family(kind)).map(|v| v.len()).unwrap_or(0)
    }

    fn index_lookups(&mut self) {
        self.by_surname.clear();
        self.spelling_keys = self.spellings.keys().cloned().collect();
        self.spelling_keys.sort();
        for (i, key) in self.spelling_keys.iter().enumerate() {
            for k in surname_keys(&self.spellings[key].name) {
                self.by_surname.entry(k).or_default().push(i as u32);
            }
        }
        self.roles.clear();
        // Each person once a role, in the order first met (a set: an archive gives
        // `Presiden` thousands of people).
        let mut given: crate::lexicon::HashSet<(&str, &str)> = Default::default();
        for s in &self.sources {
            for c in &s.ex.claims {
                if let Value::Person(p) = &c.value {
                    if let Some(r) = p.role.as_deref() {
                        if given.insert((r, &p.key)) {
                            self.roles.entry(r.to_string()).or_default().push(p.key.clone());
                        }
                    }
                }
            }
        }
        self.stated_days.clear();
        for s in &self.sources {
            for c in &s.ex.claims {
                if let Some(day) = match &c.value {
                    Value::Date(d) => d.date(),
                    _ => None,
                } {
                    self.stated_days.insert(day);
                }
            }
        }
    }

    /// Spellings whose surname may be a variant of `name`'s (same, or one
    /// letter apart once transliterated).
    pub fn candidate_spellings(&self, name: &str) -> Vec<&Spelling> {
        let mut found: Vec<u32> = Vec::new();
        // The first word too, for the same words in another order (`Jinping Xi`).
        let words: Vec<&str> = name.split_whitespace().collect();
        let first = (words.len() >= 2).then(|| crate::names::key_hash(&crate::names::translit(words[0])));
        for k in surname_keys(name).into_iter().chain(first) {
            for &i in self.by_surname.get(&k).into_iter().flatten() {
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        found.into_iter().filter_map(|i| self.spellings.get(&self.spelling_keys[i as usize])).collect()
    }

    /// Whether some source states this day.
    pub fn states_day(&self, d: NaiveDate) -> bool {
        self.stated_days.contains(&d)
    }

    /// Index of the source at `path`, if the corpus holds that file.
    pub fn source_at(&self, path: &Path) -> Option<usize> {
        let canon = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.paths.get(&canon).copied()
    }

    /// Weighted, normalised term vector of a piece of text (and people), for
    /// comparing with events.
    pub fn vector(&self, words: impl Iterator<Item = String>, people: &[&str]) -> Sparse {
        let n = self.sources.len();
        let mut m: HashMap<u32, f32> = HashMap::default();
        for w in words {
            if let Some(id) = self.terms.get(context::stem(&w)) {
                *m.entry(id).or_default() += 1.0;
            }
        }
        for p in people {
            if let Some(id) = self.terms.get(&format!("p:{p}")) {
                *m.entry(id).or_default() += 2.0;
            }
        }
        let mut v: Sparse = m.into_iter().map(|(id, c)| (id, (1.0 + c.ln()) * self.terms.idf(id, n))).collect();
        v.sort_by_key(|x| x.0);
        normalize(&mut v);
        v
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}
