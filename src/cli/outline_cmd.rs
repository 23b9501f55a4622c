//! `gongfu outline`: how gongfu read a plan, as a tree.

use super::{Format, Ui, output};
use crate::error::Result;
use crate::structure::{self, ItemKind};
use crate::workspace::Workspace;
use clap::Args as ClapArgs;
use std::process::ExitCode;

/// Arguments of `gongfu outline`.
#[derive(Debug, ClapArgs)]
pub struct OutlineArgs {
    /// A region id from the corpus (`fenghua`) or a path to a plan file.
    #[arg(value_name = "REGION|FILE")]
    pub target: String,
}

pub(super) fn run(ws: &Workspace, args: &OutlineArgs, ui: Ui) -> Result<ExitCode> {
    let format = ui.format("outline", &[Format::Text, Format::Json], Format::Text)?;
    let doc = ws.resolve(&args.target)?;
    let outline = structure::parse(&ws.rules.structure, &doc);
    if format == Format::Json {
        output::emit(&output::json(&serde_json::json!({
            "region": outline.region,
            "file": outline.file,
            "items": outline.items,
            "indicator_tables": outline.indicator_tables,
            "task_tables": outline.task_tables,
            "findings": outline.findings,
        })));
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let title = doc.meta.as_ref().map_or("", |m| m.title.as_str());
    out.push_str(&output::paint(
        ui.color,
        "1",
        &format!("{} {title}", outline.file),
    ));
    out.push('\n');
    // Consecutive paragraphs of the same kind collapse into one line with a count.
    let mut k = 0;
    let items = &outline.items;
    while k < items.len() {
        let it = &items[k];
        let pad = "  ".repeat(it.depth);
        let run = items[k..]
            .iter()
            .take_while(|o| {
                o.kind == it.kind
                    && o.depth == it.depth
                    && matches!(it.kind, ItemKind::Text | ItemKind::Preamble)
            })
            .count()
            .max(1);
        let line = match it.kind {
            ItemKind::Part | ItemKind::Annex => output::paint(ui.color, "1", &it.label),
            ItemKind::Section => it.label.clone(),
            ItemKind::Closing => output::paint(ui.color, "1", &format!("{} [closing]", it.label)),
            ItemKind::Theme => output::paint(ui.color, "36", &it.label),
            ItemKind::Measure => format!("{:>4}  {}", it.label, it.head),
            ItemKind::Goals => format!("goals {}", it.head),
            ItemKind::Table => format!("[table] {} — {}", it.label, it.head),
            ItemKind::Preamble | ItemKind::Text => {
                let what = if it.kind == ItemKind::Preamble {
                    "preamble"
                } else {
                    "text"
                };
                let n = if run > 1 {
                    format!(" (+{} more paragraphs)", run - 1)
                } else {
                    String::new()
                };
                output::paint(ui.color, "2", &format!("({what}) {}{n}", it.head))
            }
        };
        out.push_str(&format!("{pad}{line}\n"));
        k += run;
    }
    let numbered = outline
        .measures
        .iter()
        .filter(|m| m.measure.parse::<u32>().is_ok())
        .count();
    let goals = outline
        .measures
        .iter()
        .filter(|m| m.measure == "goals")
        .count();
    let rows: usize = outline.indicator_tables.iter().map(|t| t.rows.len()).sum();
    let tasks: usize = outline.task_tables.iter().map(|t| t.rows.len()).sum();
    out.push_str(&format!(
        "\n{numbered} numbered measures, {goals} goals paragraphs, {rows} indicator rows, {tasks} tasks\n"
    ));
    for f in &outline.findings {
        out.push_str(&format!("{f}\n"));
    }
    output::emit(&out);
    Ok(ExitCode::SUCCESS)
}
