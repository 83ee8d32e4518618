//! The whole plan and its history as one JSON file, and back: to move to a new computer, to
//! keep a copy any program can read, or to hand the plan to someone. The format is every
//! table of the database, row by row, under a versioned envelope (`docs/export-format.md`);
//! an import is checked completely in a private database before one write replaces the
//! owner's data, and a backup of what it replaces is taken first.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use self::stream::Scalar;
use ts_rs::TS;

use crate::backups::BackupReason;
use crate::datafolder::{BackupOutcome, DataFolder};
use crate::error::{CoreError, CoreResult, FileProblem, FileReason};
use crate::field_paths::ContactField;
use crate::store::APPLICATION_ID;
use crate::store::{latest_schema_version, migrations, Store};

/// What the file says it is.
pub const FORMAT: &str = "steady-plan";
/// The envelope's version; the tables inside follow `schema_version`.
pub const FORMAT_VERSION: u32 = 1;
/// The largest file Steady reads: far above any real plan, far below a memory problem.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The most rows one table may bring.
pub const MAX_ROWS: usize = 200_000;

/// The file, as written.
#[derive(Debug, Serialize)]
struct ExportFile<'a> {
    format: &'a str,
    format_version: u32,
    schema_version: u32,
    exported_at: DateTime<Utc>,
    business_name: String,
    tables: Map<String, Value>,
}

/// The kinds of things an import changes, as the owner counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Contacts,
    Services,
    Workarounds,
    Runbooks,
    Roles,
    Incidents,
    NoticeTemplates,
}

impl ImportKind {
    const ALL: [(Self, &'static str); 7] = [
        (Self::Contacts, "contacts"),
        (Self::Services, "services"),
        (Self::Workarounds, "workarounds"),
        (Self::Runbooks, "runbooks"),
        (Self::Roles, "roles"),
        (Self::Incidents, "incidents"),
        (Self::NoticeTemplates, "notice_templates"),
    ];
}

/// How one kind of thing would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindChange {
    pub kind: ImportKind,
    /// How many there are now, and in the file.
    pub now: u32,
    pub in_file: u32,
    /// Matched by their number in Steady (a plan exported from this one, or a copy of it).
    pub added: u32,
    pub updated: u32,
    pub removed: u32,
}

/// What importing a plan file would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub business_name: String,
    pub exported_at: Option<DateTime<Utc>>,
    pub changes: Vec<KindChange>,
    /// Whether there is a plan now that the import replaces.
    pub replaces_a_plan: bool,
}

/// A plan file read and checked completely, ready to be previewed and imported: reading it
/// needs nothing of the open plan, so it happens without holding the store.
#[derive(Debug)]
pub struct PlanFile {
    incoming: Store,
    exported_at: Option<DateTime<Utc>>,
}

impl PlanFile {
    /// Reads `bytes` as a plan file, or says the first problem in it. `now` is the time the
    /// read-back check runs at (reminders, durations).
    pub fn read(bytes: &[u8], now: DateTime<Utc>) -> CoreResult<Self> {
        let (incoming, exported_at) = load(bytes, now)?;
        Ok(Self {
            incoming,
            exported_at,
        })
    }
}

impl Store {
    /// Everything in the database as the export file's JSON text.
    pub fn export_plan(&self, now: DateTime<Utc>) -> CoreResult<String> {
        let mut tables = Map::new();
        for table in table_names(&self.conn)? {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
            let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let rows = stmt
                .query_map([], |row| {
                    let mut object = Map::new();
                    for (i, column) in columns.iter().enumerate() {
                        object.insert(column.clone(), to_json(row.get(i)?));
                    }
                    Ok(Value::Object(object))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            tables.insert(table, Value::Array(rows));
        }
        let file = ExportFile {
            format: FORMAT,
            format_version: FORMAT_VERSION,
            schema_version: self.schema_version()? as u32,
            exported_at: now,
            business_name: self.business_name()?,
            tables,
        };
        serde_json::to_string_pretty(&file).map_err(|err| CoreError::Io(std::io::Error::other(err)))
    }

    /// What importing `file` would change.
    pub fn preview_import(&self, file: &PlanFile) -> CoreResult<ImportPreview> {
        let incoming = &file.incoming;
        let mut changes = Vec::new();
        for (kind, table) in ImportKind::ALL {
            // Outages only: a drill is no outage to count.
            let only = if kind == ImportKind::Incidents {
                "WHERE drill = 0"
            } else {
                ""
            };
            let now = keyed_rows(&self.conn, table, only)?;
            let file = keyed_rows(&incoming.conn, table, only)?;
            let added = file.keys().filter(|k| !now.contains_key(*k)).count();
            let removed = now.keys().filter(|k| !file.contains_key(*k)).count();
            let updated = file
                .iter()
                .filter(|(k, row)| now.get(*k).is_some_and(|r| r != *row))
                .count();
            changes.push(KindChange {
                kind,
                now: now.len() as u32,
                in_file: file.len() as u32,
                added: added as u32,
                updated: updated as u32,
                removed: removed as u32,
            });
        }
        Ok(ImportPreview {
            business_name: incoming.business()?.map(|b| b.name).unwrap_or_default(),
            exported_at: file.exported_at,
            changes,
            replaces_a_plan: self.business()?.is_some(),
        })
    }

    /// Replaces the plan and history with the file's, after a backup of the present; one
    /// write, and nothing at all when the file has a problem.
    pub fn import_plan(
        &mut self,
        folder: &DataFolder,
        file: &PlanFile,
        now: DateTime<FixedOffset>,
    ) -> CoreResult<Option<BackupOutcome>> {
        let saved = self.back_up_before(folder, BackupReason::BeforeImport, now)?;
        self.replace_with(&file.incoming.conn)?;
        Ok(saved)
    }
}

fn bad(place: impl Into<String>, reason: FileReason) -> CoreError {
    CoreError::BadFile(FileProblem {
        line: None,
        place: place.into(),
        reason,
    })
}

/// Reads and checks an export file completely into a private database at the latest schema.
fn load(bytes: &[u8], now: DateTime<Utc>) -> CoreResult<(Store, Option<DateTime<Utc>>)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad(
            "",
            FileReason::TooLarge {
                max: MAX_FILE_BYTES as u32,
            },
        ));
    }
    let envelope = stream::envelope(bytes)?;
    if envelope.format.as_ref().and_then(Scalar::as_str) != Some(FORMAT) {
        return Err(bad("format", FileReason::NotAnExport));
    }
    let version = |key: &str, value: &Option<Scalar>| -> CoreResult<u32> {
        value
            .as_ref()
            .and_then(Scalar::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v > 0)
            .ok_or_else(|| bad(key, FileReason::BadValue))
    };
    let format_version = version("format_version", &envelope.format_version)?;
    if format_version > FORMAT_VERSION {
        return Err(bad(
            "format_version",
            FileReason::NewerFormat {
                version: format_version,
            },
        ));
    }
    let schema_version = version("schema_version", &envelope.schema_version)?;
    if schema_version as usize > latest_schema_version() {
        return Err(bad(
            "schema_version",
            FileReason::NewerFormat {
                version: schema_version,
            },
        ));
    }
    let exported_at = envelope
        .exported_at
        .as_ref()
        .and_then(Scalar::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|at| at.with_timezone(&Utc));
    if !envelope.tables {
        return Err(bad("tables", FileReason::BadValue));
    }

    let mut conn = Connection::open_in_memory()?;
    migrations()
        .to_version(&mut conn, schema_version as usize)
        .map_err(CoreError::from)?;
    fill(&mut conn, bytes)?;
    migrations().to_latest(&mut conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let store = Store::wrap(conn)?;
    check_meaning(&store, now)?;
    Ok((store, exported_at))
}

/// Inserts the file's rows into the tables of its schema version, read from the text one at
/// a time ([`stream`]); every table, column and value is checked on the way, and the
/// references once all are in.
fn fill(conn: &mut Connection, bytes: &[u8]) -> CoreResult<()> {
    let known = table_names(conn)?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let tx = conn.transaction()?;
    stream::fill_rows(bytes, &tx, &known)?;
    let broken = tx
        .query_row("PRAGMA foreign_key_check", [], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .map(Some)
        .or_else(|err| match err {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    if let Some((table, rowid)) = broken {
        return Err(bad(
            format!("tables.{table}, row {rowid}"),
            FileReason::BrokenReference,
        ));
    }
    tx.commit()?;
    Ok(())
}

/// Reads everything back the way the app does, so a value the app would not understand (an
/// unknown kind, a date that is not one) or a contact it would refuse stops the import.
fn check_meaning(store: &Store, now: DateTime<Utc>) -> CoreResult<()> {
    store.business().map_err(refuse("business"))?;
    let contacts = store
        .list_contacts(&Default::default())
        .map_err(refuse("contacts"))?;
    for contact in contacts {
        if let Err(CoreError::Validation(fields)) = contact.details.validated() {
            let field = fields.first().map(|f| f.field.clone()).unwrap_or_default();
            let value = ContactField::from_path(&field)
                .map(|named| contact.details.field_text(named))
                .unwrap_or_default();
            let name = contact.details.display_name();
            return Err(bad(name, FileReason::BadField { field, value }));
        }
    }
    store.list_services().map_err(refuse("services"))?;
    store.list_runbooks().map_err(refuse("runbooks"))?;
    store.safety_plan().map_err(refuse("plan_settings"))?;
    store
        .reminder_settings()
        .map_err(refuse("reminder_settings"))?;
    store.print_status().map_err(refuse("printouts"))?;
    // Every incident whole, as the screens and the report read one.
    let every = store
        .list_incidents(&Default::default(), now)
        .map_err(refuse("incidents"))?;
    for summary in every.incidents {
        store
            .incident(summary.id, now)
            .map_err(refuse("incidents"))?;
    }
    store
        .list_announced(now)
        .map_err(refuse("announced_outages"))?;
    // Before the reminders, which read the costs for claim deadlines.
    costs::check_costs(store, now)?;
    store.due_reminders(now).map_err(refuse("reminder_marks"))?;
    team::check_team(store)?;
    drills::check_drills(store, now)?;
    Ok(())
}

/// Turns what the app's own reading refused into the file's problem at `place`.
fn refuse(place: &str) -> impl Fn(CoreError) -> CoreError + '_ {
    move |_| bad(place, FileReason::BadValue)
}

fn table_names(conn: &Connection) -> CoreResult<Vec<String>> {
    // Creation order: a table comes after the tables it refers to.
    Ok(conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY rowid",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

fn column_names(conn: &Connection, table: &str) -> CoreResult<HashSet<String>> {
    Ok(conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// A table's rows by primary key, each as its values in text, to compare two databases.
fn keyed_rows(conn: &Connection, table: &str, only: &str) -> CoreResult<HashMap<String, String>> {
    let keys: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"
        ))?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" {only}"))?;
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let key_at: Vec<usize> = keys
        .iter()
        .filter_map(|k| columns.iter().position(|c| c == k))
        .collect();
    // A row's global id is no change the owner would see: two rows alike but for it read the
    // same.
    let shown: Vec<usize> = (0..columns.len())
        .filter(|i| columns[*i] != "gid")
        .collect();
    let rows = stmt.query_map([], |row| {
        let values = shown
            .iter()
            .map(|i| row.get::<_, SqlValue>(*i).map(|v| format!("{v:?}")))
            .collect::<Result<Vec<_>, _>>()?;
        let key = key_at
            .iter()
            .map(|i| row.get::<_, SqlValue>(*i).map(|v| format!("{v:?}")))
            .collect::<Result<Vec<_>, _>>()?
            .join("|");
        Ok((key, values.join("|")))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A SQLite value as the plan file writes it (and the shared history holds it).
pub(crate) fn to_json(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::Number(i.into()),
        SqlValue::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        SqlValue::Text(t) => Value::String(t),
        // No table holds bytes; should one ever, it must be given a form in the format first.
        SqlValue::Blob(_) => Value::Null,
    }
}

mod costs;
mod drills;
mod stream;
mod team;

#[cfg(test)]
mod tests;
