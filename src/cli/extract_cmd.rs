//! `gongfu extract`: what each plan commits to, item by item.

use super::{Format, Ui, output};
use crate::error::Result;
use crate::extract::Target;
use crate::structure::{self, Measure};
use crate::workspace::{Doc, Workspace};
use clap::{Args as ClapArgs, ValueEnum};
use rayon::prelude::*;
use std::process::ExitCode;

/// What to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    /// Quantitative (and qualitative) targets: indicator, value, unit, comparator, year, kind.
    Targets,
    /// Numbered measures, goals paragraphs, indicator-table rows and tasks, with lead units.
    Measures,
}

/// Arguments of `gongfu extract`.
#[derive(Debug, ClapArgs)]
pub struct ExtractArgs {
    /// Region ids or plan files (default: every document of the corpus).
    #[arg(value_name = "REGION|FILE")]
    pub targets: Vec<String>,
    /// What to extract.
    #[arg(long, value_enum, default_value_t = What::Targets)]
    pub what: What,
    /// Start CSV output with a UTF-8 byte-order mark, so Excel reads the Chinese correctly.
    #[arg(long)]
    pub bom: bool,
}

pub(super) fn docs(ws: &Workspace, targets: &[String]) -> Result<Vec<Doc>> {
    if targets.is_empty() {
        return ws.all();
    }
    targets.par_iter().map(|t| ws.resolve(t)).collect()
}

pub(super) fn run(ws: &Workspace, args: &ExtractArgs, ui: Ui) -> Result<ExitCode> {
    let format = ui.format(
        "extract",
        &[
            Format::Table,
            Format::Json,
            Format::Jsonl,
            Format::Csv,
            Format::Md,
        ],
        Format::Table,
    )?;
    let docs = docs(ws, &args.targets)?;
    let outlines: Vec<_> = docs
        .par_iter()
        .map(|d| structure::parse(&ws.rules.structure, d))
        .collect();
    if !ui.quiet {
        for f in outlines.iter().flat_map(|o| &o.findings) {
            eprintln!("gongfu: {f}");
        }
    }
    if args.what == What::Targets {
        let extractor = ws.rules.extractor();
        let targets: Vec<Target> = docs
            .par_iter()
            .zip(&outlines)
            .flat_map(|(d, o)| extractor.document(d, o))
            .collect();
        output::emit(&targets_output(&targets, format, args.bom, docs.len()));
        return Ok(ExitCode::SUCCESS);
    }
    let measures: Vec<&Measure> = outlines.iter().flat_map(|o| &o.measures).collect();
    let out = match format {
        Format::Json => output::json(&measures),
        Format::Jsonl => measures
            .iter()
            .map(|m| format!("{}\n", serde_json::to_string(m).expect("serializable")))
            .collect(),
        Format::Csv => csv(&measures, args.bom),
        Format::Md => output::markdown(&HEADER, &rows(&measures, usize::MAX)),
        _ => {
            let mut t = output::table(&HEADER);
            for r in rows(&measures, 40) {
                t.add_row(r);
            }
            format!(
                "{t}\n{} items from {} documents\n",
                measures.len(),
                docs.len()
            )
        }
    };
    output::emit(&out);
    Ok(ExitCode::SUCCESS)
}

const HEADER: [&str; 7] = [
    "region",
    "measure",
    "part",
    "section",
    "theme",
    "lead units",
    "text",
];

fn rows(measures: &[&Measure], width: usize) -> Vec<Vec<String>> {
    let cut = |s: &Option<String>| {
        s.as_deref()
            .map(|s| structure::head(s, 16))
            .unwrap_or_default()
    };
    measures
        .iter()
        .map(|m| {
            vec![
                m.region.clone(),
                m.measure.clone(),
                cut(&m.part),
                cut(&m.section),
                cut(&m.theme),
                if width == usize::MAX {
                    m.lead_units.join("、")
                } else {
                    structure::head(&m.lead_units.join("、"), 16)
                },
                if width == usize::MAX {
                    m.text.replace('\n', " ")
                } else {
                    structure::head(&m.text, width)
                },
            ]
        })
        .collect()
}

/// RFC 4180 CSV: every field quoted when it needs to be.
fn csv(measures: &[&Measure], bom: bool) -> String {
    let q = output::csv_field;
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    out.push_str(
        "region,doc,part,section,theme,measure,lead_units,text,file,line_start,line_end\r\n",
    );
    for m in measures {
        let fields = [
            m.region.clone(),
            m.doc.clone(),
            m.part.clone().unwrap_or_default(),
            m.section.clone().unwrap_or_default(),
            m.theme.clone().unwrap_or_default(),
            m.measure.clone(),
            m.lead_units.join("、"),
            m.text.clone(),
            m.source.file.clone(),
            m.source.line_start.to_string(),
            m.source.line_end.to_string(),
        ];
        out.push_str(&fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn targets_output(targets: &[Target], format: Format, bom: bool, docs: usize) -> String {
    match format {
        Format::Json => output::json(&targets),
        Format::Jsonl => targets
            .iter()
            .map(|t| format!("{}\n", serde_json::to_string(t).expect("serializable")))
            .collect(),
        Format::Csv => {
            let q = output::csv_field;
            let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            out.push_str("region,doc,measure,indicator,indicator_id,value,value_max,unit,base_value,base_unit,comparator,year,kind,polarity,text,file,line,column,rule\r\n");
            for t in targets {
                let fields = [
                    t.region.clone(),
                    t.doc.clone(),
                    t.measure.clone(),
                    t.indicator.clone(),
                    t.indicator_id.clone().unwrap_or_default(),
                    opt(t.value),
                    opt(t.value_max),
                    t.unit.clone().unwrap_or_default(),
                    opt(t.base_value),
                    t.base_unit.clone().unwrap_or_default(),
                    t.comparator
                        .map(|c| c.symbol().to_string())
                        .unwrap_or_default(),
                    t.year.map(|y| y.to_string()).unwrap_or_default(),
                    t.kind.as_str().to_string(),
                    t.polarity
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_default(),
                    t.text.clone(),
                    t.source.file.clone(),
                    t.source.line.to_string(),
                    t.source.column.to_string(),
                    t.rule.clone(),
                ];
                out.push_str(&fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(","));
                out.push_str("\r\n");
            }
            out
        }
        _ => {
            let header = ["region", "measure", "indicator", "target", "year", "kind"];
            let rows: Vec<Vec<String>> = targets
                .iter()
                .map(|t| {
                    vec![
                        t.region.clone(),
                        t.measure.clone(),
                        structure::head(&t.indicator, 30),
                        t.shown(),
                        t.year.map(|y| y.to_string()).unwrap_or_default(),
                        t.kind.as_str().to_string(),
                    ]
                })
                .collect();
            if format == Format::Md {
                return output::markdown(&header, &rows);
            }
            let mut t = output::table(&header);
            for r in rows {
                t.add_row(r);
            }
            format!("{t}\n{} targets from {docs} documents\n", targets.len())
        }
    }
}
