//! Provenance: text that remembers, for every character, which character of the original file
//! it came from, so findings can point at the original line and column.

use serde::Serialize;

/// A 1-based line and column in the original file, counted in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Maps character offsets of an original text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Character offset at which each line starts.
    starts: Vec<u32>,
    chars: u32,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut n = 0u32;
        for c in text.chars() {
            n += 1;
            if c == '\n' {
                starts.push(n);
            }
        }
        LineIndex { starts, chars: n }
    }

    /// Position of the character at `offset` (a character index into the original text).
    pub fn position(&self, offset: u32) -> Position {
        let offset = offset.min(self.chars);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        Position {
            line: line + 1,
            column: (offset - self.starts[line]) as usize + 1,
        }
    }

    /// Number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// Text plus, for each of its bytes, the offset of the original character it came from.
///
/// Origins are kept per byte so that finding the origin of a match is an index, not a scan,
/// and so that edits copy slices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    text: String,
    origin: Vec<u32>,
}

/// One change to a [`Tracked`] text: replace the bytes `start..end` with `with`.
#[derive(Debug, Clone)]
pub struct Edit {
    /// Byte offset where the replaced span starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The replacement (empty to delete).
    pub with: String,
}

impl Tracked {
    /// Wraps an original text: character `i` comes from offset `i`.
    pub fn original(text: &str) -> Tracked {
        let mut origin = Vec::with_capacity(text.len());
        for (i, c) in text.chars().enumerate() {
            origin.extend(std::iter::repeat_n(i as u32, c.len_utf8()));
        }
        Tracked {
            text: text.to_string(),
            origin,
        }
    }

    /// The current text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Original offset of each character of the current text, in order.
    pub fn origins(&self) -> Vec<u32> {
        self.text
            .char_indices()
            .map(|(b, _)| self.origin[b])
            .collect()
    }

    /// Number of characters in the current text.
    pub fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Original offset of the character at byte offset `byte` (or of the last character).
    pub fn origin_at_byte(&self, byte: usize) -> u32 {
        self.origin
            .get(byte)
            .or(self.origin.last())
            .copied()
            .unwrap_or(0)
    }

    /// Applies non-overlapping edits (in any order; of two overlapping edits the earlier one
    /// wins). A replacement with as many characters as it replaces maps one to one; any other
    /// replacement maps every new character to the first replaced one (or, for a pure
    /// insertion, to the character that follows).
    pub fn apply(self, mut edits: Vec<Edit>) -> Tracked {
        if edits.is_empty() {
            return self;
        }
        edits.sort_by_key(|e| (e.start, e.end));
        let mut text = String::with_capacity(self.text.len());
        let mut origin = Vec::with_capacity(self.origin.len());
        let mut at = 0usize;
        for e in edits {
            if e.start < at {
                continue;
            }
            text.push_str(&self.text[at..e.start]);
            origin.extend_from_slice(&self.origin[at..e.start]);
            let old = &self.text[e.start..e.end];
            let anchor = self.origin_at_byte(e.start);
            if e.with.chars().count() == old.chars().count() {
                for ((ob, _), c) in old.char_indices().zip(e.with.chars()) {
                    origin.extend(std::iter::repeat_n(self.origin[e.start + ob], c.len_utf8()));
                }
            } else {
                origin.extend(std::iter::repeat_n(anchor, e.with.len()));
            }
            text.push_str(&e.with);
            at = e.end;
        }
        text.push_str(&self.text[at..]);
        origin.extend_from_slice(&self.origin[at..]);
        Tracked { text, origin }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_origins() {
        let t = Tracked::original("學(xué)習，好");
        let t = t.apply(vec![
            Edit {
                start: 3,
                end: 9,
                with: String::new(),
            },
            Edit {
                start: 12,
                end: 15,
                with: ",".into(),
            },
        ]);
        assert_eq!(t.as_str(), "學習,好");
        assert_eq!(t.origins(), vec![0, 6, 7, 8]);
        let idx = LineIndex::new("ab\ncd");
        assert_eq!(idx.position(3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(1), Position { line: 1, column: 2 });
    }
}
