//! `gongfu diff A B`: two plans side by side — the indicators both set, each side's target and
//! the verdict from A's point of view; with `--all` also what only one of them sets.

use super::{Format, Ui, output};
use crate::check::diff::{Diff, diff};
use crate::check::{Pairing, Verdict};
use crate::error::Result;
use crate::extract::Target;
use crate::structure;
use crate::workspace::Workspace;
use clap::Args as ClapArgs;
use std::process::ExitCode;

/// Arguments of `gongfu diff`.
#[derive(Debug, ClapArgs)]
pub struct DiffArgs {
    /// The region whose point of view the verdicts take.
    #[arg(value_name = "A")]
    pub a: String,
    /// The region it is compared with (any region with a document, not only an ancestor).
    #[arg(value_name = "B")]
    pub b: String,
    /// Also list the indicators only A or only B sets.
    #[arg(long)]
    pub all: bool,
    /// Start CSV output with a UTF-8 byte-order mark, so Excel reads the Chinese correctly.
    #[arg(long)]
    pub bom: bool,
}

fn name(t: &Target) -> String {
    t.indicator_id
        .clone()
        .unwrap_or_else(|| t.indicator.clone())
}

fn at(t: &Target) -> String {
    format!("{} · {}", t.shown_with_base(), t.measure)
}

pub(super) fn run(ws: &Workspace, args: &DiffArgs, ui: Ui) -> Result<ExitCode> {
    let format = ui.format(
        "diff",
        &[Format::Table, Format::Json, Format::Csv, Format::Md],
        Format::Table,
    )?;
    let d = diff(ws, &args.a, &args.b, args.all)?;
    let out = match format {
        Format::Json => output::json(&d),
        Format::Csv => csv(&d, args.bom),
        Format::Md => markdown(&d),
        _ => table(&d),
    };
    output::emit(&out);
    Ok(ExitCode::SUCCESS)
}

fn shared_rows(d: &Diff, width: usize) -> Vec<Vec<String>> {
    d.shared
        .iter()
        .map(|r| {
            let pairing = match r.pairing {
                Pairing::Lexicon => String::new(),
                Pairing::Probable { score } => format!(" ~{score:.2}"),
            };
            vec![
                r.marker.to_string(),
                format!("{}{pairing}", structure::head(&name(&r.a), width)),
                at(&r.a),
                at(&r.b),
                r.verdict.as_str().to_string(),
            ]
        })
        .collect()
}

fn only_rows(targets: &[Target], width: usize) -> Vec<Vec<String>> {
    targets
        .iter()
        .map(|t| vec![structure::head(&name(t), width), at(t)])
        .collect()
}

fn counts(d: &Diff) -> String {
    let n = |v: Verdict| d.shared.iter().filter(|r| r.verdict == v).count();
    let mut parts = Vec::new();
    for v in [
        Verdict::Stricter,
        Verdict::Equal,
        Verdict::Weaker,
        Verdict::WithinTotal,
        Verdict::ExceedsTotal,
        Verdict::Horizon,
        Verdict::Unjudgeable,
    ] {
        if n(v) > 0 {
            parts.push(format!("{} {} {}", v.marker(), n(v), v.as_str()));
        }
    }
    format!(
        "{} shared indicators ({}); verdicts from {}'s point of view{}\n",
        d.shared.len(),
        parts.join(", "),
        d.a,
        match (&d.only_a, &d.only_b) {
            (Some(a), Some(b)) =>
                format!("; {} only in {}, {} only in {}", a.len(), d.a, b.len(), d.b),
            _ => "; --all lists what only one of them sets".to_string(),
        }
    )
}

fn table(d: &Diff) -> String {
    let mut t = output::table(&["", "indicator", &d.a, &d.b, "verdict"]);
    for r in shared_rows(d, 36) {
        t.add_row(r);
    }
    let mut out = format!("{t}\n");
    for (who, list) in [(&d.a, &d.only_a), (&d.b, &d.only_b)] {
        if let Some(list) = list {
            let mut t = output::table(&[&format!("only {who}"), "target · measure"]);
            for r in only_rows(list, 30) {
                t.add_row(r);
            }
            out.push_str(&format!("{t}\n"));
        }
    }
    out.push_str(&counts(d));
    out
}

fn markdown(d: &Diff) -> String {
    let mut out = output::markdown(
        &["", "indicator", &d.a, &d.b, "verdict"],
        &shared_rows(d, usize::MAX),
    );
    for (who, list) in [(&d.a, &d.only_a), (&d.b, &d.only_b)] {
        if let Some(list) = list {
            out.push('\n');
            out.push_str(&output::markdown(
                &[&format!("only {who}"), "target · measure"],
                &only_rows(list, usize::MAX),
            ));
        }
    }
    out.push('\n');
    out.push_str(&counts(d));
    out
}

fn csv(d: &Diff, bom: bool) -> String {
    let q = output::csv_field;
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    out.push_str("section,indicator,indicator_id,pairing,score,verdict,marker,a_target,a_base_value,a_base_unit,a_year,a_file,a_line,a_column,b_target,b_base_value,b_base_unit,b_year,b_file,b_line,b_column\r\n");
    let side = |t: Option<&Target>| -> Vec<String> {
        match t {
            None => vec![String::new(); 7],
            Some(t) => vec![
                t.shown(),
                t.base_value.map(|v| v.to_string()).unwrap_or_default(),
                t.base_unit.clone().unwrap_or_default(),
                t.year.map(|y| y.to_string()).unwrap_or_default(),
                t.source.file.clone(),
                t.source.line.to_string(),
                t.source.column.to_string(),
            ],
        }
    };
    let mut line = |section: &str,
                    t: &Target,
                    id: Option<&String>,
                    pairing: Option<Pairing>,
                    verdict: Option<Verdict>,
                    a: Option<&Target>,
                    b: Option<&Target>| {
        let (method, score) = match pairing {
            Some(Pairing::Lexicon) => ("lexicon".to_string(), String::new()),
            Some(Pairing::Probable { score }) => ("probable".to_string(), format!("{score:.3}")),
            None => (String::new(), String::new()),
        };
        let mut fields = vec![
            section.to_string(),
            t.indicator.clone(),
            id.cloned().unwrap_or_default(),
            method,
            score,
            verdict.map(|v| v.as_str().to_string()).unwrap_or_default(),
            verdict.map(|v| v.marker().to_string()).unwrap_or_default(),
        ];
        fields.extend(side(a));
        fields.extend(side(b));
        out.push_str(&fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    for r in &d.shared {
        line(
            "shared",
            &r.a,
            r.indicator_id.as_ref(),
            Some(r.pairing),
            Some(r.verdict),
            Some(&r.a),
            Some(&r.b),
        );
    }
    for t in d.only_a.iter().flatten() {
        line(
            "only-a",
            t,
            t.indicator_id.as_ref(),
            None,
            None,
            Some(t),
            None,
        );
    }
    for t in d.only_b.iter().flatten() {
        line(
            "only-b",
            t,
            t.indicator_id.as_ref(),
            None,
            None,
            None,
            Some(t),
        );
    }
    out
}
