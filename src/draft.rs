//! Reading a draft against its corpus: a corpus article reads as the corpus
//! read it; a draft's years come from its text, then from its story (the event
//! whose wording it is closest to), and only then from the clock.

use crate::claims::{self, Extracted, Options};
use crate::index::Corpus;

/// Reads and extracts a draft; a draft without dates of its own takes its story's.
pub fn read(text: &str, corpus: &Corpus, opts: &Options, exclude: Option<usize>) -> Extracted {
    if let Some(i) = exclude {
        // A corpus article is checked as the corpus read it.
        let s = &corpus.sources[i];
        let mut o = *opts;
        if s.ex.reference != s.anchor {
            o.story_date = s.ex.reference;
            o.story_year = s.ex.reference.map(|d| chrono::Datelike::year(&d));
        }
        return claims::extract(text, &o);
    }
    // Years from the text first, then from the story, and only then from the clock.
    let mut text_only = *opts;
    text_only.clock_years = false;
    let ex = claims::extract(text, &text_only);
    if ex.reference.is_some() {
        return ex;
    }
    if corpus.is_empty() {
        return claims::extract_article(ex.article, opts);
    }
    // The event the whole draft is closest to lends its date.
    let v = corpus.vector(crate::context::content_words(text), &[]);
    let best = corpus
        .events
        .iter()
        .filter(|e| e.first.is_some())
        .map(|e| (crate::index::dot(&v, &e.centroid), e.first))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((sim, date)) if sim > 0.1 => {
            let mut o = *opts;
            o.story_date = date;
            o.story_year = date.map(|d| chrono::Datelike::year(&d));
            claims::extract_article(ex.article, &o)
        }
        _ => claims::extract_article(ex.article, opts),
    }
}
