//! `rules/structure.yaml`: its schema and compilation.

use crate::error::Result;
use crate::rules::RuleFile;
use regex::Regex;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    headings: RawHeadings,
    lead_units: RawLeadUnits,
    tables: RawTables,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeadings {
    part: String,
    section: String,
    theme: String,
    measure: String,
    measure_unpunctuated: String,
    goals: String,
    closing: String,
    annex: String,
    caption: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeadUnits {
    explicit: String,
    trailing: String,
    separators: String,
    unit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    min_separators: usize,
    indicators: RawIndicatorTable,
    tasks: RawTaskTable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicatorTable {
    header: Vec<String>,
    columns: Vec<String>,
    unit_in_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaskTable {
    header: Vec<String>,
    columns: Vec<String>,
    section: String,
    task: String,
    item: String,
}

/// Heading patterns.
#[derive(Debug, Clone)]
pub struct Headings {
    /// 一、…
    pub part: Regex,
    /// (一)…
    pub section: Regex,
    /// ——… (short)
    pub theme: Regex,
    /// 52. …
    pub measure: Regex,
    /// 88完善… (accepted only as the next number)
    pub measure_unpunctuated: Regex,
    /// Title of a goals part or section.
    pub goals: Regex,
    /// Title of a closing part or section.
    pub closing: Regex,
    /// Start of an annex.
    pub annex: Regex,
    /// A table caption line (表:…).
    pub caption: Regex,
}

/// Lead-unit patterns.
#[derive(Debug, Clone)]
pub struct LeadUnits {
    /// (牵头单位:…)
    pub explicit: Regex,
    /// Any parenthetical; kept when every item is a unit and it ends a sentence.
    pub trailing: Regex,
    /// Between units.
    pub separators: Regex,
    /// One unit.
    pub unit: Regex,
}

/// Indicator-table settings.
#[derive(Debug, Clone)]
pub struct IndicatorTableRules {
    /// Header words that identify the table.
    pub header: Vec<String>,
    /// Column names as reported.
    pub columns: Vec<String>,
    /// Unit inside an indicator name.
    pub unit_in_name: Regex,
}

/// Task-table settings.
#[derive(Debug, Clone)]
pub struct TaskTableRules {
    /// Header words that identify the table.
    pub header: Vec<String>,
    /// Column names as reported.
    pub columns: Vec<String>,
    /// A section row.
    pub section: Regex,
    /// The task number in the 主要举措 cell.
    pub task: Regex,
    /// A numbered target inside the 工作目标 cell.
    pub item: Regex,
}

/// Compiled `rules/structure.yaml`.
#[derive(Debug, Clone)]
pub struct StructureRules {
    /// Heading patterns.
    pub headings: Headings,
    /// Lead units.
    pub lead_units: LeadUnits,
    /// A line with at least this many `|` is a table row.
    pub min_separators: usize,
    /// Indicator tables.
    pub indicators: IndicatorTableRules,
    /// Task tables.
    pub tasks: TaskTableRules,
}

impl StructureRules {
    /// Parses and compiles the file.
    pub fn from_file(file: &RuleFile) -> Result<StructureRules> {
        let raw: Raw = file.parse()?;
        let h = &raw.headings;
        let l = &raw.lead_units;
        let t = &raw.tables;
        Ok(StructureRules {
            headings: Headings {
                part: file.regex("part", &h.part)?,
                section: file.regex("section", &h.section)?,
                theme: file.regex("theme", &h.theme)?,
                measure: file.regex("measure", &h.measure)?,
                measure_unpunctuated: file
                    .regex("measure_unpunctuated", &h.measure_unpunctuated)?,
                goals: file.regex("goals", &h.goals)?,
                closing: file.regex("closing", &h.closing)?,
                annex: file.regex("annex", &h.annex)?,
                caption: file.regex("caption", &h.caption)?,
            },
            lead_units: LeadUnits {
                explicit: file.regex("explicit", &l.explicit)?,
                trailing: file.regex("trailing", &l.trailing)?,
                separators: file.regex("separators", &l.separators)?,
                unit: file.regex("unit", &l.unit)?,
            },
            min_separators: t.min_separators,
            indicators: IndicatorTableRules {
                header: t.indicators.header.clone(),
                columns: t.indicators.columns.clone(),
                unit_in_name: file.regex("unit_in_name", &t.indicators.unit_in_name)?,
            },
            tasks: TaskTableRules {
                header: t.tasks.header.clone(),
                columns: t.tasks.columns.clone(),
                section: file.regex("section", &t.tasks.section)?,
                task: file.regex("task", &t.tasks.task)?,
                item: file.regex("item", &t.tasks.item)?,
            },
        })
    }
}
