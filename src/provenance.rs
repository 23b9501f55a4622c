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

/// Characters between two byte checkpoints of a [`LineIndex`].
const CHECKPOINT: u32 = 256;

/// Maps character offsets of an original text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Character offset at which each line starts.
    starts: Vec<u32>,
    /// Byte offset of every CHECKPOINT-th character, so a slice costs at most CHECKPOINT
    /// characters of counting even on a 10 MB single-line file.
    checkpoints: Vec<usize>,
    chars: u32,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT as usize + 1);
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            if n.is_multiple_of(CHECKPOINT) {
                checkpoints.push(b);
            }
            n += 1;
            if c == '\n' {
                starts.push(n);
            }
        }
        if n.is_multiple_of(CHECKPOINT) {
            checkpoints.push(text.len());
        }
        LineIndex {
            starts,
            checkpoints,
            chars: n,
        }
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

    /// The original characters `from..to` (character offsets) of `text`, the text this index
    /// was built from: found through the line, so it costs a line, not the whole text.
    pub fn slice<'t>(&self, text: &'t str, from: u32, to: u32) -> &'t str {
        let byte = |offset: u32| -> usize {
            let offset = offset.min(self.chars);
            let k = (offset / CHECKPOINT) as usize;
            let from = self.checkpoints[k];
            let skip = (offset % CHECKPOINT) as usize;
            text[from..]
                .char_indices()
                .nth(skip)
                .map_or(text.len(), |(i, _)| from + i)
        };
        let (a, b) = (byte(from), byte(to.max(from)));
        &text[a..b]
    }
}

/// Text plus, for each of its characters, the offset of the original character it came from.
///
/// The map is stored as runs: within a *linear* run the characters come from consecutive
/// original characters, within a *constant* run they all come from one (a replacement of a
/// different length). Runs of the original are at most [`RUN_BYTES`] long, so finding the
/// origin of a byte offset is a binary search plus a short count, and an edit copies a few runs
/// instead of a map as large as the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    text: String,
    runs: Vec<Run>,
}

/// Longest run (in bytes) that [`Tracked::original`] creates.
pub const RUN_BYTES: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Byte offset in the current text where the run starts.
    byte: u32,
    /// Origin of the run's first character.
    origin: u32,
    /// Consecutive origins (true) or one origin for every character (false).
    linear: bool,
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

/// Appends runs, dropping a previous run that would be empty.
fn push_run(runs: &mut Vec<Run>, run: Run) {
    if let Some(last) = runs.last_mut()
        && last.byte == run.byte
    {
        *last = run;
        return;
    }
    runs.push(run);
}

impl Tracked {
    /// Wraps an original text: character `i` comes from offset `i`.
    pub fn original(text: &str) -> Tracked {
        assert!(
            text.len() < u32::MAX as usize,
            "texts over 4 GiB are not supported"
        );
        let mut runs = Vec::with_capacity(text.len() / RUN_BYTES + 16);
        let mut start = 0usize;
        let mut chars = 0u32;
        while start < text.len() || runs.is_empty() {
            runs.push(Run {
                byte: start as u32,
                origin: chars,
                linear: true,
            });
            let end = text.ceil_char_boundary(start + RUN_BYTES);
            chars += text[start..end].chars().count() as u32;
            start = end;
        }
        Tracked {
            text: text.to_string(),
            runs,
        }
    }

    /// The current text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Original offset of each character of the current text, in order.
    pub fn origins(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.text.len() / 2);
        for (k, run) in self.runs.iter().enumerate() {
            let end = self
                .runs
                .get(k + 1)
                .map_or(self.text.len(), |r| r.byte as usize);
            let n = self.text[run.byte as usize..end].chars().count() as u32;
            if run.linear {
                out.extend(run.origin..run.origin + n);
            } else {
                out.extend(std::iter::repeat_n(run.origin, n as usize));
            }
        }
        out
    }

    /// Number of characters in the current text.
    pub fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Original offset of the character at byte offset `byte` (or of the last character).
    pub fn origin_at_byte(&self, byte: usize) -> u32 {
        if self.text.is_empty() {
            return 0;
        }
        let byte = if byte >= self.text.len() {
            self.text.char_indices().next_back().map_or(0, |(b, _)| b)
        } else {
            self.text.floor_char_boundary(byte)
        };
        let k = self.runs.partition_point(|r| r.byte as usize <= byte) - 1;
        let run = self.runs[k];
        if run.linear {
            run.origin + self.text[run.byte as usize..byte].chars().count() as u32
        } else {
            run.origin
        }
    }

    /// Origins of the characters from byte offset `start` on, walking the runs instead of
    /// searching for each character.
    fn origins_from(&self, start: usize) -> impl Iterator<Item = u32> + '_ {
        let mut k = self
            .runs
            .partition_point(|r| r.byte as usize <= start)
            .max(1)
            - 1;
        let mut origin = self.origin_at_byte(start);
        let mut first = true;
        self.text[start..].char_indices().map(move |(rel, _)| {
            let b = start + rel;
            if !first {
                if self.runs.get(k + 1).is_some_and(|r| r.byte as usize <= b) {
                    k += 1;
                    origin = self.runs[k].origin;
                } else if self.runs[k].linear {
                    origin += 1;
                }
            }
            first = false;
            origin
        })
    }

    /// Appends the runs of `self.text[a..b]`, placed at byte `out` of the new text.
    fn copy_runs(&self, a: usize, b: usize, out: usize, runs: &mut Vec<Run>) {
        if a >= b {
            return;
        }
        let base = out as i64 - a as i64;
        let k = self.runs.partition_point(|r| r.byte as usize <= a) - 1;
        push_run(
            runs,
            Run {
                byte: out as u32,
                origin: self.origin_at_byte(a),
                linear: self.runs[k].linear,
            },
        );
        for run in &self.runs[k + 1..] {
            if run.byte as usize >= b {
                break;
            }
            push_run(
                runs,
                Run {
                    byte: (run.byte as i64 + base) as u32,
                    ..*run
                },
            );
        }
    }

    /// Applies non-overlapping edits (in any order; of two overlapping edits the earlier one
    /// wins). A replacement with as many characters as it replaces maps one to one; any other
    /// replacement maps every new character to the first replaced one.
    ///
    /// Edits that never lengthen the text (deletions, folds, t2s) are applied in place, so a
    /// pass over a large text does not allocate and fault in a second copy of it.
    ///
    /// # Panics
    /// If an edit's bounds are not character boundaries of the text.
    pub fn apply(self, mut edits: Vec<Edit>) -> Tracked {
        if edits.is_empty() {
            return self;
        }
        edits.sort_by_key(|e| (e.start, e.end));
        let mut at = 0usize;
        edits.retain(|e| {
            let keep = e.start >= at;
            if keep {
                at = e.end;
            }
            keep
        });
        for e in &edits {
            assert!(
                e.start <= e.end
                    && self.text.is_char_boundary(e.start)
                    && self.text.is_char_boundary(e.end),
                "edit {}..{} is not on character boundaries",
                e.start,
                e.end
            );
        }
        // Runs first: they only need the new lengths, and they read the old text.
        let mut runs = Vec::with_capacity(self.runs.len() + 2 * edits.len());
        let mut out = 0usize;
        let mut at = 0usize;
        for e in &edits {
            self.copy_runs(at, e.start, out, &mut runs);
            out += e.start - at;
            let old = &self.text[e.start..e.end];
            if e.with.is_empty() {
            } else if e.with.chars().count() == old.chars().count() {
                let mut expected = None;
                for (c, o) in e.with.chars().zip(self.origins_from(e.start)) {
                    if expected != Some(o) {
                        push_run(
                            &mut runs,
                            Run {
                                byte: out as u32,
                                origin: o,
                                linear: true,
                            },
                        );
                    }
                    expected = Some(o + 1);
                    out += c.len_utf8();
                }
            } else {
                let anchor = self.origin_at_byte(e.start);
                push_run(
                    &mut runs,
                    Run {
                        byte: out as u32,
                        origin: anchor,
                        linear: false,
                    },
                );
                out += e.with.len();
            }
            at = e.end;
        }
        self.copy_runs(at, self.text.len(), out, &mut runs);
        out += self.text.len() - at;
        if runs.is_empty() {
            runs.push(Run {
                byte: 0,
                origin: 0,
                linear: true,
            });
        }
        let text = if edits.iter().all(|e| e.with.len() <= e.end - e.start) {
            let len = self.text.len();
            let mut bytes = self.text.into_bytes();
            let (mut w, mut r) = (0usize, 0usize);
            for e in &edits {
                bytes.copy_within(r..e.start, w);
                w += e.start - r;
                bytes[w..w + e.with.len()].copy_from_slice(e.with.as_bytes());
                w += e.with.len();
                r = e.end;
            }
            bytes.copy_within(r..len, w);
            bytes.truncate(w + len - r);
            // SAFETY: `bytes` is the old text's UTF-8 with whole slices between character
            // boundaries (asserted above) moved left and valid UTF-8 strings written between them.
            unsafe { String::from_utf8_unchecked(bytes) }
        } else {
            let mut text = String::with_capacity(out);
            let mut r = 0usize;
            for e in &edits {
                text.push_str(&self.text[r..e.start]);
                text.push_str(&e.with);
                r = e.end;
            }
            text.push_str(&self.text[r..]);
            text
        };
        debug_assert_eq!(text.len(), out);
        Tracked { text, runs }
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
