//! The simulator's CSV files: item banks (`a,b,c,d`), abilities (`theta`), uniform draws (no
//! header) and traces (`examinee,true_theta,est_theta,se,n_items,items,responses`), with errors
//! that name the file, the line and the column.

use std::path::Path;

use serde::Serialize;

use super::bank::{Item, ItemBank};
use super::simulate::{ExamineeRun, Uniforms};
use crate::error::Error;
use crate::write::write_atomic;

/// The trace's columns, as catsim's reference trace has them.
pub const TRACE_COLUMNS: [&str; 7] = [
    "examinee",
    "true_theta",
    "est_theta",
    "se",
    "n_items",
    "items",
    "responses",
];

fn invalid(path: &Path, line: u64, message: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!("{}: line {line}: {message}", path.display()))
}

/// A CSV file with a header row: its header and records with their line numbers.
struct Table<'p> {
    path: &'p Path,
    header: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl<'p> Table<'p> {
    fn read(path: &'p Path, limit: crate::files::Limit) -> Result<Table<'p>, Error> {
        let text = crate::files::read_limited(path, limit)?;
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| invalid(path, 1, format!("not a CSV header ({e})")))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                invalid(path, line, format!("not valid CSV ({e})"))
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            rows.push((line, record));
        }
        if rows.is_empty() {
            return Err(invalid(path, 1, "no rows below the header"));
        }
        Ok(Table { path, header, rows })
    }

    /// The index of column `name`, or an error listing what the file must have.
    fn column(&self, name: &str, needed: &str) -> Result<usize, Error> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            invalid(
                self.path,
                1,
                format!(
                    "no column `{name}` (found: {}); the header must name {needed}",
                    self.header.join(",")
                ),
            )
        })
    }

    fn number(&self, line: u64, record: &csv::StringRecord, column: usize) -> Result<f64, Error> {
        let text = record.get(column).unwrap_or("");
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                invalid(
                    self.path,
                    line,
                    format!("column `{}`: `{text}` is not a number", self.header[column]),
                )
            })
    }
}

/// An item bank: columns `a` and `b`, optional `c` (default 0) and `d` (default 1).
pub fn read_bank(path: &Path) -> Result<ItemBank, Error> {
    const NEEDED: &str = "a,b and optionally c,d";
    let table = Table::read(path, crate::files::Limit::BANK)?;
    let a = table.column("a", NEEDED)?;
    let b = table.column("b", NEEDED)?;
    let c = table.column("c", NEEDED).ok();
    let d = table.column("d", NEEDED).ok();
    let mut items = Vec::with_capacity(table.rows.len());
    for (line, record) in &table.rows {
        let optional = |column: Option<usize>, default: f64| {
            column.map_or(Ok(default), |c| table.number(*line, record, c))
        };
        let item = Item {
            a: table.number(*line, record, a)?,
            b: table.number(*line, record, b)?,
            c: optional(c, 0.0)?,
            d: optional(d, 1.0)?,
        };
        if let Some(problem) = item.problem() {
            return Err(invalid(path, *line, problem));
        }
        items.push(item);
    }
    ItemBank::new(items).map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))
}

/// True abilities: column `theta`.
pub fn read_abilities(path: &Path) -> Result<Vec<f64>, Error> {
    let table = Table::read(path, crate::files::Limit::EXAMINEES)?;
    let theta = table.column("theta", "theta")?;
    table
        .rows
        .iter()
        .map(|(line, record)| table.number(*line, record, theta))
        .collect()
}

/// Uniform draws: no header, one row per examinee, one column per bank item, values in [0, 1].
pub fn read_uniforms(path: &Path) -> Result<Uniforms, Error> {
    let text = crate::files::read_limited(path, crate::files::Limit::UNIFORMS)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true) // ragged rows get the message below, which says what to fix
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut columns = 0;
    let mut values = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                return Err(invalid(path, line, format!("not valid CSV ({e})")));
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        if columns == 0 {
            columns = record.len();
        } else if record.len() != columns {
            return Err(invalid(
                path,
                line,
                format!(
                    "{} values, but the first row has {columns}; every row needs one per item",
                    record.len()
                ),
            ));
        }
        for (column, text) in record.iter().enumerate() {
            let value = text
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or_else(|| {
                    invalid(
                        path,
                        line,
                        format!(
                            "column {}: `{text}` is not a number between 0 and 1 (the file has no header)",
                            column + 1
                        ),
                    )
                })?;
            values.push(value);
        }
    }
    if values.is_empty() {
        return Err(invalid(path, 1, "the file is empty"));
    }
    Ok(Uniforms::new(columns, values))
}

/// One row of a trace, as written or read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceRow {
    pub examinee: usize,
    pub true_theta: f64,
    pub est_theta: f64,
    pub se: f64,
    pub items: Vec<usize>,
    pub responses: Vec<bool>,
}

impl TraceRow {
    pub fn of(examinee: usize, run: &ExamineeRun) -> TraceRow {
        TraceRow {
            examinee,
            true_theta: run.true_theta,
            est_theta: run.estimate.theta,
            se: run.estimate.se,
            items: run.items.clone(),
            responses: run.responses.clone(),
        }
    }
}

/// Writes the trace atomically; items are space-separated 0-based bank rows, responses a 0/1
/// string.
pub fn write_trace(path: &Path, runs: &[ExamineeRun]) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| Error::InvalidInput(format!("{}: {e}", path.display()));
    writer.write_record(TRACE_COLUMNS).map_err(csv_error)?;
    for (examinee, run) in runs.iter().enumerate() {
        let items: Vec<String> = run.items.iter().map(usize::to_string).collect();
        let responses: String = run
            .responses
            .iter()
            .map(|&r| if r { '1' } else { '0' })
            .collect();
        writer
            .write_record([
                examinee.to_string(),
                run.true_theta.to_string(),
                run.estimate.theta.to_string(),
                run.estimate.se.to_string(),
                run.items.len().to_string(),
                items.join(" "),
                responses,
            ])
            .map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
    write_atomic(path, &bytes)
}

/// Reads a trace with [`TRACE_COLUMNS`] (catsim's reference trace, or one `--trace` wrote).
pub fn read_trace(path: &Path) -> Result<Vec<TraceRow>, Error> {
    let needed = TRACE_COLUMNS.join(",");
    let table = Table::read(path, crate::files::Limit::TRACE)?;
    let column = |name: &str| table.column(name, &needed);
    let (examinee, true_theta, est_theta, se) = (
        column("examinee")?,
        column("true_theta")?,
        column("est_theta")?,
        column("se")?,
    );
    let (items, responses) = (column("items")?, column("responses")?);
    table
        .rows
        .iter()
        .map(|(line, record)| {
            let field = |c: usize| record.get(c).unwrap_or("");
            let item_list = field(items)
                .split_whitespace()
                .map(|i| {
                    i.parse::<usize>().map_err(|_| {
                        invalid(
                            path,
                            *line,
                            format!("column `items`: `{i}` is not a bank row"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let response_list = field(responses)
                .chars()
                .map(|r| match r {
                    '1' => Ok(true),
                    '0' => Ok(false),
                    other => Err(invalid(
                        path,
                        *line,
                        format!("column `responses`: `{other}` is not 0 or 1"),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(TraceRow {
                examinee: table.number(*line, record, examinee)? as usize,
                true_theta: table.number(*line, record, true_theta)?,
                est_theta: table.number(*line, record, est_theta)?,
                se: table.number(*line, record, se)?,
                items: item_list,
                responses: response_list,
            })
        })
        .collect()
}

/// How closely a run reproduces a reference trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub compared: usize,
    /// Examinees given exactly the same items in the same order.
    pub same_items: usize,
    /// Of those, the ones whose final θ̂ is within the tolerance.
    pub same_items_and_theta: usize,
    pub tolerance: f64,
    /// The largest |Δθ̂| among examinees with the same items.
    pub max_theta_difference: f64,
    /// The first examinee (0-based) whose items differ, if any.
    pub first_difference: Option<usize>,
}

/// Compares runs with a reference trace, examinee by examinee (by row order).
pub fn compare(reference: &[TraceRow], runs: &[ExamineeRun], tolerance: f64) -> Agreement {
    let mut agreement = Agreement {
        compared: reference.len().min(runs.len()),
        same_items: 0,
        same_items_and_theta: 0,
        tolerance,
        max_theta_difference: 0.0,
        first_difference: None,
    };
    for (index, (expected, run)) in reference.iter().zip(runs).enumerate() {
        if expected.items != run.items {
            agreement.first_difference.get_or_insert(index);
            continue;
        }
        agreement.same_items += 1;
        let difference = (expected.est_theta - run.estimate.theta).abs();
        agreement.max_theta_difference = agreement.max_theta_difference.max(difference);
        if difference <= tolerance {
            agreement.same_items_and_theta += 1;
        }
    }
    agreement
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::Estimate;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn banks_default_c_and_d_and_point_at_bad_cells() {
        let dir = tempfile::tempdir().expect("dir");
        let bank = read_bank(&write(dir.path(), "b.csv", "a,b\n1.2,0.5\n0.8,-1\n")).expect("bank");
        assert_eq!(bank.item(1), Item::two_pl(0.8, -1.0));
        let error = read_bank(&write(
            dir.path(),
            "x.csv",
            "a,b,c,d\n1,0,0,1\n1,zero,0,1\n",
        ))
        .expect_err("bad number");
        assert!(
            error
                .to_string()
                .ends_with("x.csv: line 3: column `b`: `zero` is not a number"),
            "{error}"
        );
        let error = read_bank(&write(dir.path(), "y.csv", "alpha,b\n1,0\n")).expect_err("header");
        assert!(
            error.to_string().contains("no column `a` (found: alpha,b)"),
            "{error}"
        );
        let error = read_bank(&write(dir.path(), "z.csv", "a,b,c,d\n1,0,0.3,0.2\n"))
            .expect_err("asymptotes");
        assert!(
            error.to_string().contains("line 2: c = 0.3, d = 0.2"),
            "{error}"
        );
    }

    #[test]
    fn uniforms_must_be_rectangular_and_in_range() {
        let dir = tempfile::tempdir().expect("dir");
        let uniforms =
            read_uniforms(&write(dir.path(), "u.csv", "0.1,0.2\n0.3,0.4\n")).expect("ok");
        assert_eq!((uniforms.rows(), uniforms.columns()), (2, 2));
        let error =
            read_uniforms(&write(dir.path(), "v.csv", "0.1,0.2\n0.3\n")).expect_err("ragged");
        assert!(
            error
                .to_string()
                .contains("line 2: 1 values, but the first row has 2"),
            "{error}"
        );
        let error = read_uniforms(&write(dir.path(), "w.csv", "0.1,1.5\n")).expect_err("range");
        assert!(
            error
                .to_string()
                .contains("column 2: `1.5` is not a number between 0 and 1"),
            "{error}"
        );
    }

    #[test]
    fn traces_round_trip_and_compare() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("trace.csv");
        let run = ExamineeRun {
            true_theta: 0.25,
            estimate: Estimate {
                theta: -0.5,
                se: 0.29,
            },
            items: vec![4, 0, 17],
            responses: vec![true, false, true],
        };
        write_trace(&path, std::slice::from_ref(&run)).expect("write");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            text,
            "examinee,true_theta,est_theta,se,n_items,items,responses\n0,0.25,-0.5,0.29,3,4 0 17,101\n"
        );
        let rows = read_trace(&path).expect("read trace");
        assert_eq!(rows, vec![TraceRow::of(0, &run)]);
        let mut other = run.clone();
        other.estimate.theta += 2e-4;
        let agreement = compare(&rows, &[other], 1e-4);
        assert_eq!(
            (agreement.same_items, agreement.same_items_and_theta),
            (1, 0)
        );
        let mut different = run;
        different.items[2] = 5;
        assert_eq!(compare(&rows, &[different], 1e-4).first_difference, Some(0));
    }
}
