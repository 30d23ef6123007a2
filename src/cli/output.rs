//! Result tables as the command line prints them: aligned on a terminal, CSV and TSV with a
//! header row (the plain values: a symbol, a code, an ISO 8601 date), or SPARQL 1.1 query
//! results JSON.

use super::args::Format;
use normgraph::query::sparql::{cell_text, Rows};
use oxigraph::sparql::results::QueryResultsFormat;
use std::io::{IsTerminal, Write};

/// The format asked for, or a table on a terminal and TSV otherwise.
pub fn resolve(format: Option<Format>) -> Format {
    format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Tsv
        }
    })
}

/// The widest a cell is shown in a table (the norms' texts run to hundreds of characters; CSV,
/// TSV and JSON give them whole).
const TABLE_CELL: usize = 72;

pub fn write(table: &Rows, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    match format {
        Format::Table => write_aligned(table, out),
        Format::Csv => delimited(table, ",", "\r\n", out, |c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_owned()
            }
        }),
        Format::Tsv => delimited(table, "\t", "\n", out, |c| {
            c.replace('\\', "\\\\")
                .replace('\t', "\\t")
                .replace('\n', "\\n")
                .replace('\r', "\\r")
        }),
        Format::Json => {
            table.write_results(QueryResultsFormat::Json, &mut *out)?;
            writeln!(out)
        }
    }
}

/// A header row and a row per result, the cells escaped by `escape`.
fn delimited(
    table: &Rows,
    separator: &str,
    end: &str,
    out: &mut impl Write,
    escape: impl Fn(&str) -> String,
) -> std::io::Result<()> {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(separator)
    };
    write!(out, "{}{end}", line(&table.columns))?;
    for row in table.text_rows() {
        write!(out, "{}{end}", line(&row))?;
    }
    Ok(())
}

fn write_aligned(table: &Rows, out: &mut impl Write) -> std::io::Result<()> {
    let clip = |s: String| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() > TABLE_CELL {
            let mut c: String = s.chars().take(TABLE_CELL - 1).collect();
            c.push('…');
            c
        } else {
            s
        }
    };
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|t| clip(cell_text(t.as_ref()))).collect())
        .collect();
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(&table.columns, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  "))?;
    for r in &rows {
        line(r, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
