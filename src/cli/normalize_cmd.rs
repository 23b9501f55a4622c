//! `gongfu normalize`: the normalized text, per-rule statistics, or an original-vs-normalized
//! line diff.

use super::{Format, Ui, output};
use crate::error::Result;
use crate::workspace::{Doc, Workspace};
use clap::Args as ClapArgs;
use std::process::ExitCode;

/// Arguments of `gongfu normalize`.
#[derive(Debug, ClapArgs)]
pub struct NormalizeArgs {
    /// A region id from the corpus (`fenghua`) or a path to a plan file.
    #[arg(value_name = "REGION|FILE")]
    pub target: String,
    /// Show what each pass and rule changed instead of the text.
    #[arg(long, conflicts_with = "diff")]
    pub stats: bool,
    /// Show each original line that changed, followed by what it became.
    #[arg(long)]
    pub diff: bool,
}

pub(super) fn run(ws: &Workspace, args: &NormalizeArgs, ui: Ui) -> Result<ExitCode> {
    let allowed: &[Format] = if args.stats {
        &[Format::Text, Format::Table, Format::Json]
    } else {
        &[Format::Text]
    };
    let format = ui.format("normalize", allowed, Format::Text)?;
    let doc = ws.resolve(&args.target)?;
    if ui.verbose {
        let r = &doc.normalized.report;
        eprintln!(
            "gongfu: {}: {} ({} bytes), {} script ({:.1}% of sampled Han characters change under t2s)",
            doc.loaded.path,
            doc.loaded.encoding,
            doc.loaded.bytes,
            r.script.as_str(),
            r.traditional_share * 100.0
        );
        let passes: Vec<String> = doc
            .normalized
            .timings
            .iter()
            .map(|(p, t)| format!("{p} {:.1} ms", t.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("gongfu: passes: {}", passes.join(", "));
    }
    if args.stats {
        if format == Format::Json {
            output::emit(&output::json(&serde_json::json!({
                "file": doc.loaded.path,
                "encoding": doc.loaded.encoding,
                "report": doc.normalized.report,
            })));
        } else {
            output::emit(&stats(&doc, ui));
        }
    } else if args.diff {
        output::emit(&diff(&doc, ui));
    } else {
        let mut s = doc.normalized.text.as_str().to_string();
        s.push('\n');
        output::emit(&s);
    }
    if !ui.quiet && !args.stats && !doc.normalized.report.unreadable.is_empty() {
        eprintln!(
            "gongfu: {}: {} unreadable span(s) marked � (see --stats)",
            doc.loaded.path,
            doc.normalized.report.unreadable.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(doc: &Doc, ui: Ui) -> String {
    let r = &doc.normalized.report;
    let head = |s: &str| output::paint(ui.color, "1", s);
    let mut out = format!(
        "{}\n  encoding {}, {} bytes; script {} ({:.1}% of sampled Han characters change under t2s)\n  {} original lines → {} normalized lines; {} characters converted by t2s\n\n",
        head(&doc.loaded.path),
        doc.loaded.encoding,
        doc.loaded.bytes,
        r.script.as_str(),
        r.traditional_share * 100.0,
        doc.normalized.index.lines(),
        doc.normalized.text.as_str().lines().count(),
        r.converted_chars,
    );
    let mut t = output::table(&["pass", "rule", "count", "chars"]);
    for c in &r.counts {
        t.add_row(vec![
            c.pass.to_string(),
            c.rule.clone(),
            c.count.to_string(),
            c.chars.to_string(),
        ]);
    }
    out.push_str(&format!("{}\n{t}\n", head("Changes per rule")));
    if !r.dropped_lines.is_empty() {
        out.push_str(&format!("\n{}\n", head("Dropped lines")));
        for d in &r.dropped_lines {
            out.push_str(&format!(
                "  line {:>4}  {:<22} {}\n",
                d.line, d.rule, d.text
            ));
        }
    }
    if !r.footnotes.is_empty() {
        out.push_str(&format!("\n{}\n", head("Footnote markers")));
        for f in &r.footnotes {
            out.push_str(&format!(
                "  [{}] after “{}” at {}\n",
                f.number, f.term, f.position
            ));
        }
    }
    if !r.unreadable.is_empty() {
        out.push_str(&format!("\n{}\n", head("Unreadable spans (mojibake)")));
        for u in &r.unreadable {
            let fate = match (&u.repaired, &u.candidate) {
                (Some(rep), _) => format!("repaired as “{rep}” (first character lost)"),
                (None, Some(c)) => format!("unconfirmed re-alignment “{c}”"),
                (None, None) => "no re-alignment possible (bytes lost)".to_string(),
            };
            out.push_str(&format!("  {}-{}  {}  {}\n", u.start, u.end, u.text, fate));
        }
    }
    out
}

fn diff(doc: &Doc, ui: Ui) -> String {
    let original: Vec<&str> = doc.loaded.text.lines().collect();
    let mut became: Vec<String> = vec![String::new(); original.len()];
    let text = &doc.normalized.text;
    for (c, o) in text.as_str().chars().zip(text.origins()) {
        let line = doc.normalized.index.position(o).line - 1;
        if let Some(s) = became.get_mut(line)
            && c != '\n'
        {
            s.push(c);
        }
    }
    let mut out = String::new();
    let mut changed = 0;
    for (n, (orig, new)) in original.iter().zip(&became).enumerate() {
        if orig.trim() == new.trim() {
            continue;
        }
        changed += 1;
        out.push_str(&output::paint(
            ui.color,
            "31",
            &format!("-{:>5} | {orig}", n + 1),
        ));
        out.push('\n');
        if !new.is_empty() {
            out.push_str(&output::paint(
                ui.color,
                "32",
                &format!("+{:>5} | {new}", ""),
            ));
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "{changed} of {} original lines changed\n",
        original.len()
    ));
    out
}
