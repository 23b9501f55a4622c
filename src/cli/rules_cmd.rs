//! `gongfu rules test`: runs the rule tests in `rules/tests/*.yaml`.

use super::{Ui, output};
use crate::error::Result;
use crate::ruletest;
use crate::workspace::Workspace;
use clap::Subcommand;
use std::process::ExitCode;

/// `gongfu rules …`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run the rule tests (rules/tests/*.yaml, or DIR/tests with --rules DIR). Exit 1 on failure.
    Test,
}

pub(super) fn run(ws: &Workspace, cmd: &RulesCommand, ui: Ui) -> Result<ExitCode> {
    match cmd {
        RulesCommand::Test => {
            let files = ws.rules_source.list("tests")?;
            let outcomes = ruletest::run(ws, &files)?;
            let failed: Vec<_> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
            let mut out = String::new();
            for o in &outcomes {
                if o.problems.is_empty() {
                    if ui.verbose {
                        out.push_str(&format!(
                            "{} {}: {}\n",
                            output::paint(ui.color, "32", "ok  "),
                            o.file,
                            o.name
                        ));
                    }
                } else {
                    out.push_str(&format!(
                        "{} {}: {}\n",
                        output::paint(ui.color, "31", "FAIL"),
                        o.file,
                        o.name
                    ));
                    for p in &o.problems {
                        out.push_str(&format!("       {p}\n"));
                    }
                }
            }
            out.push_str(&format!(
                "{} passed, {} failed\n",
                outcomes.len() - failed.len(),
                failed.len()
            ));
            output::emit(&out);
            Ok(if failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
