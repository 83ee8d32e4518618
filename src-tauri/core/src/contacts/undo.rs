//! What deleting a contact takes with it, kept so that "Undo" puts all of it back: every row
//! that named the contact — a service's provider, a workaround's contact, a role's holder or
//! stand-in, the call tree, a call in an outage's record — found from the schema's own
//! foreign keys, so a table added later is covered without a word here.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, ErrorCode};

use super::Contact;
use crate::error::CoreResult;

/// A contact deleted, with what named it: what [`crate::Store::restore_contact`] puts back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedContact {
    pub contact: Contact,
    /// Its global id: the undone contact is the same one on every computer.
    pub(super) gid: Option<String>,
    links: Vec<Link>,
}

/// One row that named the deleted contact.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Link {
    /// Deleted with it (`ON DELETE CASCADE`): put back whole.
    Row {
        table: String,
        /// Which of `columns` names the contact.
        column: usize,
        columns: Vec<String>,
        values: Vec<Value>,
    },
    /// Made to forget it (`ON DELETE SET NULL`): named again.
    Cleared {
        table: String,
        column: String,
        rowid: i64,
    },
}

/// The contact's phones are part of the contact itself.
const OWN_TABLES: [&str; 1] = ["contact_phones"];

/// Every column of the schema that refers to `contacts(id)`: its table, its name, and what a
/// contact's deletion does to it.
fn references(conn: &Connection) -> CoreResult<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, f.\"from\", f.on_delete
         FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name) AS f
         WHERE m.type = 'table' AND f.\"table\" = 'contacts'
         ORDER BY m.name, f.id",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    Ok(rows
        .collect::<Result<Vec<(String, String, String)>, _>>()?
        .into_iter()
        .filter(|(table, _, _)| !OWN_TABLES.contains(&table.as_str()))
        .collect())
}

/// A name from the schema, quoted for SQL.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Reads what names contact `id`, before it is deleted (in the same transaction).
pub(super) fn links_of(conn: &Connection, id: i64) -> CoreResult<Vec<Link>> {
    let mut links = Vec::new();
    for (table, column, on_delete) in references(conn)? {
        let (t, c) = (quoted(&table), quoted(&column));
        if on_delete.eq_ignore_ascii_case("SET NULL") {
            let mut stmt = conn.prepare(&format!("SELECT rowid FROM {t} WHERE {c} = ?1"))?;
            for rowid in stmt.query_map([id], |row| row.get(0))? {
                links.push(Link::Cleared {
                    table: table.clone(),
                    column: column.clone(),
                    rowid: rowid?,
                });
            }
        } else if on_delete.eq_ignore_ascii_case("CASCADE") {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {t} WHERE {c} = ?1"))?;
            let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
            let Some(at) = columns.iter().position(|name| *name == column) else {
                continue;
            };
            let rows = stmt.query_map([id], |row| {
                (0..columns.len())
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?;
            for values in rows {
                links.push(Link::Row {
                    table: table.clone(),
                    column: at,
                    columns: columns.clone(),
                    values: values?,
                });
            }
        }
        // NO ACTION or RESTRICT: the delete is refused while such a row names the contact.
    }
    Ok(links)
}

impl DeletedContact {
    pub(super) fn new(contact: Contact, gid: Option<String>, links: Vec<Link>) -> Self {
        Self {
            contact,
            gid,
            links,
        }
    }

    /// Names the contact, now `id`, again wherever it was named, in the caller's
    /// transaction. A row whose other side is gone meanwhile (a service deleted since) or
    /// that is there again already is left as it is.
    pub(super) fn relink(&self, conn: &Connection, id: i64) -> CoreResult<()> {
        for link in &self.links {
            match link {
                Link::Row {
                    table,
                    column,
                    columns,
                    values,
                } => {
                    let mut values = values.clone();
                    values[*column] = Value::Integer(id);
                    let names: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
                    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
                    let put = conn.execute(
                        &format!(
                            "INSERT OR IGNORE INTO {} ({}) VALUES ({})",
                            quoted(table),
                            names.join(", "),
                            marks.join(", ")
                        ),
                        params_from_iter(values),
                    );
                    match put {
                        Ok(_) => {}
                        // What it linked the contact to is gone: nothing to link any more.
                        Err(rusqlite::Error::SqliteFailure(err, _))
                            if err.code == ErrorCode::ConstraintViolation => {}
                        Err(err) => return Err(err.into()),
                    }
                }
                Link::Cleared {
                    table,
                    column,
                    rowid,
                } => {
                    let c = quoted(column);
                    conn.execute(
                        &format!(
                            "UPDATE {} SET {c} = ?1 WHERE rowid = ?2 AND {c} IS NULL",
                            quoted(table)
                        ),
                        (id, rowid),
                    )?;
                }
            }
        }
        Ok(())
    }
}
