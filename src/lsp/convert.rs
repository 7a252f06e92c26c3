//! Positions in the protocol layer: the one module that maps LSP positions
//! (UTF-16 or UTF-8 code units) to text offsets, for edits on the rope and
//! for analysis snapshots (through the core's `LineIndex`).

use crate::text::{Encoding, LineIndex, Position, Span};
use ropey::Rope;
use tower_lsp::lsp_types as lsp;

/// The char index in `rope` of an LSP position. Lines end at `\n` only (the
/// rope is built without Unicode line breaks, like `LineIndex`). A line past the end is the
/// end of the text; a character past the end of its line is the line's end
/// (before its line break); a position inside a character is its start.
pub fn rope_char(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    // The line without its break: `\n`, or `\r\n`.
    let mut len = line_slice.len_chars();
    if len > 0 && line_slice.char(len - 1) == '\n' {
        len -= 1;
        if len > 0 && line_slice.char(len - 1) == '\r' {
            len -= 1;
        }
    }
    let want = pos.character as usize;
    match enc {
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(line_start);
            let end_cu = rope.char_to_utf16_cu(line_start + len);
            let target = (base + want).min(end_cu);
            let c = rope.utf16_cu_to_char(target);
            // utf16_cu_to_char rounds down inside a surrogate pair.
            c.min(line_start + len)
        }
        Encoding::Utf8 => {
            let base = rope.char_to_byte(line_start);
            let end_b = rope.char_to_byte(line_start + len);
            let target = (base + want).min(end_b);
            rope.byte_to_char(target).min(line_start + len)
        }
    }
}

/// Converts a core range of a snapshot to an LSP range.
pub fn range(text: &str, index: &LineIndex, span: Span, enc: Encoding) -> lsp::Range {
    let r = index.range(text, span, enc);
    lsp::Range { start: position(r.start), end: position(r.end) }
}

pub fn position(p: Position) -> lsp::Position {
    lsp::Position { line: p.line, character: p.character }
}

/// The byte offset in a snapshot of an LSP position.
pub fn offset(text: &str, index: &LineIndex, pos: lsp::Position, enc: Encoding) -> usize {
    index.offset(text, Position { line: pos.line, character: pos.character }, enc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text_strategy() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "a", "é", "e\u{301}", "😀", "👍🏽", "\n", "\r\n", "\r", " ", "45 menit", "\u{2028}", "ß",
        ]);
        prop::collection::vec(atoms, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        /// Edits applied to the rope land where the snapshot's `LineIndex`
        /// says the same positions are, in both encodings.
        #[test]
        fn rope_edits_agree_with_the_line_index(
            text in text_strategy(),
            edits in prop::collection::vec((0u32..6, 0u32..12, 0u32..6, 0u32..12, text_strategy(), any::<bool>()), 1..8),
        ) {
            for utf8 in [false, true] {
                let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                let mut rope = Rope::from_str(&text);
                let mut plain = text.clone();
                for (l1, c1, l2, c2, insert, _) in &edits {
                    let a = lsp::Position { line: *l1, character: *c1 };
                    let b = lsp::Position { line: *l2, character: *c2 };
                    let (a, b) = if (a.line, a.character) <= (b.line, b.character) { (a, b) } else { (b, a) };
                    let index = LineIndex::new(&plain);
                    let (sa, sb) = (offset(&plain, &index, a, enc), offset(&plain, &index, b, enc));
                    let (ca, cb) = (rope_char(&rope, a, enc), rope_char(&rope, b, enc));
                    prop_assert_eq!(rope.char_to_byte(ca), sa);
                    prop_assert_eq!(rope.char_to_byte(cb.max(ca)), sb.max(sa));
                    rope.remove(ca..cb.max(ca));
                    rope.insert(ca, insert);
                    plain.replace_range(sa..sb.max(sa), insert);
                    prop_assert_eq!(rope.to_string(), plain.clone());
                }
            }
        }
    }

    fn p(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn rope_positions_follow_utf16_and_clamp() {
        let rope = Rope::from_str("a😀b\r\nxyz");
        assert_eq!(rope_char(&rope, p(0, 0), Encoding::Utf16), 0);
        assert_eq!(rope_char(&rope, p(0, 3), Encoding::Utf16), 2); // after the emoji: 'b'
        assert_eq!(rope_char(&rope, p(0, 2), Encoding::Utf16), 1); // inside the pair: the emoji
        assert_eq!(rope_char(&rope, p(0, 99), Encoding::Utf16), 3); // line end, before \r\n
        assert_eq!(rope_char(&rope, p(1, 1), Encoding::Utf16), 6);
        assert_eq!(rope_char(&rope, p(9, 0), Encoding::Utf16), rope.len_chars());
        assert_eq!(rope_char(&rope, p(0, 5), Encoding::Utf8), 2);
    }
}
