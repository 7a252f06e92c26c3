//! Stories: which corpus articles report the same story as a given article,
//! judged from shared people and wording. Used to lend a date to an article
//! that states no year of its own.

use crate::claims::{Extracted, Value};
use crate::corpus::{same_file, Source};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// Word profiles of the corpus articles.
pub struct Stories {
    sources: Vec<Source>,
    profiles: Vec<HashMap<String, f64>>,
    idf: HashMap<String, f64>,
}

/// Inverse document frequency: words every article uses tell stories apart least.
pub fn idf(profiles: &[HashMap<String, f64>]) -> HashMap<String, f64> {
    let mut df: HashMap<String, f64> = HashMap::new();
    for p in profiles {
        for k in p.keys() {
            *df.entry(k.clone()).or_default() += 1.0;
        }
    }
    let n = profiles.len() as f64;
    df.into_iter().map(|(k, d)| (k, ((n + 1.0) / d).ln())).collect()
}

pub fn weigh(p: &mut HashMap<String, f64>, idf: &HashMap<String, f64>) {
    let unseen = idf.values().copied().fold(0.0, f64::max);
    for (k, v) in p.iter_mut() {
        *v *= idf.get(k).copied().unwrap_or(unseen);
    }
}

/// Content words and people of an article, weighted by count.
pub fn profile(ex: &Extracted) -> HashMap<String, f64> {
    let mut p: HashMap<String, f64> = HashMap::new();
    let a = &ex.article;
    for l in &a.lines {
        if !matches!(l.kind, crate::article::LineKind::Content { .. }) {
            continue;
        }
        for w in a.lower[l.span.start..l.span.end].split(|c: char| !c.is_alphanumeric()) {
            if w.len() < 4 || w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if crate::lexicon::word(w).is_some_and(|x| x.stop_id || x.stop_en || x.common) {
                continue;
            }
            *p.entry(w.to_string()).or_default() += 1.0;
        }
    }
    for c in &ex.claims {
        if let Value::Person(pv) = &c.value {
            *p.entry(format!("person:{}", pv.key)).or_default() += 2.0;
        }
    }
    p
}

pub fn cosine(a: &HashMap<String, f64>, b: &HashMap<String, f64>) -> f64 {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let dot: f64 = small.iter().filter_map(|(k, v)| large.get(k).map(|w| v * w)).sum();
    let na: f64 = a.values().map(|v| v * v).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|v| v * v).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

impl Stories {
    pub fn new(sources: Vec<Source>) -> Stories {
        let mut profiles: Vec<HashMap<String, f64>> = sources.iter().map(|s| profile(&s.extracted)).collect();
        let idf = idf(&profiles);
        for p in &mut profiles {
            weigh(p, &idf);
        }
        Stories { sources, profiles, idf }
    }

    /// The reference date of the most similar dated article of the corpus
    /// (never the article itself).
    pub fn story_date(&self, ex: &Extracted, path: &Path) -> Option<NaiveDate> {
        let mut p = profile(ex);
        weigh(&mut p, &self.idf);
        self.sources
            .iter()
            .zip(&self.profiles)
            .filter(|(s, _)| !same_file(&s.path, path) && s.extracted.reference.is_some())
            .map(|(s, q)| (cosine(&p, q), s))
            .filter(|(sim, _)| *sim > 0.05)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .and_then(|(_, s)| s.extracted.reference)
    }
}
