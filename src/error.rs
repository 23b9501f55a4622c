//! Library errors. Every variant names the file and, where it can, the line and column, and
//! says what the user can do about it. All of them map to exit code 2 in the binary.

use std::path::PathBuf;

/// A failure that stops gongfu before it can report findings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read from disk.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file's bytes are not text gongfu can decode.
    #[error("{path}: {message}")]
    Decode {
        /// The file.
        path: String,
        /// What is wrong, with the byte offset and line where it is known.
        message: String,
    },
    /// The corpus manifest is malformed or inconsistent.
    #[error("{path}:{line}:{column}: manifest error: {message}")]
    Manifest {
        /// The manifest file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A rules file is malformed or one of its patterns does not compile.
    #[error("{path}:{line}:{column}: rule error: {message}")]
    Rules {
        /// The rules file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The user named something that does not exist (a region, a file).
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Finds the 1-based line and column where `needle` occurs for the `nth` time (0-based) in
/// `text`, for errors about YAML documents whose parsed values carry no positions.
pub fn locate(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let mut from = 0;
    let mut found = None;
    for _ in 0..=nth {
        match text[from..].find(needle) {
            Some(i) => {
                found = Some(from + i);
                from += i + needle.len().max(1);
            }
            None => break,
        }
    }
    match found {
        Some(at) => line_col(text, at),
        None => (1, 1),
    }
}

/// 1-based line and column (in code points) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}
