//! `gongfu check`: every plan against itself and the plans above it; the exit code tells CI
//! whether anything reached the fail level.

use super::{Format, Ui, output};
use crate::check::{self, Options};
use crate::error::{Error, Result};
use crate::findings::Severity;
use crate::report;
use crate::workspace::Workspace;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on errors only (the default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail because of findings (exit 0 unless gongfu itself fails).
    Never,
}

/// Arguments of `gongfu check`.
#[derive(Debug, ClapArgs)]
pub struct CheckArgs {
    /// Regions to check (default: every region with a document). Each is compared with every
    /// ancestor that has a document.
    #[arg(value_name = "REGION")]
    pub regions: Vec<String>,
    /// Exit with 1 when a finding is at this level or above.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Write the report to FILE instead of stdout (the exit code is the same).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also report consistent pairs: stricter, equal, within-total.
    #[arg(long)]
    pub all: bool,
}

pub(super) fn run(ws: &Workspace, args: &CheckArgs, ui: Ui) -> Result<ExitCode> {
    let format = ui.format(
        "check",
        &[
            Format::Text,
            Format::Table,
            Format::Json,
            Format::Sarif,
            Format::Github,
        ],
        Format::Text,
    )?;
    let report = check::run(ws, &args.regions, Options { all: args.all })?;
    let color = ui.color && args.output.is_none();
    let out = match format {
        Format::Json => output::json(&report),
        Format::Sarif => report::sarif::log(&report, &ws.rules.checks),
        Format::Github => report::github::annotations(&report),
        _ => report::text(&report, color),
    };
    match &args.output {
        Some(path) => std::fs::write(path, out).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?,
        None => output::emit(&out),
    }
    let fail = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failed = fail.is_some_and(|level| report.worst().is_some_and(|w| w >= level));
    if args.output.is_some() && !ui.quiet {
        let s = &report.summary;
        eprintln!(
            "gongfu: {} errors, {} warnings, {} notes written to {}",
            s.errors,
            s.warnings,
            s.notes,
            args.output
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
