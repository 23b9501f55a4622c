//! `gongfu explain`: every quantity in a text, whether it became a target and why, and the
//! targets with the rule that matched. This is how rule authors debug.

use super::{Format, Ui, output};
use crate::error::{Error, Result};
use crate::structure::{self, Measure};
use crate::workspace::{Doc, Workspace};
use clap::Args as ClapArgs;
use std::process::ExitCode;

/// Arguments of `gongfu explain`.
#[derive(Debug, ClapArgs)]
pub struct ExplainArgs {
    /// Text to explain (normalized first, like a plan).
    #[arg(long, conflicts_with_all = ["region", "measure"])]
    pub text: Option<String>,
    /// A region id or plan file…
    #[arg(value_name = "REGION|FILE", requires = "measure")]
    pub region: Option<String>,
    /// …and a measure in it: `52`, `goals`, `table:7`, `task:35`.
    #[arg(value_name = "MEASURE")]
    pub measure: Option<String>,
}

pub(super) fn run(ws: &Workspace, args: &ExplainArgs, ui: Ui) -> Result<ExitCode> {
    let format = ui.format("explain", &[Format::Text, Format::Json], Format::Text)?;
    let (doc, measures): (Doc, Vec<Measure>) = match (&args.text, &args.region, &args.measure) {
        (Some(text), _, _) => {
            let (doc, m) = ws.text_doc("<text>", text)?;
            (doc, vec![m])
        }
        (None, Some(region), Some(measure)) => {
            let doc = ws.resolve(region)?;
            let outline = structure::parse(&ws.rules.structure, &doc);
            let found: Vec<Measure> = outline
                .measures
                .iter()
                .filter(|m| &m.measure == measure)
                .cloned()
                .collect();
            if found.is_empty() {
                return Err(Error::Usage(format!(
                    "{region} has no measure `{measure}`; `gongfu outline {region}` lists them (ids: 52, goals, table:7, task:35)"
                )));
            }
            (doc, found)
        }
        _ => {
            return Err(Error::Usage(
                "give --text \"…\" or a REGION and a MEASURE: gongfu explain --text \"城镇化率达到75%\", gongfu explain ningbo 99".into(),
            ));
        }
    };
    let ex = ws.rules.extractor();
    let mut json_items = Vec::new();
    let mut out = String::new();
    for m in &measures {
        let text = &doc.normalized.text.as_str()[m.span.0..m.span.1];
        let quantities = ws.rules.quantities.find(text);
        let targets = if m.measure.starts_with("table:") || m.measure.starts_with("task:") {
            let outline = structure::parse(&ws.rules.structure, &doc);
            ex.document(&doc, &outline)
                .into_iter()
                .filter(|t| t.measure == m.measure)
                .collect()
        } else {
            ex.text_targets(&doc, m)
        };
        if format == Format::Json {
            json_items.push(serde_json::json!({
                "measure": m.measure,
                "normalized": text,
                "quantities": quantities,
                "targets": targets,
            }));
            continue;
        }
        out.push_str(&output::paint(
            ui.color,
            "1",
            &format!("measure {}", m.measure),
        ));
        out.push_str(&format!("\nnormalized: {text}\n\nquantities:\n"));
        if quantities.is_empty() {
            out.push_str("  (none)\n");
        }
        for q in &quantities {
            let reading = match (q.value_max, &q.unit) {
                (Some(max), u) => format!("{}–{} {}", q.value, max, u.as_deref().unwrap_or("")),
                (None, u) => format!("{} {}", q.value, u.as_deref().unwrap_or("")),
            };
            let base = q
                .base_unit
                .as_ref()
                .map(|b| format!(" = {} {b}", q.base_value))
                .unwrap_or_default();
            let cmp = q
                .comparator
                .map(|c| {
                    format!(
                        ", {} ({})",
                        c.symbol(),
                        q.comparator_rule.as_deref().unwrap_or("")
                    )
                })
                .unwrap_or_default();
            let verdict = match ex.skip_reason(text, q) {
                Some(why) => output::paint(ui.color, "2", &format!("not a target: {why}")),
                None => output::paint(ui.color, "32", "target"),
            };
            out.push_str(&format!(
                "  {:<14} {}{base}{cmp} — {verdict}\n",
                q.text,
                reading.trim_end()
            ));
        }
        out.push_str("\ntargets:\n");
        if targets.is_empty() {
            out.push_str("  (none)\n");
        }
        for t in &targets {
            out.push_str(&format!(
                "  {} {}  year {}  kind {}  id {}  rule {}\n    text: {}  at {}:{}\n",
                t.indicator,
                t.shown(),
                t.year.map_or("-".into(), |y| y.to_string()),
                t.kind.as_str(),
                t.indicator_id.as_deref().unwrap_or("-"),
                t.rule,
                t.text.replace('\n', " "),
                t.source.line,
                t.source.column,
            ));
        }
        out.push('\n');
    }
    if format == Format::Json {
        let v = if json_items.len() == 1 {
            json_items.remove(0)
        } else {
            serde_json::Value::Array(json_items)
        };
        output::emit(&output::json(&v));
    } else {
        output::emit(&out);
    }
    Ok(ExitCode::SUCCESS)
}
