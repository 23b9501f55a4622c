//! GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=…::…`
//! line per finding, which GitHub shows as annotations on the run and the pull request.

use crate::check::Report;
use crate::findings::Severity;

/// Escapes a command's message (`%`, CR, LF), as the runner's toolkit does.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line per finding.
pub fn annotations(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let title = match (&f.ancestor, &f.indicator_id) {
            (Some(a), Some(id)) => format!("gongfu {}: {id} ({} vs {a})", f.check, f.region),
            (Some(a), None) => format!("gongfu {}: {} vs {a}", f.check, f.region),
            (None, Some(id)) => format!("gongfu {}: {id}", f.check),
            (None, None) => format!("gongfu {}", f.check),
        };
        let mut message = f.message.clone();
        if let (Some(p), Some(r)) = (&f.parent, &f.related) {
            message.push_str(&format!("\n{r}: {}", p.text));
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            property(&f.location.file),
            f.location.line,
            f.location.column,
            property(&title),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(data("50%\nx"), "50%25%0Ax");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
