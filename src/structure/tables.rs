//! Flattened tables: rows written as `cell | cell | …` lines, with merged cells left empty or
//! left out, sub-rows without a number, and rows broken over two lines. Two kinds are read:
//! indicator tables (类别 | 序号 | 指标 | 目标值 | 牵头单位) and task lists (重点任务 | 主要举措 |
//! 工作目标 | 重点工作安排 | 牵头单位).

use super::config::{IndicatorTableRules, LeadUnits, StructureRules, TaskTableRules};
use super::lead::units_in;
use serde::Serialize;

/// One line of a table block: its text and its index among the normalized lines.
#[derive(Debug, Clone)]
pub struct BlockLine<'a> {
    /// The line.
    pub text: &'a str,
    /// Index of the normalized line.
    pub index: usize,
}

/// A problem found while reading a table (turned into a finding by the caller).
#[derive(Debug, Clone)]
pub struct TableIssue {
    /// Normalized line index.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A labelled value under a numbered row (25: 城镇职工 85 / 城乡居民 69).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SubRow {
    /// The label (qualifier or sub-indicator).
    pub label: String,
    /// Unit taken from the label, if it carries one.
    pub unit: Option<String>,
    /// The value cell as written.
    pub value: String,
}

/// A numbered row of an indicator table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// 序号.
    pub number: u32,
    /// 类别, carried down from the row that set it.
    pub category: Option<String>,
    /// 指标, as written.
    pub indicator: String,
    /// Unit from the indicator name (`人均地区生产总值(万元)` → `万元`).
    pub unit: Option<String>,
    /// The target cell, unless the row's values are in its sub-rows.
    pub value: Option<String>,
    /// Labelled values.
    pub sub_rows: Vec<SubRow>,
    /// 牵头单位.
    pub lead_units: Vec<String>,
    /// First and last normalized line.
    #[serde(skip)]
    pub lines: (usize, usize),
}

/// An indicator table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTable {
    /// The caption line before the table, if any.
    pub caption: Option<String>,
    /// The header cells as written (e.g. `2024年 目标值`).
    pub header: Vec<String>,
    /// Numbered rows.
    pub rows: Vec<IndicatorRow>,
}

/// A row of a task list.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// Task number.
    pub number: u32,
    /// The section row above it (`(一)筑牢高质量发展基石(4项)`).
    pub section: Option<String>,
    /// 重点任务, carried down.
    pub task: Option<String>,
    /// 主要举措, without its number.
    pub measure: String,
    /// 工作目标 split into its numbered items.
    pub targets: Vec<String>,
    /// 重点工作安排.
    pub arrangements: String,
    /// 牵头单位.
    pub lead_units: Vec<String>,
    /// The whole row as one line of cells.
    pub text: String,
    /// First and last normalized line.
    #[serde(skip)]
    pub lines: (usize, usize),
}

/// A task list.
#[derive(Debug, Clone, Serialize)]
pub struct TaskTable {
    /// The caption line before the table, if any.
    pub caption: Option<String>,
    /// The header cells as written.
    pub header: Vec<String>,
    /// Task rows.
    pub rows: Vec<TaskRow>,
}

/// What a table block turned out to be.
#[derive(Debug, Clone)]
pub enum Table {
    /// An indicator table.
    Indicators(IndicatorTable),
    /// A task list.
    Tasks(TaskTable),
    /// Rows of an unknown layout (kept so nothing is lost).
    Other {
        /// Header cells.
        header: Vec<String>,
        /// Number of lines.
        lines: usize,
    },
}

/// Splits a row into trimmed cells, dropping the empty cells at its end.
pub fn cells(line: &str) -> Vec<String> {
    let mut out: Vec<String> = line.split('|').map(|c| c.trim().to_string()).collect();
    while out.last().is_some_and(|c| c.is_empty()) {
        out.pop();
    }
    out
}

fn is_header(header_words: &[String], cells: &[String]) -> bool {
    header_words
        .iter()
        .all(|w| cells.iter().any(|c| c.contains(w.as_str())))
}

/// Reads a block of table lines (the header first).
pub fn read(
    rules: &StructureRules,
    caption: Option<String>,
    block: &[BlockLine<'_>],
    issues: &mut Vec<TableIssue>,
) -> Table {
    let header = cells(block[0].text);
    if is_header(&rules.indicators.header, &header) {
        Table::Indicators(indicators(
            &rules.indicators,
            &rules.lead_units,
            caption,
            header,
            &block[1..],
            issues,
        ))
    } else if is_header(&rules.tasks.header, &header) {
        Table::Tasks(tasks(
            &rules.tasks,
            &rules.lead_units,
            caption,
            header,
            &block[1..],
            issues,
        ))
    } else {
        Table::Other {
            header,
            lines: block.len(),
        }
    }
}

fn unit_of(rules: &IndicatorTableRules, name: &str) -> Option<String> {
    rules
        .unit_in_name
        .captures(name)
        .map(|c| c["unit"].to_string())
}

fn indicators(
    rules: &IndicatorTableRules,
    lead: &LeadUnits,
    caption: Option<String>,
    header: Vec<String>,
    body: &[BlockLine<'_>],
    issues: &mut Vec<TableIssue>,
) -> IndicatorTable {
    let mut rows: Vec<IndicatorRow> = Vec::new();
    let mut category: Option<String> = None;
    for line in body {
        let mut cells = cells(line.text);
        if cells.len() > header.len() {
            issues.push(TableIssue {
                line: line.index,
                message: format!(
                    "table row has {} cells but the header has {}; cells past the header's are ignored: {}",
                    cells.len(),
                    header.len(),
                    cells[header.len()..].join(" | ")
                ),
            });
            cells.truncate(header.len());
        }
        if cells.len() <= 1 {
            // A category label standing on its own line.
            if let Some(c) = cells.first().filter(|c| !c.is_empty()) {
                category = Some(c.clone());
            }
            continue;
        }
        let expected = rows.last().map_or(1, |r| r.number + 1);
        let numbered = cells.iter().position(|c| {
            c.parse::<u32>()
                .ok()
                .is_some_and(|n| n >= 1 && n <= expected + 5)
        });
        match numbered {
            Some(k) => {
                let number: u32 = cells[k].parse().expect("checked above");
                if k > 0 {
                    category = Some(cells[..k].join(" "));
                }
                let mut rest: Vec<String> = cells[k + 1..].to_vec();
                let mut lead_units = Vec::new();
                while rest.len() > 2 {
                    match rest.last().and_then(|c| units_in(lead, c)) {
                        Some(u) => {
                            lead_units.splice(0..0, u);
                            rest.pop();
                        }
                        None => break,
                    }
                }
                let indicator = rest.first().cloned().unwrap_or_default();
                let (value, sub_rows) = match rest.len() {
                    0 | 1 => (None, Vec::new()),
                    2 => (Some(rest[1].clone()), Vec::new()),
                    n => {
                        let label = rest[1..n - 1].join(" ");
                        (
                            None,
                            vec![SubRow {
                                unit: unit_of(rules, &label),
                                label,
                                value: rest[n - 1].clone(),
                            }],
                        )
                    }
                };
                if number != expected {
                    issues.push(TableIssue {
                        line: line.index,
                        message: format!("indicator row {number} follows row {}", expected - 1),
                    });
                }
                rows.push(IndicatorRow {
                    number,
                    category: category.clone(),
                    unit: unit_of(rules, &indicator),
                    indicator,
                    value,
                    sub_rows,
                    lead_units,
                    lines: (line.index, line.index),
                });
            }
            None => match rows.last_mut() {
                Some(row) => {
                    let label = cells[0].clone();
                    let value = cells.get(1).cloned().unwrap_or_default();
                    row.sub_rows.push(SubRow {
                        unit: unit_of(rules, &label),
                        label,
                        value,
                    });
                    row.lines.1 = line.index;
                }
                None => issues.push(TableIssue {
                    line: line.index,
                    message: "table row without a number before any numbered row".into(),
                }),
            },
        }
    }
    IndicatorTable {
        caption,
        header,
        rows,
    }
}

/// Joins the physical lines of a task list into logical rows: a line starting with `|`
/// continues the line before, and so does a line after one ending with `|` unless it opens the
/// next task or a section.
fn logical_rows<'a>(rules: &TaskTableRules, body: &[BlockLine<'a>]) -> Vec<(String, usize, usize)> {
    let mut rows: Vec<(String, usize, usize)> = Vec::new();
    let mut expected = 1u32;
    let opens = |text: &str, expected: u32| -> Option<u32> {
        let cells = cells(text);
        if cells.first().is_some_and(|c| rules.section.is_match(c)) && cells.len() <= 1 {
            return Some(0);
        }
        cells.iter().take(2).find_map(|c| {
            rules
                .task
                .captures(c)
                .and_then(|m| m["num"].parse::<u32>().ok())
                .filter(|&n| n == expected)
        })
    };
    for (k, line) in body.iter().enumerate() {
        let text = line.text.trim();
        // A bare cell followed by a line starting with `|` opens that line's row.
        let next_continues = body
            .get(k + 1)
            .is_some_and(|n| n.text.trim_start().starts_with('|'));
        let joins_previous = !rows.is_empty()
            && (text.starts_with('|')
                || (rows.last().is_some_and(|r| r.0.trim_end().ends_with('|'))
                    && !next_continues
                    && opens(text, expected).is_none()));
        if joins_previous {
            let last = rows.last_mut().expect("checked");
            let sep = if last.0.trim_end().ends_with('|') || text.starts_with('|') {
                " "
            } else {
                ""
            };
            last.0 = format!("{}{sep}{text}", last.0.trim_end());
            last.2 = line.index;
        } else {
            rows.push((text.to_string(), line.index, line.index));
        }
        let current = &rows.last().expect("pushed").0;
        if !next_continues
            && let Some(n) = opens(current, expected)
            && n > 0
        {
            expected = n + 1;
        }
    }
    rows
}

fn tasks(
    rules: &TaskTableRules,
    lead: &LeadUnits,
    caption: Option<String>,
    header: Vec<String>,
    body: &[BlockLine<'_>],
    issues: &mut Vec<TableIssue>,
) -> TaskTable {
    let mut rows: Vec<TaskRow> = Vec::new();
    let mut section: Option<String> = None;
    let mut task: Option<String> = None;
    for (text, first, last) in logical_rows(rules, body) {
        let cells = cells(&text);
        if cells.len() <= 1 {
            if let Some(c) = cells.first()
                && rules.section.is_match(c)
            {
                section = Some(c.clone());
                task = None;
            } else {
                issues.push(TableIssue {
                    line: first,
                    message: format!("task-list line outside any row: {}", cells.join(" ")),
                });
            }
            continue;
        }
        let at = cells.iter().take(2).position(|c| rules.task.is_match(c));
        let Some(at) = at else {
            issues.push(TableIssue {
                line: first,
                message: "task-list row without a task number".into(),
            });
            continue;
        };
        if at == 1 {
            task = Some(cells[0].clone());
        }
        let caps = rules.task.captures(&cells[at]).expect("matched above");
        let number: u32 = caps["num"].parse().unwrap_or(0);
        let measure = caps["text"].trim().to_string();
        let rest = &cells[at + 1..];
        if cells.len() > header.len() {
            issues.push(TableIssue {
                line: first,
                message: format!(
                    "task row {number} has {} cells but the header has {}",
                    cells.len(),
                    header.len()
                ),
            });
        }
        let goal_cell = rest.first().cloned().unwrap_or_default();
        let arrangements = rest.get(1).cloned().unwrap_or_default();
        let lead_units = rest
            .get(2..)
            .map(|c| c.join("、"))
            .and_then(|c| units_in(lead, &c))
            .unwrap_or_default();
        let expected = rows.last().map_or(1, |r| r.number + 1);
        if number != expected {
            issues.push(TableIssue {
                line: first,
                message: format!("task {number} follows task {}", expected - 1),
            });
        }
        rows.push(TaskRow {
            number,
            section: section.clone(),
            task: task.clone(),
            measure,
            targets: split_items(rules, &goal_cell),
            arrangements,
            lead_units,
            text: cells.join(" | "),
            lines: (first, last),
        });
    }
    TaskTable {
        caption,
        header,
        rows,
    }
}

/// Splits `1.…。 2.…。` into its items (numbers in order; a number out of sequence is text).
pub fn split_items(rules: &TaskTableRules, cell: &str) -> Vec<String> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (start of number, start of text)
    let mut expected = 1u32;
    for caps in rules.item.captures_iter(cell) {
        let m = caps.name("num").expect("group num");
        if m.as_str().parse::<u32>().ok() == Some(expected) {
            let text_start = caps.get(0).expect("group 0").end();
            cuts.push((m.start(), text_start));
            expected += 1;
        }
    }
    if cuts.is_empty() {
        return if cell.trim().is_empty() {
            Vec::new()
        } else {
            vec![cell.trim().to_string()]
        };
    }
    cuts.iter()
        .enumerate()
        .map(|(k, &(_, start))| {
            let end = cuts.get(k + 1).map_or(cell.len(), |&(n, _)| n);
            cell[start..end].trim().to_string()
        })
        .collect()
}
