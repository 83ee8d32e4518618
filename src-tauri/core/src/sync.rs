//! One plan kept on two or more computers, merged rather than overwritten (issue 29): the
//! merge engine between the SQLite file every screen reads and Automerge, the CRDT that
//! carries each computer's changes to the others (`sync/folder.rs` moves them as files).
//!
//! The SQLite file stays the truth each screen reads; the engine's document is the shared
//! history. A cycle is, under one `&mut Store`:
//! 1. [`SharedPlan::record`]: every field of a synced row that differs from the document's
//!    value was changed here since the last cycle, and is put into the document (with the
//!    moment, so that of two concurrent edits the later wins); a row gone from the file was
//!    deleted here.
//! 2. [`SharedPlan::receive`]: the other computers' change files are merged in.
//! 3. [`SharedPlan::apply`]: the merged values are written back to SQLite in one transaction.
//!
//! The document is one flat map, `table/gid/column` to `[ms, value]` (no nested objects: two
//! computers creating the same nested map at once would hide one of them). A row's
//! `table/gid/~alive` is `true` on every edit and `false` on a delete, so a delete that did not
//! see a concurrent edit loses to it: the contact comes back with the edit. A column listed in
//! [`Synced::conflicts`] edited on two computers at once is a conflict the owner settles
//! ([`SharedPlan::choose`]); until then the later value shows and both are kept.
//!
//! Shared so far (`sync/tables.rs`): the contacts with their phones, the services with their
//! providers, the workarounds with their contacts and services, the runbooks with their steps.
//! A column naming another shared row holds its global id in the history.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::{transaction::Transactable, AutoCommit, ChangeHash, ReadDoc, ScalarValue, ROOT};
use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::Value;

use crate::error::{CoreError, CoreResult};
use crate::export::to_json;
use crate::store::Store;

pub mod cycle;
pub mod folder;
pub mod status;
mod tables;

use tables::{Children, Synced, SYNCED, TASK};

const ALIVE: &str = "~alive";

/// One row as the engine sees it: its fields by name, children as one JSON array.
type Row = BTreeMap<&'static str, Value>;

/// One row as the document holds it: each field's values, latest first (more than one while
/// concurrent edits are not settled).
type Fields = BTreeMap<String, Vec<(i64, Value)>>;

/// The value a field shows: the latest.
fn winner<'a>(fields: Option<&'a Fields>, field: &str) -> Option<&'a Value> {
    fields?.get(field)?.first().map(|(_, v)| v)
}

/// What a field shows: its latest value, or, for a field of `Synced::unions` set on two
/// computers at once, every row either set (ticks made on both are all kept), each once by
/// its first cell, sorted as an unordered part is.
fn shown_value(synced: &Synced, fields: Option<&Fields>, field: &str) -> Option<Value> {
    let values = fields?.get(field)?;
    if values.len() < 2 || !synced.unions.contains(&field) {
        return values.first().map(|(_, v)| v.clone());
    }
    let mut seen = BTreeSet::new();
    let mut rows: Vec<Value> = values
        .iter()
        .filter_map(|(_, value)| value.as_array())
        .flatten()
        .filter(|row| seen.insert(row.get(0).map(Value::to_string).unwrap_or_default()))
        .cloned()
        .collect();
    rows.sort_by_key(|row| row.to_string());
    Some(Value::Array(rows))
}

/// Whether the row is there: any concurrent "alive" wins over a delete it did not see.
fn alive(fields: Option<&Fields>) -> bool {
    fields
        .and_then(|f| f.get(ALIVE))
        .is_some_and(|values| values.iter().any(|(_, v)| *v == Value::Bool(true)))
}

/// A field edited on two computers at once: the values, latest first, until the owner chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub table: &'static str,
    pub gid: String,
    pub field: &'static str,
    pub values: Vec<Value>,
}

/// What applying the merged plan did to this computer's file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Applied {
    /// Rows added, changed or deleted.
    pub changed: usize,
    pub conflicts: Vec<Conflict>,
    /// Rows another computer sent that this file refuses (a value out of its range): left out,
    /// named by table and global id.
    pub refused: Vec<(&'static str, String)>,
}

/// This computer's copy of the shared history.
#[derive(Debug)]
pub struct SharedPlan {
    doc: AutoCommit,
    /// The heads already written out as change files.
    written: Vec<ChangeHash>,
    /// Rows this file refused when applied: absent here, but not deleted by the owner.
    refused: BTreeSet<(&'static str, String)>,
    /// The mark of the file as the last cycle left it (`sync_mark`).
    mark: Option<String>,
    /// The other computers' files merged since this history was loaded, by computer and name:
    /// a file is never changed once written, so it is not read again.
    merged_files: BTreeSet<(String, String)>,
    /// How the history file stands (`sync/cycle.rs`): `None` until it is written whole.
    kept: Option<cycle::Kept>,
}

/// A change file that cannot be merged, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum BadChanges {
    /// Not a Steady change file.
    NotSteady,
    /// From a newer Steady, whose format this one does not know.
    Newer,
    /// Cut short or damaged.
    Damaged,
}

/// Every change file starts with this, then the format's version, the checksum of its changes
/// and a newline.
pub const MAGIC: &[u8] = b"STEADY-SYNC ";
/// The format this Steady writes and reads.
pub const FORMAT: u32 = 1;

fn key(table: &str, gid: &str, field: &str) -> String {
    format!("{table}/{gid}/{field}")
}

fn encode(at: DateTime<Utc>, value: &Value) -> String {
    Value::Array(vec![at.timestamp_millis().into(), value.clone()]).to_string()
}

/// `[ms, value]`, or `None` for anything else (never written by Steady).
fn decode(text: &str) -> Option<(i64, Value)> {
    match serde_json::from_str(text).ok()? {
        Value::Array(pair) if pair.len() == 2 => Some((pair[0].as_i64()?, pair[1].clone())),
        _ => None,
    }
}

fn json_to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Number(n) => n.as_i64().map_or(SqlValue::Null, SqlValue::Integer),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn engine_error(err: automerge::AutomergeError) -> CoreError {
    CoreError::Io(std::io::Error::other(err))
}

/// Each shared row's global id by its id here, and back, table by table: read once for a
/// sync that goes over every row, else looked up row by row and remembered.
#[derive(Default)]
struct Ids {
    gid: HashMap<(&'static str, i64), String>,
    id: HashMap<(&'static str, String), i64>,
}

impl Ids {
    /// Every shared row's.
    fn all(conn: &Connection) -> CoreResult<Self> {
        let mut ids = Self::default();
        for synced in SYNCED {
            let mut stmt = conn.prepare(&format!(
                "SELECT id, {} FROM {}",
                synced.gid_sql(),
                synced.table
            ))?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, gid) = row?;
                ids.known(synced.table, id, gid);
            }
        }
        Ok(ids)
    }

    fn known(&mut self, table: &'static str, id: i64, gid: String) {
        self.gid.insert((table, id), gid.clone());
        self.id.insert((table, gid), id);
    }

    fn forget(&mut self, table: &'static str, id: i64) {
        if let Some(gid) = self.gid.remove(&(table, id)) {
            self.id.remove(&(table, gid));
        }
    }

    /// The global id of `table`'s row `id`, if it is there.
    fn gid_of(
        &mut self,
        conn: &Connection,
        table: &'static str,
        id: i64,
    ) -> CoreResult<Option<String>> {
        if let Some(gid) = self.gid.get(&(table, id)) {
            return Ok(Some(gid.clone()));
        }
        let gid: Option<String> = conn
            .prepare_cached(&format!(
                "SELECT {} FROM {table} WHERE id = ?1",
                gid_sql(table)
            ))?
            .query_row([id], |row| row.get(0))
            .optional()?;
        if let Some(gid) = &gid {
            self.known(table, id, gid.clone());
        }
        Ok(gid)
    }

    /// The id here of `table`'s row `gid`, if it is here.
    fn id_of(
        &mut self,
        conn: &Connection,
        table: &'static str,
        gid: &str,
    ) -> CoreResult<Option<i64>> {
        if let Some(id) = self.id.get(&(table, gid.to_owned())) {
            return Ok(Some(*id));
        }
        let id: Option<i64> = conn
            .prepare_cached(&format!(
                "SELECT id FROM {table} WHERE {} = ?1",
                gid_sql(table)
            ))?
            .query_row([gid], |row| row.get(0))
            .optional()?;
        if let Some(id) = id {
            self.known(table, id, gid.to_owned());
        }
        Ok(id)
    }

    /// A column's value as the history holds it: a row it names by its global id.
    fn shared_value(
        &mut self,
        conn: &Connection,
        refs: &[(&str, &'static str)],
        column: &str,
        value: Value,
    ) -> CoreResult<Value> {
        Ok(match refs.iter().find(|(c, _)| *c == column) {
            Some((_, TASK)) => {
                let Some(task) = value.as_str() else {
                    return Ok(Value::Null);
                };
                match task_target(task) {
                    // Digits only, one spelling per row ("call:012" is no task of "call:12").
                    Some((kind, table, id)) => {
                        match id.parse::<i64>().ok().filter(|n| n.to_string() == id) {
                            Some(id) => self
                                .gid_of(conn, table, id)?
                                .map_or(Value::Null, |gid| Value::from(format!("{kind}:{gid}"))),
                            None => Value::Null,
                        }
                    }
                    None => value,
                }
            }
            Some((_, table)) => match value.as_i64() {
                Some(id) => self
                    .gid_of(conn, table, id)?
                    .map_or(Value::Null, Value::from),
                None => Value::Null,
            },
            None => value,
        })
    }

    /// A column's value as this file holds it: a row it names by its id here (NULL when that
    /// row is not here).
    fn local_value(
        &mut self,
        conn: &Connection,
        refs: &[(&str, &'static str)],
        column: &str,
        value: &Value,
    ) -> CoreResult<SqlValue> {
        Ok(match refs.iter().find(|(c, _)| *c == column) {
            Some((_, TASK)) => match value.as_str().map(|task| (task, task_target(task))) {
                Some((_, Some((kind, table, gid)))) if well_formed(gid) => self
                    .id_of(conn, table, gid)?
                    .map_or(SqlValue::Null, |id| SqlValue::Text(format!("{kind}:{id}"))),
                Some((task, None)) => SqlValue::Text(task.to_owned()),
                _ => SqlValue::Null,
            },
            Some((_, table)) => match value.as_str() {
                Some(gid) => self
                    .id_of(conn, table, gid)?
                    .map_or(SqlValue::Null, SqlValue::Integer),
                None => SqlValue::Null,
            },
            None => json_to_sql(value),
        })
    }
}

/// The row a task of an outage names (see [`TASK`]): its kind, the shared table, and the id
/// (here) or global id (in the history) after the colon. `None` for a task naming no row (a
/// step), which goes as it is.
fn task_target(task: &str) -> Option<(&str, &'static str, &str)> {
    let (kind, row) = task.split_once(':')?;
    let table = match kind {
        "call" => "contacts",
        "workaround" => "workarounds",
        _ => return None,
    };
    Some((kind, table, row))
}

/// What names a row of `table` in SQL (see [`Synced::gid_sql`]).
fn gid_sql(table: &str) -> &'static str {
    SYNCED
        .iter()
        .find(|s| s.table == table)
        .map_or("gid", Synced::gid_sql)
}

/// Which rows of the shared tables a record or an apply goes over.
#[derive(Debug, Clone)]
pub(crate) enum Scope {
    Every,
    /// These global ids, by table.
    Rows(BTreeMap<&'static str, BTreeSet<String>>),
}

/// Whether `gid` names a row as Steady writes it: a global id, or `one` for a one-row table.
/// Anything else another computer's history holds is left out.
fn well_formed(gid: &str) -> bool {
    gid == "one" || (gid.len() == 32 && gid.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

impl Scope {
    fn add(&mut self, table: &'static str, gid: String) {
        if !well_formed(&gid) {
            return;
        }
        if let Self::Rows(rows) = self {
            rows.entry(table).or_default().insert(gid);
        }
    }

    /// The rows of this file's outbox: what was written here since the last sync.
    fn outbox(conn: &Connection) -> CoreResult<Self> {
        let mut scope = Self::Rows(BTreeMap::new());
        let mut stmt = conn.prepare("SELECT shared_table, row_gid FROM sync_outbox")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (table, gid) = row?;
            if let Some(synced) = SYNCED.iter().find(|s| s.table == table) {
                scope.add(synced.table, gid);
            }
        }
        Ok(scope)
    }
}

/// The shared rows of `synced` in the file that `scope` names: global id to (id, fields).
fn local_rows(
    conn: &Connection,
    synced: &Synced,
    ids: &mut Ids,
    scope: &Scope,
) -> CoreResult<BTreeMap<String, (i64, Row)>> {
    let columns = synced.columns.join(", ");
    let select = format!(
        "SELECT id, {}, {columns} FROM {} WHERE ({})",
        synced.gid_sql(),
        synced.table,
        synced.only.unwrap_or("1")
    );
    let mut found: Vec<(String, i64, Vec<SqlValue>)> = Vec::new();
    let mut take = |row: &rusqlite::Row<'_>| -> rusqlite::Result<()> {
        let values = (0..synced.columns.len())
            .map(|i| row.get::<_, SqlValue>(i + 2))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.push((row.get(1)?, row.get(0)?, values));
        Ok(())
    };
    match scope {
        Scope::Every => {
            let mut stmt = conn.prepare(&format!("{select} ORDER BY id"))?;
            let mut read = stmt.query([])?;
            while let Some(row) = read.next()? {
                take(row)?;
            }
        }
        Scope::Rows(rows) => {
            let mut stmt =
                conn.prepare_cached(&format!("{select} AND {} = ?1", synced.gid_sql()))?;
            for gid in rows.get(synced.table).into_iter().flatten() {
                let mut read = stmt.query([gid])?;
                while let Some(row) = read.next()? {
                    take(row)?;
                }
            }
        }
    }
    let mut rows = BTreeMap::new();
    for (gid, id, values) in found {
        let mut fields = Row::new();
        for (value, column) in values.into_iter().zip(synced.columns) {
            fields.insert(
                *column,
                ids.shared_value(conn, synced.refs, column, to_json(value))?,
            );
        }
        for children in synced.children {
            fields.insert(children.name, children_of(conn, children, id, ids)?);
        }
        ids.known(synced.table, id, gid.clone());
        rows.insert(gid, (id, fields));
    }
    Ok(rows)
}

fn children_of(
    conn: &Connection,
    children: &Children,
    id: i64,
    ids: &mut Ids,
) -> CoreResult<Value> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} ORDER BY {}",
        children.columns.join(", "),
        children.table,
        children.owned_by(),
        children.order.unwrap_or("rowid")
    ))?;
    let rows = stmt
        .query_map([id], |row| {
            (0..children.columns.len())
                .map(|i| row.get::<_, SqlValue>(i).map(to_json))
                .collect::<Result<Vec<_>, _>>()
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut shared = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        for (value, column) in row.into_iter().zip(children.columns) {
            cells.push(ids.shared_value(conn, children.refs, column, value)?);
        }
        shared.push(Value::Array(cells));
    }
    if children.order.is_none() {
        shared.sort_by_key(|row| row.to_string());
    }
    Ok(Value::Array(shared))
}

impl Default for SharedPlan {
    fn default() -> Self {
        Self::new()
    }
}

impl SharedPlan {
    /// A history with nothing in it yet, written as a new actor.
    pub fn new() -> Self {
        Self {
            doc: AutoCommit::new(),
            written: Vec::new(),
            refused: BTreeSet::new(),
            mark: None,
            merged_files: BTreeSet::new(),
            kept: None,
        }
    }

    /// Every value the document holds at `key`, decoded, latest first (ties by value, so
    /// every computer orders them alike).
    fn values(&self, key: &str) -> CoreResult<Vec<(i64, Value)>> {
        let mut values: Vec<(i64, Value)> = self
            .doc
            .get_all(ROOT, key)
            .map_err(engine_error)?
            .into_iter()
            .filter_map(|(value, _)| match value.to_str() {
                Some(text) => decode(text),
                None => None,
            })
            .collect();
        values.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.to_string().cmp(&a.1.to_string()))
        });
        values.dedup_by(|a, b| a.1 == b.1);
        Ok(values)
    }

    /// Every value the document holds for the rows of `table` that `scope` names: global id
    /// to field to values, latest first.
    fn state(&self, table: &str, scope: &Scope) -> CoreResult<BTreeMap<String, Fields>> {
        let mut state = BTreeMap::new();
        match scope {
            Scope::Every => self.read_state(table, &mut state)?,
            Scope::Rows(rows) => {
                for gid in rows.get(table).into_iter().flatten() {
                    if let Some(fields) = self.row_state(table, gid)? {
                        state.insert(gid.clone(), fields);
                    }
                }
            }
        }
        Ok(state)
    }

    /// Every value the document holds for `table`'s row `gid`, or `None` if it holds none: a
    /// lookup by key per field (a range of the map is read from its start).
    fn row_state(&self, table: &str, gid: &str) -> CoreResult<Option<Fields>> {
        let Some(synced) = SYNCED.iter().find(|s| s.table == table) else {
            return Ok(None);
        };
        let mut fields = Fields::new();
        for field in synced.fields().chain([ALIVE]) {
            let values = self.values(&key(table, gid, field))?;
            if !values.is_empty() {
                fields.insert(field.to_owned(), values);
            }
        }
        Ok((!fields.is_empty()).then_some(fields))
    }

    /// Reads into `state` every key under `table/`, in one pass.
    fn read_state(&self, table: &str, state: &mut BTreeMap<String, Fields>) -> CoreResult<()> {
        let prefix = format!("{table}/");
        // '0' follows '/': `table/`..`table0` is exactly the keys under `table/`.
        for item in self
            .doc
            .map_range(ROOT, prefix.clone()..format!("{table}0"))
        {
            let Some((gid, field)) = item.key[prefix.len()..].split_once('/') else {
                continue;
            };
            if !well_formed(gid) {
                continue;
            }
            let values = if item.conflict {
                self.values(&item.key)?
            } else {
                item.value
                    .into_value()
                    .to_str()
                    .and_then(decode)
                    .into_iter()
                    .collect()
            };
            state
                .entry(gid.to_owned())
                .or_default()
                .insert(field.to_owned(), values);
        }
        Ok(())
    }

    /// Whether the history holds `table`'s row `gid` as there.
    fn is_alive(&self, table: &str, gid: &str) -> CoreResult<bool> {
        Ok(self
            .values(&key(table, gid, ALIVE))?
            .iter()
            .any(|(_, v)| *v == Value::Bool(true)))
    }

    pub(crate) fn put(&mut self, key: &str, at: DateTime<Utc>, value: &Value) -> CoreResult<()> {
        self.doc
            .put(ROOT, key, ScalarValue::Str(encode(at, value).into()))
            .map_err(engine_error)
    }

    /// Puts into the history what was changed in `store` since the last cycle, as one change:
    /// the rows its outbox names once it has shared, else every row. Returns how many fields
    /// and rows it recorded.
    pub fn record(&mut self, store: &Store, now: DateTime<Utc>) -> CoreResult<usize> {
        let scope = if cycle::read_mark(store)?.is_some() {
            Scope::outbox(&store.conn)?
        } else {
            Scope::Every
        };
        self.record_rows(store, &scope, now)
    }

    fn record_rows(
        &mut self,
        store: &Store,
        scope: &Scope,
        now: DateTime<Utc>,
    ) -> CoreResult<usize> {
        let mut recorded = 0;
        let mut ids = match scope {
            Scope::Every => Ids::all(&store.conn)?,
            Scope::Rows(_) => Ids::default(),
        };
        for synced in SYNCED {
            let local = local_rows(&store.conn, synced, &mut ids, scope)?;
            let state = self.state(synced.table, scope)?;
            for (gid, (_, fields)) in &local {
                let there = state.get(gid);
                let mut edited = false;
                for field in synced.fields() {
                    let value = &fields[field];
                    if shown_value(synced, there, field).as_ref() != Some(value) {
                        self.put(&key(synced.table, gid, field), now, value)?;
                        edited = true;
                        recorded += 1;
                    }
                }
                if edited || !alive(there) {
                    self.put(&key(synced.table, gid, ALIVE), now, &Value::Bool(true))?;
                }
            }
            for (gid, there) in &state {
                let refused = self.refused.contains(&(synced.table, gid.clone()));
                if !local.contains_key(gid) && !refused && !synced.one_row && alive(Some(there)) {
                    self.put(&key(synced.table, gid, ALIVE), now, &Value::Bool(false))?;
                    recorded += 1;
                }
            }
        }
        self.doc.commit();
        Ok(recorded)
    }

    /// Every field edited on two computers that the owner has not settled yet, on rows that
    /// are there.
    pub fn conflicts(&self) -> CoreResult<Vec<Conflict>> {
        let mut conflicts = Vec::new();
        for synced in SYNCED.iter().filter(|s| !s.conflicts.is_empty()) {
            for (gid, there) in self.state(synced.table, &Scope::Every)? {
                if !alive(Some(&there)) {
                    continue;
                }
                for field in synced.conflicts {
                    if let Some(values) = there.get(*field).filter(|v| v.len() > 1) {
                        conflicts.push(Conflict {
                            table: synced.table,
                            gid: gid.clone(),
                            field,
                            values: values.iter().map(|(_, v)| v.clone()).collect(),
                        });
                    }
                }
            }
        }
        Ok(conflicts)
    }

    /// What a row of `table` is called (a contact's organisation or name, a workaround's
    /// title), as the history holds it now.
    pub(crate) fn label(&self, table: &str, gid: &str) -> CoreResult<String> {
        let state = self.row_state(table, gid)?;
        let fields = state.as_ref();
        Ok(["organisation", "person", "name", "title"]
            .into_iter()
            .filter_map(|field| winner(fields, field)?.as_str())
            .find(|text| !text.is_empty())
            .unwrap_or_default()
            .to_owned())
    }

    /// The owner's choice for a field edited on two computers: it replaces both values,
    /// here and, once merged, on every computer.
    pub(crate) fn choose(
        &mut self,
        conflict: &Conflict,
        value: &Value,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.put(
            &key(conflict.table, &conflict.gid, conflict.field),
            now,
            value,
        )?;
        self.doc.commit();
        Ok(())
    }

    /// Merges another computer's change file (as [`SharedPlan::outgoing`] wrote it). Nothing
    /// of a file refused is merged.
    pub fn receive(&mut self, file: &[u8]) -> Result<(), BadChanges> {
        let rest = file.strip_prefix(MAGIC).ok_or(BadChanges::NotSteady)?;
        let end = rest
            .iter()
            .position(|b| *b == b'\n')
            .ok_or(BadChanges::NotSteady)?;
        let header = std::str::from_utf8(&rest[..end]).map_err(|_| BadChanges::NotSteady)?;
        let (version, sum) = header.split_once(' ').unwrap_or((header, ""));
        let version: u32 = version.parse().map_err(|_| BadChanges::NotSteady)?;
        if version > FORMAT {
            return Err(BadChanges::Newer);
        }
        let changes = &rest[end + 1..];
        // The engine reads what it can of a cut file: the sum is what says it is whole.
        if sum != checksum(changes) {
            return Err(BadChanges::Damaged);
        }
        // Merged into a copy first: a file that fails half-way leaves this history as it was.
        let actor = self.doc.get_actor().clone();
        let mut trial = self.doc.fork().with_actor(actor);
        trial
            .load_incremental(changes)
            .map_err(|_| BadChanges::Damaged)?;
        self.doc = trial;
        Ok(())
    }

    /// This computer's changes not yet written out, as a change file, or `None` when there
    /// are none. [`SharedPlan::written`] once the file is safely in place.
    pub fn outgoing(&mut self) -> Option<(Vec<u8>, Vec<ChangeHash>)> {
        let heads = self.doc.get_heads();
        let changes = self.doc.save_after(&self.written);
        (!changes.is_empty()).then(|| (with_header(&changes), heads))
    }

    /// Notes that the changes up to `heads` are written out.
    pub fn written(&mut self, heads: Vec<ChangeHash>) {
        self.written = heads;
    }

    /// The whole history as one file, replacing every change file this computer wrote.
    pub fn snapshot(&mut self) -> Vec<u8> {
        with_header(&self.doc.save())
    }

    /// Writes the merged plan into `store`, in one transaction.
    pub fn apply(&mut self, store: &mut Store) -> CoreResult<Applied> {
        self.apply_rows(store, &Scope::Every, None, false)
    }

    /// Writes the rows `scope` names of the merged plan into `store`, in one transaction, with
    /// the file's new `mark`. `empty_outbox` once the history holding what the outbox named
    /// is kept: the outbox then names nothing left to record.
    pub(crate) fn apply_rows(
        &mut self,
        store: &mut Store,
        scope: &Scope,
        mark: Option<&str>,
        empty_outbox: bool,
    ) -> CoreResult<Applied> {
        let mut applied = Applied::default();
        let tx = store.conn.transaction()?;
        let mut ids = match scope {
            Scope::Every => Ids::all(&tx)?,
            Scope::Rows(_) => Ids::default(),
        };
        for synced in SYNCED {
            let local = local_rows(&tx, synced, &mut ids, scope)?;
            for (gid, there) in self.state(synced.table, scope)? {
                let here = local.get(&gid);
                if !alive(Some(&there)) && !synced.one_row {
                    if let Some((id, _)) = here {
                        tx.execute(&format!("DELETE FROM {} WHERE id = ?1", synced.table), [id])?;
                        ids.forget(synced.table, *id);
                        applied.changed += 1;
                    }
                    continue;
                }
                let mut merged = Row::new();
                for field in synced.fields() {
                    let Some(values) = there.get(field) else {
                        continue;
                    };
                    if values.len() > 1 && synced.conflicts.contains(&field) {
                        applied.conflicts.push(Conflict {
                            table: synced.table,
                            gid: gid.clone(),
                            field,
                            values: values.iter().map(|(_, v)| v.clone()).collect(),
                        });
                    }
                    if let Some(value) = shown_value(synced, Some(&there), field) {
                        merged.insert(field, value);
                    }
                }
                if here.is_some_and(|(_, fields)| *fields == merged) {
                    continue;
                }
                // A row naming one the history has and this file lacks (refused here) is
                // refused too, rather than written without the link and the loss sent on.
                let mut names_missing = false;
                for (table, named) in named_rows(synced, &merged) {
                    if ids.id_of(&tx, table, &named)?.is_none() && self.is_alive(table, &named)? {
                        names_missing = true;
                    }
                }
                tx.execute_batch("SAVEPOINT row")?;
                let written = if names_missing {
                    Err(CoreError::Io(std::io::Error::other(
                        "the row names a row this file refused",
                    )))
                } else {
                    write_row(
                        &tx,
                        synced,
                        &gid,
                        here.map(|(id, _)| *id),
                        &merged,
                        &mut ids,
                    )
                };
                match written {
                    Ok(()) => {
                        tx.execute_batch("RELEASE row")?;
                        self.refused.remove(&(synced.table, gid.clone()));
                        applied.changed += 1;
                    }
                    Err(_) => {
                        tx.execute_batch("ROLLBACK TO row; RELEASE row")?;
                        if here.is_none() {
                            ids.id.remove(&(synced.table, gid.clone()));
                            ids.gid.retain(|(t, _), g| *t != synced.table || *g != gid);
                        }
                        self.refused.insert((synced.table, gid.clone()));
                        applied.refused.push((synced.table, gid.clone()));
                    }
                }
            }
        }
        if let Some(mark) = mark {
            tx.execute(
                "INSERT INTO sync_mark (id, mark) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET mark = excluded.mark",
                [mark],
            )?;
        }
        if empty_outbox {
            tx.execute("DELETE FROM sync_outbox", [])?;
        }
        tx.commit()?;
        Ok(applied)
    }

    /// The rows merged into the history since `heads`, by table: those an apply goes over.
    pub(crate) fn merged_since(&mut self, heads: &[ChangeHash]) -> Scope {
        let mut scope = Scope::Rows(BTreeMap::new());
        for change in self.doc.get_changes(heads) {
            for op in change.decode().operations {
                let automerge::legacy::Key::Map(name) = &op.key else {
                    continue;
                };
                let mut parts = name.splitn(3, '/');
                let (Some(table), Some(gid)) = (parts.next(), parts.next()) else {
                    continue;
                };
                if let Some(synced) = SYNCED.iter().find(|s| s.table == table) {
                    scope.add(synced.table, gid.to_owned());
                }
            }
        }
        for (table, gid) in &self.refused {
            scope.add(table, gid.clone());
        }
        scope
    }
}

/// Every row of another shared table that `merged` names: (table, global id).
fn named_rows(synced: &Synced, merged: &Row) -> Vec<(&'static str, String)> {
    let mut named = Vec::new();
    let mut take = |refs: &[(&str, &'static str)], column: &str, value: &Value| match (
        refs.iter().find(|(c, _)| *c == column),
        value.as_str(),
    ) {
        (Some((_, TASK)), Some(task)) => {
            if let Some((_, table, gid)) = task_target(task) {
                named.push((table, gid.to_owned()));
            }
        }
        (Some((_, table)), Some(gid)) => named.push((*table, gid.to_owned())),
        _ => {}
    };
    for column in synced.columns {
        if let Some(value) = merged.get(column) {
            take(synced.refs, column, value);
        }
    }
    for children in synced.children {
        let Some(Value::Array(rows)) = merged.get(children.name) else {
            continue;
        };
        for row in rows {
            if let Value::Array(cells) = row {
                for (value, column) in cells.iter().zip(children.columns) {
                    take(children.refs, column, value);
                }
            }
        }
    }
    named
}

/// The SHA-256 of a file's changes, in hex.
fn checksum(changes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(changes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A change file: `STEADY-SYNC <format> <sha-256 of the changes>`, a newline, the changes.
fn with_header(changes: &[u8]) -> Vec<u8> {
    let mut file = format!("STEADY-SYNC {FORMAT} {}\n", checksum(changes)).into_bytes();
    file.extend_from_slice(changes);
    file
}

/// Writes one merged row over its local copy (`id`) or as a new row.
fn write_row(
    conn: &Connection,
    synced: &Synced,
    gid: &str,
    id: Option<i64>,
    merged: &Row,
    ids: &mut Ids,
) -> CoreResult<()> {
    let columns: Vec<&str> = synced
        .columns
        .iter()
        .copied()
        .filter(|c| merged.contains_key(c))
        .collect();
    let mut values = Vec::new();
    for column in &columns {
        values.push(ids.local_value(conn, synced.refs, column, &merged[column])?);
    }
    let id = match id {
        Some(id) => {
            let set: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 2))
                .collect();
            conn.execute(
                &format!(
                    "UPDATE {} SET {} WHERE id = ?1",
                    synced.table,
                    set.join(", ")
                ),
                params_from_iter(std::iter::once(SqlValue::Integer(id)).chain(values)),
            )?;
            id
        }
        None => {
            let marks: Vec<String> = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect();
            conn.execute(
                &format!(
                    "INSERT INTO {} ({}, {}) VALUES ({})",
                    synced.table,
                    if synced.one_row { "id" } else { "gid" },
                    columns.join(", "),
                    marks.join(", ")
                ),
                params_from_iter(
                    std::iter::once(if synced.one_row {
                        SqlValue::Integer(1)
                    } else {
                        SqlValue::Text(gid.to_owned())
                    })
                    .chain(values),
                ),
            )?;
            let id = conn.last_insert_rowid();
            ids.known(synced.table, id, gid.to_owned());
            id
        }
    };
    for children in synced.children {
        let Some(Value::Array(rows)) = merged.get(children.name) else {
            continue;
        };
        write_children(conn, children, id, rows, ids)?;
    }
    Ok(())
}

/// Replaces the rows row `id` owns in `children.table` with `rows`. A link to a row that is not
/// here (deleted meanwhile) is left out, unless it may stand without (`keep_without`).
fn write_children(
    conn: &Connection,
    children: &Children,
    id: i64,
    rows: &[Value],
    ids: &mut Ids,
) -> CoreResult<()> {
    conn.execute(
        &format!(
            "DELETE FROM {} WHERE {}",
            children.table,
            children.owned_by()
        ),
        [id],
    )?;
    let order: Vec<&str> = children.order.into_iter().collect();
    let names: Vec<&str> = children
        .parent
        .into_iter()
        .chain(order.iter().copied())
        .chain(children.columns.iter().copied())
        .collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        children.table,
        names.join(", "),
        marks.join(", ")
    );
    for (position, row) in rows.iter().enumerate() {
        let Value::Array(cells) = row else {
            return Err(CoreError::Io(std::io::Error::other(
                "a shared row's part is no list",
            )));
        };
        let mut values = Vec::new();
        for (value, column) in cells.iter().zip(children.columns) {
            values.push(ids.local_value(conn, children.refs, column, value)?);
        }
        let dangling = children
            .refs
            .iter()
            .filter(|(column, _)| !children.keep_without.contains(column))
            .any(|(column, _)| {
                children
                    .columns
                    .iter()
                    .position(|c| c == column)
                    .is_some_and(|i| values.get(i) == Some(&SqlValue::Null))
            });
        if dangling {
            continue;
        }
        let head = children
            .parent
            .map(|_| SqlValue::Integer(id))
            .into_iter()
            .chain(order.iter().map(|_| SqlValue::Integer(position as i64)));
        conn.execute(&sql, params_from_iter(head.chain(values)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
