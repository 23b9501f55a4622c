//! `gongfu corpus`: the tier tree with each region's document.

use super::{Format, Ui, output};
use crate::corpus::Region;
use crate::error::Result;
use crate::normalize::script;
use crate::workspace::Workspace;
use serde::Serialize;
use std::process::ExitCode;

#[derive(Debug, Serialize)]
struct DocInfo {
    file: String,
    title: String,
    issuer: Option<String>,
    published: Option<String>,
    period: Option<String>,
    target_year: u16,
    script: &'static str,
    encoding: &'static str,
    bytes: usize,
    lines: usize,
    notes: Option<String>,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    name: String,
    tier: &'static str,
    parent: Option<String>,
    depth: usize,
    document: Option<DocInfo>,
    #[serde(skip)]
    prefix: String,
}

fn walk<'a>(
    ws: &'a Workspace,
    parent: &str,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, usize, &'a Region)>,
) {
    let children = ws.corpus.children();
    let Some(kids) = children.get(parent) else {
        return;
    };
    for (i, r) in kids.iter().enumerate() {
        let last = i + 1 == kids.len();
        let (here, below) = match depth {
            0 => (String::new(), String::new()),
            _ => (
                format!("{prefix}{}", if last { "└─ " } else { "├─ " }),
                format!("{prefix}{}", if last { "   " } else { "│  " }),
            ),
        };
        out.push((here, depth, r));
        walk(ws, &r.id, &below, depth + 1, out);
    }
}

pub(super) fn run(ws: &Workspace, ui: Ui) -> Result<ExitCode> {
    let format = ui.format("corpus", &[Format::Table, Format::Json], Format::Table)?;
    let mut order = Vec::new();
    walk(ws, "", "", 0, &mut order);
    let mut rows = Vec::new();
    for (prefix, depth, r) in order {
        let document = match ws.corpus.document(&r.id) {
            Some(_) => {
                let (_, d, loaded) = ws.load_region(&r.id)?;
                let (script, _) = script::detect(&ws.rules.normalize.script, &loaded.text);
                Some(DocInfo {
                    file: loaded.path.clone(),
                    title: d.title.clone(),
                    issuer: d.issuer.clone(),
                    published: d.published.clone(),
                    period: d.period.clone(),
                    target_year: d.target_year,
                    script: script.as_str(),
                    encoding: loaded.encoding,
                    bytes: loaded.bytes,
                    lines: loaded.text.lines().count(),
                    notes: d.notes.clone(),
                })
            }
            None => None,
        };
        rows.push(Row {
            id: r.id.clone(),
            name: r.name.clone(),
            tier: r.tier.as_str(),
            parent: r.parent.clone(),
            depth,
            document,
            prefix,
        });
    }
    if format == Format::Json {
        output::emit(&output::json(&serde_json::json!({ "regions": rows })));
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = output::table(&[
        "region", "name", "tier", "document", "script", "encoding", "size", "year", "title",
    ]);
    for r in &rows {
        let region = format!("{}{}", r.prefix, r.id);
        match &r.document {
            Some(d) => t.add_row(vec![
                region,
                r.name.clone(),
                r.tier.to_string(),
                d.file.clone(),
                d.script.to_string(),
                d.encoding.to_string(),
                format!("{} B", d.bytes),
                d.target_year.to_string(),
                d.title.clone(),
            ]),
            None => t.add_row(vec![
                region,
                r.name.clone(),
                r.tier.to_string(),
                "(no document)".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]),
        };
    }
    let docs = rows.iter().filter(|r| r.document.is_some()).count();
    let mut out = format!("{t}\n");
    if !ui.quiet {
        out.push_str(&format!(
            "{} regions, {docs} with a document ({})\n",
            rows.len(),
            match &ws.corpus.source {
                crate::corpus::Source::Bundled => "bundled corpus".to_string(),
                crate::corpus::Source::Dir(d) => d.display().to_string(),
            }
        ));
    }
    output::emit(&out);
    Ok(ExitCode::SUCCESS)
}
