//! Positions in the protocol layer: the one module that maps LSP positions
//! (UTF-16 or UTF-8 code units) to text offsets, for edits on the rope and
//! for analysis snapshots (through the core's `LineIndex`).

use crate::text::{Encoding, LineIndex, Position, Span};
use ropey::Rope;
use tower_lsp::lsp_types as lsp;

/// The char index in `rope` of an LSP position. A line past the end is the
/// end of the text; a character past the end of its line is the line's end
/// (before its line break); a position inside a character is its start.
pub fn rope_char(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    // The line without its break (\n, \r\n, or other breaks ropey counts).
    let mut len = line_slice.len_chars();
    while len > 0 {
        let c = line_slice.char(len - 1);
        if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' || c == '\u{b}' || c == '\u{c}'
        {
            len -= 1;
        } else {
            break;
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
