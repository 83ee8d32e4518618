//! The plan file read as it is parsed, never as a whole tree: a JSON tree costs many times the
//! file (a `{}` row is three bytes of text and a hundred of `serde_json::Value`), so a hostile
//! file would cost gigabytes before any cap applied. The envelope is read in a first pass
//! that skips the tables unread; the rows then go one at a time from the text into the
//! private database, each table, row count, column and value checked as it comes.

use std::collections::HashSet;
use std::fmt;

use rusqlite::types::Value as SqlValue;
use rusqlite::Transaction;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;

use super::{bad, column_names, MAX_ROWS};
use crate::error::{CoreError, CoreResult, FileProblem, FileReason};

/// The longest envelope text kept (a format name, a date): anything longer is not one.
const ENVELOPE_TEXT_MAX: usize = 100;
/// The longest text one cell may hold: above anything Steady writes (a 4,000-character note
/// is up to six times longer once written as a timeline entry's JSON, `\u0022` for `"`), far
/// below a memory problem.
pub(crate) const CELL_TEXT_MAX: u32 = 32 * 1024;

/// A value of the envelope, kept only when it is short.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Scalar {
    Text(String),
    Number(u64),
    Other,
}

impl Scalar {
    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    pub(super) fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The envelope of a plan file: everything but the tables.
#[derive(Debug, Default)]
pub(super) struct Envelope {
    pub(super) format: Option<Scalar>,
    pub(super) format_version: Option<Scalar>,
    pub(super) schema_version: Option<Scalar>,
    pub(super) exported_at: Option<Scalar>,
    /// Whether `tables` is there and is an object.
    pub(super) tables: bool,
}

/// Where a JSON error leaves the file: not JSON at its line, or `data` for the rest.
fn json_problem(err: &serde_json::Error, data: impl FnOnce() -> CoreError) -> CoreError {
    match err.classify() {
        Category::Data => data(),
        Category::Syntax | Category::Eof | Category::Io => CoreError::BadFile(FileProblem {
            line: Some(err.line() as u32),
            place: String::new(),
            reason: FileReason::NotJson,
        }),
    }
}

/// Reads the envelope, skipping the tables without keeping any of them.
pub(super) fn envelope(bytes: &[u8]) -> CoreResult<Envelope> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let read = de::Deserializer::deserialize_any(&mut json, EnvelopeVisitor)
        .and_then(|envelope| json.end().map(|()| envelope));
    read.map_err(|err| json_problem(&err, || bad("", FileReason::NotAnExport)))
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Steady plan file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut envelope = Envelope::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key.0.as_deref() {
                Some("format") => &mut envelope.format,
                Some("format_version") => &mut envelope.format_version,
                Some("schema_version") => &mut envelope.schema_version,
                Some("exported_at") => &mut envelope.exported_at,
                Some("tables") => {
                    envelope.tables = map.next_value::<IsObject>()?.0;
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<Scalar>()?);
        }
        Ok(envelope)
    }
}

/// A key, kept only when it is short enough to be one Steady knows.
struct Key(Option<String>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key((v.len() <= ENVELOPE_TEXT_MAX).then(|| v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(if v.len() <= ENVELOPE_TEXT_MAX {
            Scalar::Text(v.to_owned())
        } else {
            Scalar::Other
        })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// Whether a value is an object, read without keeping it.
struct IsObject(bool);

impl<'de> de::Deserialize<'de> for IsObject {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IsObjectVisitor;
        impl<'de> Visitor<'de> for IsObjectVisitor {
            type Value = IsObject;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IsObject, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(IsObject(true))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<IsObject, A::Error> {
                ScalarVisitor.visit_seq(seq).map(|_| IsObject(false))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
            fn visit_unit<E: de::Error>(self) -> Result<IsObject, E> {
                Ok(IsObject(false))
            }
        }
        deserializer.deserialize_any(IsObjectVisitor)
    }
}

/// What the second pass shares from one level of the file to the next: the transaction the
/// rows go into, the place being read, and the problem that stopped the reading.
struct Fill<'t, 'c> {
    tx: &'t Transaction<'c>,
    known: &'t [String],
    place: String,
    problem: Option<CoreError>,
}

impl Fill<'_, '_> {
    /// Stops the reading with `problem`.
    fn stop<E: de::Error>(&mut self, problem: CoreError) -> E {
        self.problem = Some(problem);
        E::custom("stopped")
    }

    fn stop_at<E: de::Error>(&mut self, place: String, reason: FileReason) -> E {
        self.stop(bad(place, reason))
    }

    /// Stops the reading with a storage error (not the file's fault).
    fn storage<E: de::Error>(&mut self, err: impl Into<CoreError>) -> E {
        self.stop(err.into())
    }
}

/// Inserts every row of the file's `tables` into `tx`, checking each as it comes.
pub(super) fn fill_rows(bytes: &[u8], tx: &Transaction, known: &[String]) -> CoreResult<()> {
    let mut fill = Fill {
        tx,
        known,
        place: String::new(),
        problem: None,
    };
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let read = de::Deserializer::deserialize_any(&mut json, Root(&mut fill));
    match read {
        Ok(()) => Ok(()),
        Err(err) => Err(match fill.problem.take() {
            Some(problem) => problem,
            None => {
                let place = std::mem::take(&mut fill.place);
                json_problem(&err, || bad(place, FileReason::BadValue))
            }
        }),
    }
}

struct Root<'f, 't, 'c>(&'f mut Fill<'t, 'c>);

impl<'de> Visitor<'de> for Root<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Steady plan file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            if key.0.as_deref() == Some("tables") {
                map.next_value_seed(Tables(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Tables<'f, 't, 'c>(&'f mut Fill<'t, 'c>);

impl<'de> DeserializeSeed<'de> for Tables<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Tables<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fill = self.0;
        let mut seen = HashSet::new();
        while let Some(Key(name)) = map.next_key::<Key>()? {
            let Some(table) = name
                .as_ref()
                .and_then(|n| fill.known.iter().find(|k| *k == n).cloned())
            else {
                let place = format!("tables.{}", name.unwrap_or_default());
                return Err(fill.stop_at(place, FileReason::UnknownTable));
            };
            let place = format!("tables.{table}");
            if !seen.insert(table.clone()) {
                return Err(fill.stop_at(place, FileReason::BadValue));
            }
            let columns = match column_names(fill.tx, &table) {
                Ok(columns) => columns,
                Err(err) => return Err(fill.storage(err)),
            };
            // The starter rows a migration put in (the one-row settings tables) give way to
            // the file's.
            if let Err(err) = fill.tx.execute(&format!("DELETE FROM \"{table}\""), []) {
                return Err(fill.storage(err));
            }
            fill.place = place;
            map.next_value_seed(Rows {
                fill: &mut *fill,
                table: &table,
                columns: &columns,
            })?;
        }
        Ok(())
    }
}

struct Rows<'f, 't, 'c, 'a> {
    fill: &'f mut Fill<'t, 'c>,
    table: &'a str,
    columns: &'a HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for Rows<'_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Rows {
            fill,
            table,
            columns,
        } = self;
        let mut i = 0;
        loop {
            let place = format!("tables.{table}[{i}]");
            fill.place.clone_from(&place);
            let row = Row {
                fill: &mut *fill,
                place,
                columns,
            };
            let Some(row) = seq.next_element_seed(row)? else {
                return Ok(());
            };
            if i == MAX_ROWS {
                let max = MAX_ROWS as u32;
                return Err(fill.stop_at(format!("tables.{table}"), FileReason::TooLarge { max }));
            }
            insert(fill, table, row)?;
            i += 1;
        }
    }
}

/// One row as it will be inserted: its place in the file, columns and values.
struct RowValues {
    place: String,
    names: Vec<String>,
    values: Vec<SqlValue>,
}

fn insert<E: de::Error>(fill: &mut Fill, table: &str, row: RowValues) -> Result<(), E> {
    let sql = if row.names.is_empty() {
        format!("INSERT INTO \"{table}\" DEFAULT VALUES")
    } else {
        let names: Vec<String> = row.names.iter().map(|n| format!("\"{n}\"")).collect();
        let marks = vec!["?"; names.len()].join(", ");
        format!(
            "INSERT INTO \"{table}\" ({}) VALUES ({marks})",
            names.join(", ")
        )
    };
    match fill
        .tx
        .prepare_cached(&sql)
        .and_then(|mut stmt| stmt.execute(rusqlite::params_from_iter(row.values)))
    {
        Ok(_) => Ok(()),
        Err(_) => Err(fill.stop_at(row.place, FileReason::BadValue)),
    }
}

struct Row<'f, 't, 'c, 'a> {
    fill: &'f mut Fill<'t, 'c>,
    place: String,
    columns: &'a HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for Row<'_, '_, '_, '_> {
    type Value = RowValues;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<RowValues, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Row<'_, '_, '_, '_> {
    type Value = RowValues;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RowValues, A::Error> {
        let Row {
            fill,
            place,
            columns,
        } = self;
        let mut names = Vec::new();
        let mut values = Vec::new();
        while let Some(Key(column)) = map.next_key::<Key>()? {
            let Some(column) = column.as_ref().filter(|c| columns.contains(*c)).cloned() else {
                let at = format!("{place}.{}", column.unwrap_or_default());
                return Err(fill.stop_at(at, FileReason::UnknownColumn));
            };
            let at = format!("{place}.{column}");
            // A column given twice would let one row grow without end.
            if names.contains(&column) {
                return Err(fill.stop_at(at, FileReason::BadValue));
            }
            fill.place.clone_from(&at);
            match map.next_value::<Cell>()? {
                Cell::Value(value) => values.push(value),
                Cell::TooLong => {
                    let max = CELL_TEXT_MAX;
                    return Err(fill.stop_at(at, FileReason::TooLarge { max }));
                }
                Cell::Bad => return Err(fill.stop_at(at, FileReason::BadValue)),
            }
            names.push(column);
        }
        fill.place.clone_from(&place);
        Ok(RowValues {
            place,
            names,
            values,
        })
    }
}

/// One value of a row: what SQLite stores, or why it cannot.
enum Cell {
    Value(SqlValue),
    TooLong,
    Bad,
}

impl<'de> de::Deserialize<'de> for Cell {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Value(SqlValue::Null))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Value(SqlValue::Integer(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Value(match i64::try_from(v) {
                    Ok(v) => SqlValue::Integer(v),
                    Err(_) => SqlValue::Real(v as f64),
                }))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Value(SqlValue::Real(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                // Counted before it is copied out of the file.
                Ok(if v.chars().count() > CELL_TEXT_MAX as usize {
                    Cell::TooLong
                } else {
                    Cell::Value(SqlValue::Text(v.to_owned()))
                })
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Cell, E> {
                Ok(Cell::Bad)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Cell, A::Error> {
                ScalarVisitor.visit_seq(seq).map(|_| Cell::Bad)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                ScalarVisitor.visit_map(map).map(|_| Cell::Bad)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}
