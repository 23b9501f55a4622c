//! Findings: what gongfu reports about a plan, each with a check name, a severity and the
//! original position it is about.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Note,
    /// Probably a problem.
    Warning,
    /// A problem.
    Error,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A position in an original file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The file as shown in reports.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Something gongfu found in one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check that found it (`numbering`, `unreadable` …).
    pub check: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The region whose plan it is about.
    pub region: String,
    /// Where in the original file.
    pub location: Location,
    /// One sentence saying what is wrong.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} [{}]: {}",
            self.location,
            self.severity.as_str(),
            self.check,
            self.message
        )
    }
}
