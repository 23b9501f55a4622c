//! The command line: argument definitions and dispatch. Each subcommand lives in its own
//! module; the binary only calls [`run`].

mod check_cmd;
mod corpus_cmd;
mod diff_cmd;
mod explain_cmd;
mod extract_cmd;
mod normalize_cmd;
mod outline_cmd;
pub mod output;
mod rules_cmd;

use crate::error::{Error, Result};
use crate::workspace::Workspace;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const ABOUT: &str = "gongfu (共富) reads Chinese policy plans from several tiers of government, \
normalizes their text, and cross-checks lower-tier plans against the plans above them.";

const AFTER_HELP: &str = "\
Examples:
  gongfu check                        every plan against the plans above it (exit 1 on errors)
  gongfu diff fenghua ningbo          two plans side by side
  gongfu corpus                       the bundled plans as a province → city → district tree
  gongfu normalize fenghua            Fenghua's plan as clean simplified text
  gongfu normalize zhejiang --stats   what each normalization rule changed
  gongfu normalize my/plan.txt        any plan file (UTF-8, GBK/GB18030, Big5, UTF-16)
  gongfu outline ningbo               how gongfu read a plan, with numbering findings
  gongfu extract --what measures      every measure of every plan, with lead units
  gongfu --corpus ~/plans corpus      your own corpus directory with a manifest.yaml

Exit codes: 0 success, 1 findings at the --fail-on level (check), 2 usage, manifest, rule or\ninput error.";

/// Output formats. Each command accepts the ones its help lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A human-readable table or report (the default).
    Table,
    /// Plain text.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values.
    Csv,
    /// A Markdown table.
    Md,
    /// SARIF 2.1.0, for GitHub code scanning (`gongfu check`).
    Sarif,
    /// GitHub Actions annotations (`gongfu check`).
    Github,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// Top-level arguments.
#[derive(Debug, Parser)]
#[command(name = "gongfu", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Args {
    /// Corpus directory with a manifest.yaml (default: the corpus bundled with gongfu).
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Rules directory with normalize.yaml and the other rule files (default: bundled rules;
    /// a file missing from DIR falls back to the bundled one).
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Output format (each command lists the formats it supports).
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// When to use color.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print nothing but results and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what gongfu is doing (to stderr).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every plan against itself and the plans above it; fail CI on inconsistent targets.
    #[command(after_help = "\
Each region's targets are paired with those of every ancestor that has a document, by indicator
(rules/indicators.yaml) or, outside the lexicon, by similar indicator phrases (a probable pair,
reported one level lower). Verdicts: weaker (warning), exceeds-total (error), horizon and
unjudgeable (notes); stricter, equal and within-total only with --all. In-plan checks:
self-conflict (error), polarity (warning), numbering (warning), unreadable (note). Levels are
set in rules/checks.yaml.

Formats: text (default), json, sarif (GitHub code scanning), github (workflow annotations).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, manifest or
rule error (reported on stderr, never inside the SARIF).

Examples:
  gongfu check                                  every plan, text report
  gongfu check fenghua                          Fenghua against Ningbo and Zhejiang
  gongfu check --fail-on warning                fail on weaker targets too
  gongfu check --format sarif -o gongfu.sarif   for github/codeql-action/upload-sarif
  gongfu check --format github                  annotations in a GitHub Actions log")]
    Check(check_cmd::CheckArgs),
    /// Compare two plans side by side: the indicators both set, and the verdict from A's view.
    #[command(after_help = "\
Markers: ≈ equal after unit conversion, ↑ A stricter, ↓ A weaker, · not judged (different
years, neutral polarity, qualitative, units); for amounts that add up, ⊂ the lower tier's amount
is within the upper tier's total, ‼ it exceeds it.

Formats: table (default), json, csv, md.

Examples:
  gongfu diff fenghua ningbo          a district against its city
  gongfu diff fenghua linhai --all    two counties, with the indicators only one of them sets
  gongfu diff ningbo zhejiang --format csv > ningbo-zhejiang.csv")]
    Diff(diff_cmd::DiffArgs),
    /// Show the corpus as a tier tree: regions, their documents, script, encoding, size.
    #[command(after_help = "\
Formats: table (default), json.

Example:
  gongfu corpus
  gongfu corpus --format json")]
    Corpus,
    /// Print a plan's normalized text, what normalization changed, or both side by side.
    #[command(after_help = "\
Passes, in order (patterns in rules/normalize.yaml): mojibake, width, pinyin, script (t2s),
page_markers, debris, join, footnotes, whitespace.

Formats: text (default); with --stats also table and json.

Examples:
  gongfu normalize zhejiang                 traditional text with pinyin → clean simplified
  gongfu normalize linhai --stats           footnotes removed, debris lines dropped, per rule
  gongfu normalize ningbo --diff            each changed original line and what it became
  gongfu normalize ./plan.txt --stats --format json")]
    Normalize(normalize_cmd::NormalizeArgs),
    /// Show how gongfu read a plan: parts → sections → themes → measures, tables, findings.
    #[command(after_help = "\
Formats: text (default), json.

Examples:
  gongfu outline fenghua          122 measures under 7 sections, each with its head
  gongfu outline ningbo           numbering findings: starts at 52, 116 missing
  gongfu outline zhoushan --format json   tables with their rows, sub-rows and tasks")]
    Outline(outline_cmd::OutlineArgs),
    /// Extract what plans commit to: measures (with lead units), goals, table rows, tasks.
    #[command(after_help = "\
Formats: table (default), json, jsonl, csv (add --bom for Excel), md.

Each item has: region, doc, part, section, theme, measure (\"52\", \"goals\", \"table:7\",
\"task:35\"), lead_units, text, source {file, line_start, line_end}.

Examples:
  gongfu extract --what measures fenghua
  gongfu extract --what measures --format json zhoushan
  gongfu extract --what measures --format csv --bom > measures.csv")]
    Extract(extract_cmd::ExtractArgs),
    /// Show every quantity in a text, whether it is a target and why, and the targets found.
    #[command(after_help = "\
Formats: text (default), json ({normalized, quantities, targets}).

Examples:
  gongfu explain --text \"到2025年,居民人均可支配收入达到7.5万元,劳动报酬占GDP比重超过50%\"
  gongfu explain ningbo 99        why 8.5%以上 is a target (and a polarity problem later)
  gongfu explain zhoushan table:25")]
    Explain(explain_cmd::ExplainArgs),
    /// Work with the rules: `gongfu rules test` runs the cases in rules/tests/*.yaml.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
}

/// Output settings shared by all commands.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Requested format, if any.
    pub format: Option<Format>,
    /// Whether to emit ANSI colors on stdout.
    pub color: bool,
    /// `-q`.
    pub quiet: bool,
    /// `-v`.
    pub verbose: bool,
}

impl Ui {
    /// The requested format if `allowed`, else `default`; an error names the allowed ones.
    pub fn format(&self, command: &str, allowed: &[Format], default: Format) -> Result<Format> {
        match self.format {
            None => Ok(default),
            Some(f) if allowed.contains(&f) => Ok(f),
            Some(f) => Err(Error::Usage(format!(
                "`gongfu {command}` does not support --format {}; use one of: {}",
                f.name(),
                allowed
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// Parses arguments, runs the command, and returns the process exit code.
pub fn run() -> ExitCode {
    let args = Args::parse();
    let ui = Ui {
        format: args.format,
        color: output::use_color(args.color),
        quiet: args.quiet,
        verbose: args.verbose,
    };
    match dispatch(&args, ui) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gongfu: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: &Args, ui: Ui) -> Result<ExitCode> {
    let ws = Workspace::open(args.corpus.as_deref(), args.rules.as_deref())?;
    match &args.command {
        Command::Check(a) => check_cmd::run(&ws, a, ui),
        Command::Diff(a) => diff_cmd::run(&ws, a, ui),
        Command::Corpus => corpus_cmd::run(&ws, ui),
        Command::Normalize(a) => normalize_cmd::run(&ws, a, ui),
        Command::Outline(a) => outline_cmd::run(&ws, a, ui),
        Command::Extract(a) => extract_cmd::run(&ws, a, ui),
        Command::Explain(a) => explain_cmd::run(&ws, a, ui),
        Command::Rules(c) => rules_cmd::run(&ws, c, ui),
    }
}
