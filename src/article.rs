//! Reading an article: front matter, web debris, bylines, datelines,
//! publication stamps and the content lines that claims come from.
//!
//! Nothing here fails: any text is an article, however odd. Lines are
//! classified once; extraction then only looks at content lines and skips
//! masked spans (datelines, link targets, comments).

use crate::lexicon;
use crate::text::Span;
use regex::Regex;
use std::sync::OnceLock;

/// What a line of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineKind {
    Blank,
    /// YAML front matter, including its fences.
    FrontMatter,
    /// Related links, ads, captions, photo credits, navigation.
    Debris,
    /// Bylines, author lines, editor initials: metadata, not claims.
    Byline,
    /// A line that is only a date and time: the publication stamp.
    Stamp,
    /// A verbatim repeat of an earlier line (scraped pages repeat their lead).
    Duplicate,
    /// Text the article states. `title_case` marks headings written In Title Case.
    Content {
        title_case: bool,
    },
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Line {
    /// The line without its line break (and without a trailing `\r`).
    pub span: Span,
    pub kind: LineKind,
}

/// The language an article is mostly written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Id,
    En,
}

/// Front matter fields and what the page header says about the article.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    /// The dateline's place, lowercased (`washington`, `jakarta`), if it names one.
    pub dateline_place: Option<String>,
    /// The dateline's whole text, as written.
    pub dateline: Option<String>,
}

impl Meta {
    /// The outlet that published the article: front matter's, else the
    /// outlet of a `Name | Outlet` byline.
    pub fn source_outlet(&self) -> Option<String> {
        self.outlet.clone().or_else(|| {
            let (_, outlet) = self.byline.as_deref()?.split_once('|')?;
            let outlet = outlet.trim();
            (!outlet.is_empty()).then(|| outlet.to_string())
        })
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    pub text: String,
    pub lines: Vec<Line>,
    pub meta: Meta,
    /// Spans inside content lines that hold no claims.
    pub masked: Vec<Span>,
    /// The text holds `corroborate-ignore` comments.
    pub has_ignore_marks: bool,
    pub lang: Lang,
}

/// How an article is read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Treat verbatim repeats of earlier lines as duplicates (sources), or
    /// keep them as content (a draft being written).
    pub drop_duplicates: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { drop_duplicates: true }
    }
}

struct Patterns {
    related: Regex,
    related_alone: Regex,
    debris: Regex,
    caption_credit: Regex,
    nav: Regex,
    byline: Regex,
    byline_alone: Regex,
    byline_pipe: Regex,
    initials: Regex,
    stamp: Regex,
    dateline: Regex,
    url: Regex,
    link_target: Regex,
    comment: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let weekday = "(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
        let date = r"(?:\d{1,2}\.?\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})";
        let time = r"(?:[,|\s-]+(?:pukul\s+|jam\s+|at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:WIB|WITA|WIT|GMT|UTC|ET|EST|EDT|PT|PST|PDT|CET|BST)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?";
        Patterns {
            related: Regex::new(r"^(?i:baca(?:\s+juga)?|related|read\s+more|read\s+also|also\s+read|see\s+also|lihat\s+juga|simak\s+juga|artikel\s+terkait|berita\s+terkait|more\s+on\s+this)\s*:\s*(.*)$").unwrap(),
            related_alone: Regex::new(r"^(?i:berita\s+terkait|artikel\s+terkait|related\s+(?:articles?|stories|news)|baca\s+juga|lainnya|more\s+stories)$").unwrap(),
            debris: Regex::new(r"(?i)^(?:advertisement|iklan|scroll\s+to\s+continue\s+with\s+content|share\s*:.*|bagikan\s*:.*|image\s+copyright.*|image\s+caption.*|foto\s*:.*|photo\s*:.*|gambar\s*:.*|caption\s*:.*|keterangan\s+foto.*|ilustrasi\s*:.*|sumber\s+foto.*|copyright\s*©.*|©.*|tags?\s*:.*|topik\s*:.*)$|hak\s+atas\s+foto").unwrap(),
            caption_credit: Regex::new(r"\([^()]*(?i:foto|photo|getty|images?\b|ilustrasi)[^()]*\)\s*$").unwrap(),
            nav: Regex::new(r"^(?:HOME|Home|BERANDA|Beranda)\s*[⁄/>»|›]").unwrap(),
            byline: Regex::new(r"^(?i:oleh|by|penulis|reporter|editor|pewarta|penyunting|redaktur|kontributor|laporan\s+wartawan)\b\s*:?\s*(.*)$").unwrap(),
            byline_alone: Regex::new(r"^(?i:oleh|by|penulis|reporter|editor|pewarta|penyunting|redaktur|kontributor)\s*:?\s*$").unwrap(),
            byline_pipe: Regex::new(r"^[\p{L}.' ]{3,60}\s+\|\s+[\p{L}.' ]{2,60}$").unwrap(),
            initials: Regex::new(r"^\([a-z]{2,6}(?:/[a-z]{2,6})*\)$").unwrap(),
            stamp: Regex::new(&format!(r"^(?i:(?:diperbarui|diterbitkan|dipublikasikan|terbit|published|updated|posted|last\s+updated)\s*:?\s*)?(?:{weekday},?\s+)?{date}{time}$")).unwrap(),
            dateline: Regex::new(r"^(?:[A-Z][A-Za-z]*(?:\.[A-Za-z]+)*(?:,\s*[A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*){0,3})?|[A-Z][\p{L}]+,\s*[A-Z][\p{L}]*(?:\s+[A-Z][\p{L}]*){0,3})\s*(?:\([A-Za-z/ ]+\))?\s*(?:(?:--|—|–)\s*|-\s+)").unwrap(),
            url: Regex::new(r"(?:https?://|www\.)[^\s)>\]]+").unwrap(),
            link_target: Regex::new(r"\]\([^)\s]*\)").unwrap(),
            comment: Regex::new(r"(?s)<!--.*?-->").unwrap(),
        }
    })
}

impl Article {
    pub fn read(text: &str, opts: ReadOptions) -> Article {
        let p = patterns();
        let mut meta = Meta::default();
        let mut lines = split_lines(text);

        // Front matter: `---` on the first line, closed by `---` or `...`.
        let mut first_content = 0;
        if let Some(first) = lines.first() {
            let t = &text[first.span.start..first.span.end];
            if t.trim_start_matches('\u{feff}').trim_end() == "---" {
                if let Some(close) = lines.iter().skip(1).position(|l| {
                    let t = text[l.span.start..l.span.end].trim_end();
                    t == "---" || t == "..."
                }) {
                    let close = close + 1;
                    for l in &mut lines[..=close] {
                        l.kind = LineKind::FrontMatter;
                    }
                    for l in &lines[1..close] {
                        read_front_matter_line(&text[l.span.start..l.span.end], &mut meta);
                    }
                    first_content = close + 1;
                }
            }
        }

        let mut seen: lexicon::HashMap<&str, ()> = Default::default();
        let mut next_is_debris = false;
        let mut next_is_byline = false;
        let mut content_seen = 0usize;
        let mut nonblank_seen = 0usize;
        let mut masked = Vec::new();
        for line in lines.iter_mut().skip(first_content) {
            let span = line.span;
            let raw = &text[span.start..span.end];
            let t = raw.trim();
            if t.is_empty() {
                line.kind = LineKind::Blank;
                continue;
            }
            nonblank_seen += 1;
            // A line holding only a date is the publication stamp only in the
            // page header; further down it is a statement (a list of dates).
            let in_header = content_seen <= STAMP_CONTENT_LINES && nonblank_seen <= STAMP_LINES;
            let kind = if next_is_debris {
                next_is_debris = false;
                LineKind::Debris
            } else if next_is_byline {
                next_is_byline = false;
                meta.byline.get_or_insert_with(|| t.to_string());
                LineKind::Byline
            } else if let Some(c) = starts_with_any(t, RELATED_WORDS).then(|| p.related.captures(t)).flatten() {
                // `Baca juga:` alone on its line introduces the link on the next line.
                if c.get(1).is_none_or(|m| m.as_str().trim().is_empty()) {
                    next_is_debris = true;
                }
                LineKind::Debris
            } else if (t.len() < 40 && p.related_alone.is_match(t))
                || ((t.len() < 100 || contains_ascii_ci(t, "atas foto")) && p.debris.is_match(t))
                || (t.len() < 80 && p.nav.is_match(t))
                || (t.ends_with(')') && p.caption_credit.is_match(t))
                || is_shouting(t)
            {
                LineKind::Debris
            } else if t.len() < 20 && p.byline_alone.is_match(t) {
                next_is_byline = true;
                LineKind::Byline
            } else if (t.starts_with('(') && p.initials.is_match(t)) || (t.contains('|') && p.byline_pipe.is_match(t)) {
                meta.byline.get_or_insert_with(|| t.to_string());
                LineKind::Byline
            } else if let Some(c) =
                (is_short_name_line(t) && starts_with_any(t, BYLINE_WORDS)).then(|| p.byline.captures(t)).flatten()
            {
                let name = c.get(1).map(|m| m.as_str().trim()).unwrap_or("");
                if !name.is_empty() {
                    meta.byline.get_or_insert_with(|| name.to_string());
                }
                LineKind::Byline
            } else if in_header && t.len() < 90 && t.bytes().any(|b| b.is_ascii_digit()) && p.stamp.is_match(t) {
                LineKind::Stamp
            } else if opts.drop_duplicates && t.len() >= 20 && seen.insert(t, ()).is_some() {
                LineKind::Duplicate
            } else {
                content_seen += 1;
                if content_seen <= 12 && meta.dateline.is_none() {
                    if let Some(m) = p.dateline.find(t) {
                        let offset = span.start + (raw.len() - raw.trim_start().len());
                        let head = m.as_str();
                        // A dateline is short and stands before the lead sentence.
                        if head.split_whitespace().count() <= 6 && m.end() < t.len() {
                            meta.dateline = Some(head.trim().trim_end_matches(['-', '—', '–']).trim().to_string());
                            meta.dateline_place = dateline_place(head);
                            masked.push(Span::new(offset, offset + m.end()));
                        }
                    }
                }
                LineKind::Content { title_case: is_title_case(t) }
            };
            line.kind = kind;
        }

        for l in &lines {
            if matches!(l.kind, LineKind::Content { .. } | LineKind::Stamp) {
                let t = &text[l.span.start..l.span.end];
                let has_url = t.contains("://") || t.contains("www.");
                let has_link = t.contains("](");
                for (re, present) in [(&p.url, has_url), (&p.link_target, has_link)] {
                    if !present {
                        continue;
                    }
                    for m in re.find_iter(t) {
                        masked.push(Span::new(l.span.start + m.start(), l.span.start + m.end()));
                    }
                }
            }
        }
        if text.contains("<!--") {
            for m in p.comment.find_iter(text) {
                masked.push(Span::new(m.start(), m.end()));
            }
        }
        let masked = merge_spans(masked);

        let lang = guess_language(text, &lines);
        let has_ignore_marks = text.contains("corroborate-ignore");
        Article { text: text.to_string(), lines, meta, masked, lang, has_ignore_marks }
    }

    /// Whether a byte offset falls in a masked span.
    pub fn is_masked(&self, offset: usize) -> bool {
        let i = self.masked.partition_point(|s| s.end <= offset);
        self.masked.get(i).is_some_and(|s| s.start <= offset)
    }

    pub fn line_of(&self, offset: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.span.end < offset);
        self.lines.get(i)
    }
}

/// A stamp line must stand among the first lines of the page...
const STAMP_LINES: usize = 12;
/// ...before more than this many content lines (headline, standfirst).
const STAMP_CONTENT_LINES: usize = 2;

/// Sorts spans and merges the ones that overlap or nest (a URL inside a
/// comment), so that `is_masked` can binary-search them.
fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

const RELATED_WORDS: &[&str] =
    &["baca", "related", "read", "also", "see", "lihat", "simak", "artikel", "berita", "more"];
const BYLINE_WORDS: &[&str] =
    &["oleh", "by", "penulis", "reporter", "editor", "pewarta", "penyunting", "redaktur", "kontributor", "laporan"];

/// Whether `hay` contains the ASCII `needle`, ignoring ASCII case.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether the line's first word is one of `words` (ASCII, any case).
fn starts_with_any(t: &str, words: &[&str]) -> bool {
    let first = t.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    words.iter().any(|w| first.eq_ignore_ascii_case(w))
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            lines.push(Line { span: Span::new(start, end), kind: LineKind::Blank });
            start = i + 1;
        }
    }
    if start < text.len() {
        let end = if text.ends_with('\r') { text.len() - 1 } else { text.len() };
        lines.push(Line { span: Span::new(start, end.max(start)), kind: LineKind::Blank });
    }
    lines
}

fn read_front_matter_line(line: &str, meta: &mut Meta) {
    let Some((key, value)) = line.split_once(':') else {
        return;
    };
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string();
    if value.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" => meta.title = Some(value),
        "date" | "published" | "publish_date" | "tanggal" => meta.date = Some(value),
        "outlet" | "source" | "media" | "publisher" => meta.outlet = Some(value),
        "url" | "link" => meta.url = Some(value),
        "author" | "byline" | "penulis" => meta.byline = Some(value),
        _ => {}
    }
}

/// A short line in capitals (`ADVERTISEMENT`, `LIVE REPORT`) is navigation or promotion.
fn is_shouting(t: &str) -> bool {
    t.len() < 80
        && !t.chars().any(|c| c.is_lowercase())
        && t.chars().any(char::is_alphabetic)
        && t.split_whitespace().count() <= 6
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// A byline keyword followed by a few words, not a sentence that starts with `Oleh`.
fn is_short_name_line(t: &str) -> bool {
    t.split_whitespace().count() <= 8 && !t.ends_with('.')
}

/// A heading In Title Case: most of its longer words start with a capital.
fn is_title_case(t: &str) -> bool {
    if t.len() > 240 {
        return false; // a paragraph, not a heading
    }
    let mut words = 0;
    let mut caps = 0;
    for w in t.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        if w.chars().count() < 4 || !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    if words >= 3 {
        return caps * 10 >= words * 7 && !t.ends_with('.');
    }
    // A short line of capitalised words only: a header or site name (`Pantau Flash`).
    let all: Vec<&str> = t.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    !all.is_empty()
        && all.len() <= 4
        && all.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !t.ends_with(['.', ',', ';'])
}

fn dateline_place(head: &str) -> Option<String> {
    let lower = head.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for n in (1..=3).rev() {
        for w in words.windows(n) {
            let key = w.join(" ");
            if lexicon::places().contains_key(key.as_str()) {
                return Some(key);
            }
        }
    }
    None
}

fn guess_language(text: &str, lines: &[Line]) -> Lang {
    let (mut id, mut en) = (0u32, 0u32);
    let mut lw = String::new();
    for l in lines {
        if !matches!(l.kind, LineKind::Content { .. }) {
            continue;
        }
        for w in text[l.span.start..l.span.end].split(|c: char| !c.is_ascii_alphabetic() && c != '\'') {
            if w.is_empty() || w.len() > 24 {
                continue;
            }
            lw.clear();
            lw.push_str(w);
            lw.make_ascii_lowercase();
            if let Some(e) = lexicon::word(&lw) {
                id += e.stop_id as u32;
                en += e.stop_en as u32;
            }
        }
    }
    if en > id {
        Lang::En
    } else {
        Lang::Id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, LineKind)> {
        let a = Article::read(text, ReadOptions::default());
        a.lines.iter().map(|l| (text[l.span.start..l.span.end].to_string(), l.kind)).collect()
    }

    #[test]
    fn debris_bylines_and_stamps_are_not_content() {
        let text = "Judul berita ini\n\nRiva Suastha | CNN Indonesia\nSelasa, 31 Jan 2017 14:44 WIB\nBaca Juga:\nMenlu Bertemu Mitra\nBaca: Sesuatu Lain\nADVERTISEMENT\nHOME  ⁄  Internasional\nTrump Hak atas foto Getty Images\nFoto: Presiden X (getty images)\nPenulis :\nAhmad Ryansyah\n(aal)\nIsi berita.\n";
        let k = kinds(text);
        let get = |s: &str| k.iter().find(|(t, _)| t == s).unwrap().1;
        assert_eq!(get("Riva Suastha | CNN Indonesia"), LineKind::Byline);
        assert_eq!(get("Selasa, 31 Jan 2017 14:44 WIB"), LineKind::Stamp);
        assert_eq!(get("Baca Juga:"), LineKind::Debris);
        assert_eq!(get("Menlu Bertemu Mitra"), LineKind::Debris);
        assert_eq!(get("Baca: Sesuatu Lain"), LineKind::Debris);
        assert_eq!(get("ADVERTISEMENT"), LineKind::Debris);
        assert_eq!(get("HOME  ⁄  Internasional"), LineKind::Debris);
        assert_eq!(get("Trump Hak atas foto Getty Images"), LineKind::Debris);
        assert_eq!(get("Foto: Presiden X (getty images)"), LineKind::Debris);
        assert_eq!(get("Ahmad Ryansyah"), LineKind::Byline);
        assert_eq!(get("(aal)"), LineKind::Byline);
        assert_eq!(get("Isi berita."), LineKind::Content { title_case: false });
    }

    #[test]
    fn front_matter_is_read_and_skipped() {
        let text = "---\ntitle: \"Gempa\"\ndate: 2024-03-05\noutlet: Kabar\nurl: https://example.org/x\n---\n# Gempa\n";
        let a = Article::read(text, ReadOptions::default());
        assert_eq!(a.meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(a.meta.title.as_deref(), Some("Gempa"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Kabar"));
        assert!(a.lines[..6].iter().all(|l| l.kind == LineKind::FrontMatter));
    }

    #[test]
    fn dateline_is_masked_and_its_place_kept() {
        let text = "TRIBUNNEWS.COM, WASHINGTON - Presiden berbicara.\n";
        let a = Article::read(text, ReadOptions::default());
        assert_eq!(a.meta.dateline_place.as_deref(), Some("washington"));
        assert!(a.is_masked(3));
        assert!(!a.is_masked(text.find("Presiden").unwrap()));
    }

    #[test]
    fn language_is_guessed_from_function_words() {
        let id = Article::read("Rapat itu digelar di kantor dan berlangsung lama.", ReadOptions::default());
        let en = Article::read("The meeting was held at the office and it lasted long.", ReadOptions::default());
        assert_eq!(id.lang, Lang::Id);
        assert_eq!(en.lang, Lang::En);
    }
}
