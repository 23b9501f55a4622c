//! Structure: a normalized plan → its outline (parts, sections, themes, the goals section,
//! numbered measures with their lead units, indicator tables and task lists, closing sections
//! and annexes), with numbering checked. Patterns live in `rules/structure.yaml`.

pub mod config;
pub mod lead;
pub mod tables;

use crate::findings::{Finding, Location, Severity};
use crate::workspace::Doc;
pub use config::StructureRules;
use serde::Serialize;
use tables::{BlockLine, IndicatorTable, Table, TableIssue, TaskTable};

/// Where a measure's text is in the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The original file as shown in reports.
    pub file: String,
    /// First original line (1-based).
    pub line_start: usize,
    /// Last original line.
    pub line_end: usize,
}

/// One unit of a plan that targets can belong to: a numbered measure, a goals paragraph, a row
/// of an indicator table or a task of a task list.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    /// Region id (or file stem for a loose file).
    pub region: String,
    /// Document file name.
    pub doc: String,
    /// The part heading above it (`二、重点行动`).
    pub part: Option<String>,
    /// The section heading above it (`(一)新动能培育攻坚行动`).
    pub section: Option<String>,
    /// The theme line above it (`打造高能级科创平台`), or a table row's category.
    pub theme: Option<String>,
    /// `"52"`, `"goals"`, `"table:7"`, `"task:35"`, or `"para:3"` in a text with no outline.
    pub measure: String,
    /// 牵头单位.
    pub lead_units: Vec<String>,
    /// The normalized text (paragraphs separated by `\n`).
    pub text: String,
    /// Original line range.
    pub source: Source,
    /// Normalized byte range of the text.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// What kind of outline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Text before the first heading.
    Preamble,
    /// 一、…
    Part,
    /// (一)…
    Section,
    /// ——…
    Theme,
    /// A goals paragraph.
    Goals,
    /// A numbered measure.
    Measure,
    /// A table.
    Table,
    /// A closing-section paragraph or other text that is not a measure.
    Text,
    /// An annex heading.
    Annex,
    /// A closing part or section heading (保障措施, 推进机制 …).
    Closing,
}

/// One entry of the outline, in reading order.
#[derive(Debug, Clone, Serialize)]
pub struct OutlineItem {
    /// Nesting depth for display.
    pub depth: usize,
    /// What it is.
    pub kind: ItemKind,
    /// Heading text, measure number, or table caption.
    pub label: String,
    /// A short head of its text.
    pub head: String,
    /// Original line.
    pub line: usize,
}

/// The outline of one plan.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Region id.
    pub region: String,
    /// Document file name.
    pub doc: String,
    /// Original file as shown.
    pub file: String,
    /// Entries in reading order.
    pub items: Vec<OutlineItem>,
    /// Measures, goals, table rows and tasks, in reading order.
    pub measures: Vec<Measure>,
    /// Indicator tables.
    pub indicator_tables: Vec<IndicatorTable>,
    /// Task lists.
    pub task_tables: Vec<TaskTable>,
    /// Numbering and table findings.
    pub findings: Vec<Finding>,
}

/// Up to `n` characters of the first sentence of `text`.
pub fn head(text: &str, n: usize) -> String {
    let first = text.split(['。', '\n']).next().unwrap_or("");
    let mut out: String = first.chars().take(n).collect();
    if first.chars().count() > n {
        out.push('…');
    }
    out
}

struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

struct Parser<'a> {
    rules: &'a StructureRules,
    doc: &'a Doc,
    lines: Vec<Line<'a>>,
    out: Outline,
    part: Option<String>,
    section: Option<String>,
    theme: Option<String>,
    part_goals: bool,
    section_goals: bool,
    part_closing: bool,
    section_closing: bool,
    in_annex: bool,
    seen_measure: bool,
    /// Open measure: number, first and last line index.
    open: Option<(u32, usize, usize)>,
}

impl<'a> Parser<'a> {
    fn depth(&self) -> usize {
        usize::from(self.part.is_some()) + usize::from(self.section.is_some())
    }

    fn line_no(&self, i: usize) -> usize {
        self.doc
            .normalized
            .position_at_byte(self.lines[i].start)
            .line
    }

    fn source(&self, first: usize, last: usize) -> Source {
        let end = self.lines[last].end;
        let last_char = self.doc.normalized.text.as_str()[..end]
            .char_indices()
            .next_back()
            .map_or(end, |(b, _)| b);
        Source {
            file: self.out.file.clone(),
            line_start: self.line_no(first),
            line_end: self.doc.normalized.position_at_byte(last_char).line,
        }
    }

    fn push_measure(
        &mut self,
        id: String,
        first: usize,
        last: usize,
        text: String,
        lead_units: Vec<String>,
    ) {
        let source = self.source(first, last);
        self.out.measures.push(Measure {
            region: self.out.region.clone(),
            doc: self.out.doc.clone(),
            part: self.part.clone(),
            section: self.section.clone(),
            theme: self.theme.clone(),
            measure: id,
            lead_units,
            text,
            source,
            span: (self.lines[first].start, self.lines[last].end),
        });
    }

    fn item(&mut self, depth: usize, kind: ItemKind, label: String, head_text: &str, line: usize) {
        let line = self.line_no(line);
        self.out.items.push(OutlineItem {
            depth,
            kind,
            label,
            head: head(head_text, 24),
            line,
        });
    }

    fn flush(&mut self) {
        if let Some((n, first, last)) = self.open.take() {
            let text = (first..=last)
                .map(|i| self.lines[i].text)
                .collect::<Vec<_>>()
                .join("\n");
            let units = lead::lead_units(&self.rules.lead_units, &text);
            self.push_measure(n.to_string(), first, last, text, units);
        }
    }

    fn expected(&self) -> u32 {
        if let Some((n, _, _)) = self.open {
            return n + 1;
        }
        self.out
            .measures
            .iter()
            .rev()
            .find_map(|m| m.measure.parse::<u32>().ok())
            .map_or(1, |n| n + 1)
    }

    fn is_table_line(&self, i: usize) -> bool {
        self.lines[i].text.matches('|').count() >= self.rules.min_separators
    }

    /// The lines of the table starting at `i`: rows, broken rows and stray cells between them.
    fn table_block(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.lines.len() {
            let t = self.lines[j].text;
            let prev = self.lines[j - 1].text.trim_end();
            let next = self.lines.get(j + 1).map_or("", |l| l.text);
            let belongs = t.contains('|')
                || prev.ends_with('|')
                || next.trim_start().starts_with('|')
                || (!t.is_empty() && next.starts_with(&format!("{t} |")));
            let h = &self.rules.headings;
            let heading = !t.contains('|')
                && (h.annex.is_match(t) || h.part.is_match(t) || h.section.is_match(t));
            if !belongs || heading {
                break;
            }
            j += 1;
        }
        j
    }

    fn table(&mut self, i: usize, end: usize) {
        self.flush();
        let caption = (i > 0)
            .then(|| self.lines[i - 1].text)
            .filter(|t| !t.contains('|') && t.chars().count() <= 60)
            .map(String::from);
        let block: Vec<BlockLine<'_>> = (i..end)
            .map(|k| BlockLine {
                text: self.lines[k].text,
                index: k,
            })
            .collect();
        let mut issues: Vec<TableIssue> = Vec::new();
        let table = tables::read(self.rules, caption.clone(), &block, &mut issues);
        let depth = self.depth();
        let label = caption.clone().unwrap_or_else(|| "table".into());
        match table {
            Table::Indicators(t) => {
                self.item(
                    depth,
                    ItemKind::Table,
                    label,
                    &format!("{} indicator rows", t.rows.len()),
                    i,
                );
                let saved = self.theme.clone();
                for row in &t.rows {
                    let text = (row.lines.0..=row.lines.1)
                        .map(|k| self.lines[k].text)
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.theme = row.category.clone();
                    self.push_measure(
                        format!("table:{}", row.number),
                        row.lines.0,
                        row.lines.1,
                        text,
                        row.lead_units.clone(),
                    );
                }
                self.theme = saved;
                self.out.indicator_tables.push(t);
            }
            Table::Tasks(t) => {
                self.item(
                    depth,
                    ItemKind::Table,
                    label,
                    &format!("{} tasks", t.rows.len()),
                    i,
                );
                let (section, theme) = (self.section.clone(), self.theme.clone());
                for row in &t.rows {
                    self.section = row.section.clone();
                    self.theme = row.task.clone();
                    self.push_measure(
                        format!("task:{}", row.number),
                        row.lines.0,
                        row.lines.1,
                        row.text.clone(),
                        row.lead_units.clone(),
                    );
                }
                (self.section, self.theme) = (section, theme);
                self.out.task_tables.push(t);
            }
            Table::Other { header, lines } => {
                self.item(
                    depth,
                    ItemKind::Table,
                    label,
                    &format!("{lines} lines of an unknown table ({})", header.join(" | ")),
                    i,
                );
                self.finding(
                    Severity::Note,
                    i,
                    format!(
                        "table with unknown header `{}` ({lines} lines) is kept as text only",
                        header.join(" | ")
                    ),
                );
            }
        }
        for issue in issues {
            self.finding(Severity::Warning, issue.line, issue.message);
            if let Some(f) = self.out.findings.last_mut() {
                f.check = "table";
            }
        }
    }

    fn finding(&mut self, severity: Severity, line: usize, message: String) {
        let pos = self.doc.normalized.position_at_byte(self.lines[line].start);
        self.out.findings.push(Finding {
            check: "numbering",
            severity,
            region: self.out.region.clone(),
            location: Location {
                file: self.out.file.clone(),
                line: pos.line,
                column: pos.column,
            },
            message,
        });
    }

    fn run(mut self) -> Outline {
        let h = &self.rules.headings;
        let mut i = 0;
        while i < self.lines.len() {
            let text = self.lines[i].text;
            if self.is_table_line(i) {
                let end = self.table_block(i);
                self.table(i, end);
                i = end;
                continue;
            }
            let caption = !text.contains('|')
                && text.chars().count() <= 60
                && i + 1 < self.lines.len()
                && self.is_table_line(i + 1);
            if caption && !h.part.is_match(text) && !h.section.is_match(text) {
                // Shown as the table's label.
                i += 1;
                continue;
            }
            if h.annex.is_match(text) {
                self.flush();
                self.in_annex = true;
                self.part = Some(text.to_string());
                self.section = None;
                self.theme = None;
                self.item(0, ItemKind::Annex, text.to_string(), "", i);
            } else if let Some(c) = h.part.captures(text) {
                self.flush();
                let title = c["title"].to_string();
                self.part_goals = h.goals.is_match(&title) && !self.seen_measure;
                self.part_closing = h.closing.is_match(&title);
                self.section_goals = false;
                self.section_closing = false;
                self.part = Some(text.to_string());
                self.section = None;
                self.theme = None;
                self.in_annex = false;
                let kind = if self.part_closing {
                    ItemKind::Closing
                } else {
                    ItemKind::Part
                };
                self.item(0, kind, text.to_string(), "", i);
            } else if let Some(c) = h.section.captures(text) {
                self.flush();
                let title = head(&c["title"], 40);
                self.section_goals = h.goals.is_match(&title) && !self.seen_measure;
                self.section_closing = h.closing.is_match(&title);
                let label = head(text, 40);
                self.section = Some(label.clone());
                self.theme = None;
                let depth = usize::from(self.part.is_some());
                let body =
                    text[text.find('。').map_or(text.len(), |k| k + '。'.len_utf8())..].to_string();
                let kind = if self.section_closing {
                    ItemKind::Closing
                } else {
                    ItemKind::Section
                };
                self.item(depth, kind, label, &body, i);
            } else if !self.in_goals()
                && !self.in_annex
                && let Some(c) = h.theme.captures(text)
            {
                self.flush();
                self.theme = Some(c["title"].to_string());
                let depth = self.depth();
                self.item(depth, ItemKind::Theme, text.to_string(), "", i);
            } else if let Some((n, body)) = self.measure_start(text) {
                self.flush();
                self.seen_measure = true;
                self.part_goals = false;
                self.section_goals = false;
                self.open = Some((n, i, i));
                let depth = self.depth() + usize::from(self.theme.is_some());
                self.item(depth, ItemKind::Measure, n.to_string(), &body, i);
            } else if let Some(open) = self.open.as_mut() {
                open.2 = i;
            } else if self.in_goals() && !h.caption.is_match(text) {
                let units = lead::lead_units(&self.rules.lead_units, text);
                self.push_measure("goals".into(), i, i, text.to_string(), units);
                let depth = self.depth();
                self.item(depth, ItemKind::Goals, "goals".into(), text, i);
            } else {
                let kind = if self.part.is_none() && self.section.is_none() && !self.seen_measure {
                    ItemKind::Preamble
                } else {
                    ItemKind::Text
                };
                let depth = self.depth();
                self.item(depth, kind, String::new(), text, i);
            }
            i += 1;
        }
        self.flush();
        if self.out.measures.is_empty() {
            // A text with no outline at all (a loose file, a pasted paragraph): each paragraph
            // is a unit of its own, `para:N`, so its targets are still read.
            self.part = None;
            self.section = None;
            self.theme = None;
            for k in 0..self.lines.len() {
                if !self.lines[k].text.trim().is_empty() {
                    let text = self.lines[k].text.to_string();
                    self.push_measure(format!("para:{}", k + 1), k, k, text, Vec::new());
                }
            }
        }
        self.check_numbering();
        self.out
            .findings
            .sort_by(|a, b| a.location.cmp(&b.location));
        self.out
    }

    fn in_goals(&self) -> bool {
        (self.part_goals || self.section_goals) && !self.seen_measure
    }

    fn measure_start(&self, text: &str) -> Option<(u32, String)> {
        if self.in_annex {
            return None;
        }
        let h = &self.rules.headings;
        if let Some(c) = h.measure.captures(text) {
            let n = c["num"].parse().ok()?;
            return Some((n, c["text"].to_string()));
        }
        let c = h.measure_unpunctuated.captures(text)?;
        let n: u32 = c["num"].parse().ok()?;
        (n == self.expected()).then(|| (n, c["text"].to_string()))
    }

    fn check_numbering(&mut self) {
        let numbered: Vec<(u32, usize)> = self
            .out
            .measures
            .iter()
            .filter_map(|m| Some((m.measure.parse::<u32>().ok()?, m.span.0)))
            .collect();
        let line_of =
            |lines: &[Line<'_>], byte: usize| lines.partition_point(|l| l.start <= byte) - 1;
        if numbered.is_empty() {
            if !self.lines.is_empty() {
                self.finding(
                    Severity::Note,
                    0,
                    "no numbered measures found in this document".into(),
                );
            }
            return;
        }
        let (first, at) = numbered[0];
        if first != 1 {
            let k = line_of(&self.lines, at);
            self.finding(
                Severity::Warning,
                k,
                format!("numbering starts at measure {first}: the document looks partial (measures 1–{} are missing)", first - 1),
            );
        }
        for w in numbered.windows(2) {
            let ((a, _), (b, at)) = (w[0], w[1]);
            let k = line_of(&self.lines, at);
            if b == a {
                self.finding(
                    Severity::Warning,
                    k,
                    format!("measure {b} is numbered twice"),
                );
            } else if b < a {
                self.finding(
                    Severity::Warning,
                    k,
                    format!("measure {b} comes after measure {a}: out of order"),
                );
            } else if b > a + 1 {
                let missing = if b == a + 2 {
                    format!("measure {} is missing", a + 1)
                } else {
                    format!("measures {}–{} are missing", a + 1, b - 1)
                };
                self.finding(
                    Severity::Warning,
                    k,
                    format!("{missing} between {a} and {b}"),
                );
            }
        }
    }
}

/// Reads the outline of a normalized document.
pub fn parse(rules: &StructureRules, doc: &Doc) -> Outline {
    let text = doc.normalized.text.as_str();
    let mut lines = Vec::new();
    let mut start = 0;
    for l in text.split('\n') {
        lines.push(Line {
            text: l,
            start,
            end: start + l.len(),
        });
        start += l.len() + 1;
    }
    if text.is_empty() {
        lines.clear();
    }
    let doc_name = doc
        .meta
        .as_ref()
        .map(|m| m.file.clone())
        .unwrap_or_else(|| {
            std::path::Path::new(&doc.loaded.path)
                .file_name()
                .map_or_else(
                    || doc.loaded.path.clone(),
                    |f| f.to_string_lossy().into_owned(),
                )
        });
    let parser = Parser {
        rules,
        doc,
        lines,
        out: Outline {
            region: doc.id(),
            doc: doc_name,
            file: doc.loaded.path.clone(),
            items: Vec::new(),
            measures: Vec::new(),
            indicator_tables: Vec::new(),
            task_tables: Vec::new(),
            findings: Vec::new(),
        },
        part: None,
        section: None,
        theme: None,
        part_goals: false,
        section_goals: false,
        part_closing: false,
        section_closing: false,
        in_annex: false,
        seen_measure: false,
        open: None,
    };
    parser.run()
}
