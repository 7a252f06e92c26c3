//! Text primitives of the pure core: byte spans, the tokenizer, folding for
//! matching, and `LineIndex`, the one place that turns byte offsets into
//! line/column positions (UTF-16 or UTF-8 code units) and back.

use serde::Serialize;

/// A half-open byte range into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// How columns are counted in a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units, the LSP default.
    #[default]
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Line starts of a text, for converting offsets to positions and back.
///
/// Lines end at `\n`; a `\r` before it belongs to the line it ends, so CRLF
/// text keeps exact columns. Long lines carry checkpoints (a byte offset and
/// the UTF-16 column there) every `CHECKPOINT` bytes, so a position costs at
/// most that many bytes of counting, however long the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// (byte offset, UTF-16 units from its line's start), sorted by offset;
    /// only inside lines longer than `CHECKPOINT` bytes.
    marks: Vec<(usize, u32)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map(|&s| s - 1).unwrap_or(text.len());
            if end - start <= CHECKPOINT {
                continue;
            }
            let mut units = 0u32;
            let mut next = start + CHECKPOINT;
            for (j, c) in text[start..end].char_indices() {
                if start + j >= next {
                    marks.push((start + j, units));
                    next = start + j + CHECKPOINT;
                }
                units += c.len_utf16() as u32;
            }
        }
        LineIndex { starts, len: text.len(), marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Byte offset where `line` ends (before its `\n`), if the text has that line.
    pub fn line_end(&self, line: usize) -> Option<usize> {
        self.starts.get(line)?;
        Some(self.starts.get(line + 1).map(|&s| s - 1).unwrap_or(self.len))
    }

    /// Zero-based line holding the byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The checkpoint nearest before `offset` on the line starting at `start`.
    fn mark_before(&self, start: usize, offset: usize) -> (usize, u32) {
        let i = self.marks.partition_point(|m| m.0 <= offset);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            Some(m) if m.0 >= start => m,
            _ => (start, 0),
        }
    }

    /// The position of a byte offset. An offset inside a character counts from
    /// that character's start; an offset past the end is the end.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                let (from, units) = self.mark_before(start, offset);
                units as usize + text[from..offset].chars().map(char::len_utf16).sum::<usize>()
            }
        };
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range { start: self.position(text, span.start, enc), end: self.position(text, span.end, enc) }
    }

    /// The byte offset of a position. A line past the end gives the end of the
    /// text; a column past the end of its line gives the line's end (before
    /// `\r\n`); a column inside a character gives that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let (mut end, has_break) = match self.starts.get(line + 1) {
            Some(&s) => (s - 1, true),
            None => (text.len(), false),
        };
        // `\r\n` ends a line; a `\r` alone is text.
        if has_break && end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let want = pos.character as usize;
        if enc == Encoding::Utf8 {
            let mut o = (start + want).min(end);
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        // The last checkpoint of the line at or before the wanted column.
        let lo = self.marks.partition_point(|m| m.0 < start);
        let hi = self.marks.partition_point(|m| m.0 < end);
        let k = self.marks[lo..hi].partition_point(|m| m.1 as usize <= want);
        let (from, mut units) = match k.checked_sub(1) {
            Some(k) => (self.marks[lo + k].0, self.marks[lo + k].1 as usize),
            None => (start, 0),
        };
        for (i, c) in text[from..end].char_indices() {
            if units >= want {
                return from + i;
            }
            units += c.len_utf16();
            if units > want {
                return from + i;
            }
        }
        end
    }
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, combining marks and inner apostrophes.
    Word,
    /// ASCII digits only; separators are punctuation tokens.
    Num,
    /// Any other single non-space character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace comes before this token.
    pub gap: bool,
    /// A line break comes before this token.
    pub newline: bool,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Combining marks (accents typed as separate code points).
pub fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits `text[range]` into tokens with byte offsets into `text`.
pub fn tokenize(text: &str, range: Span, out: &mut Vec<Token>) {
    let s = &text[range.start..range.end];
    let mut it = s.char_indices().peekable();
    let mut gap = true;
    let mut newline = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            gap = true;
            if c == '\n' {
                newline = true;
            }
            continue;
        }
        let start = range.start + i;
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = range.start + j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            TokKind::Num
        } else if is_word_char(c) && !c.is_numeric() {
            loop {
                match it.peek() {
                    Some(&(j, d)) if is_word_char(d) && !d.is_numeric() => {
                        end = range.start + j + d.len_utf8();
                        it.next();
                    }
                    Some(&(j, d)) if is_apostrophe(d) => {
                        // Keep an apostrophe between letters (O'Brien, Jum'at).
                        let after = s[j + d.len_utf8()..].chars().next();
                        if after.is_some_and(|a| a.is_alphabetic()) {
                            end = range.start + j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            TokKind::Word
        } else {
            TokKind::Punct
        };
        out.push(Token { start, end, kind, gap, newline });
        gap = false;
        newline = false;
    }
}

/// Folds a name for matching: diacritics removed, transliterated to ASCII,
/// lowercased. `Erdoğan` and `Erdogan` fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.push_str(s);
    } else {
        out.push_str(&deunicode::deunicode(s));
    }
    out.make_ascii_lowercase();
    out
}

/// Whether the first character is uppercase.
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter is uppercase and there are at least two letters.
pub fn is_all_caps(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            n += 1;
        }
    }
    n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_after_emoji_and_crlf() {
        let text = "a😀b\r\nçe\u{301}x";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(idx.position(text, b, Encoding::Utf16), Position { line: 0, character: 3 });
        assert_eq!(idx.position(text, b, Encoding::Utf8), Position { line: 0, character: 5 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x, Encoding::Utf16), Position { line: 1, character: 3 });
        assert_eq!(idx.offset(text, Position { line: 1, character: 3 }, Encoding::Utf16), x);
        assert_eq!(idx.offset(text, Position { line: 0, character: 99 }, Encoding::Utf16), b + 1);
        assert_eq!(idx.offset(text, Position { line: 9, character: 0 }, Encoding::Utf16), text.len());
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(idx.offset(text, Position { line: 0, character: 2 }, Encoding::Utf16), 1);
    }

    #[test]
    fn positions_on_a_long_line_match_counting_from_the_start() {
        let text = "é😀ab\u{301}".repeat(900) + "\nx";
        let idx = LineIndex::new(&text);
        for offset in (0..text.len()).filter(|&o| text.is_char_boundary(o)).step_by(37) {
            let want: usize = text[..offset].chars().map(char::len_utf16).sum();
            let p = idx.position(&text, offset, Encoding::Utf16);
            assert_eq!(p, Position { line: 0, character: want as u32 }, "offset {offset}");
            assert_eq!(idx.offset(&text, p, Encoding::Utf16), offset);
        }
    }

    #[test]
    fn tokens_split_digits_letters_and_keep_inner_apostrophes() {
        let text = "Jum'at 1min3sec al-Assad’s";
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["Jum'at", "1", "min", "3", "sec", "al", "-", "Assad’s"]);
    }

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Orbán"), "orban");
        assert_eq!(fold("Zelenskyy"), "zelenskyy");
    }
}
