//! Global ids (`0013_global_ids.sql`): every row that stands on its own has one, from the
//! upgrade of a file of any earlier schema and from every insert after, and keeps it.

use rusqlite::Connection;

use super::*;
use crate::testing::fill_everything;

/// The tables whose rows carry a global id, read from the schema.
fn tables_with_gids(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT m.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c
         WHERE m.type = 'table' AND c.name = 'gid' ORDER BY m.name",
    )
    .unwrap()
    .query_map([], |row| row.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn table_names(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )
    .unwrap()
    .query_map([], |row| row.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn columns_of(conn: &Connection, schema: &str, table: &str) -> Vec<String> {
    conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}', '{schema}') ORDER BY cid"
    ))
    .unwrap()
    .query_map([], |row| row.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// Asserts every row of `table` has a well-formed gid no other row of it has.
fn assert_every_row_has_its_own_gid(conn: &Connection, table: &str, context: &str) {
    let rows = count(conn, &format!("SELECT count(*) FROM \"{table}\""));
    let distinct = count(
        conn,
        &format!(
            "SELECT count(DISTINCT gid) FROM \"{table}\"
             WHERE length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*'"
        ),
    );
    assert_eq!(distinct, rows, "{context}: {table}");
}

#[test]
fn every_table_whose_rows_have_an_id_of_their_own_has_global_ids() {
    let store = Store::open_in_memory().unwrap();
    let own_ids: Vec<String> = store
        .conn
        .prepare(
            "SELECT m.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c
             WHERE m.type = 'table' AND c.name = 'id' AND c.pk = 1
               AND m.sql NOT LIKE '%CHECK (id = 1)%'
             ORDER BY m.name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(own_ids.len(), 21);
    assert_eq!(tables_with_gids(&store.conn), own_ids);
}

/// A file of each earlier schema, holding what rows that schema can (the fixture's, copied
/// column by column), is upgraded: no row is lost and every row that stands on its own gets
/// a global id of its own.
#[test]
fn every_row_of_a_file_of_any_earlier_schema_gets_a_global_id_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let full_path = dir.path().join("full.sqlite3");
    {
        let mut full = Store::open(&full_path).unwrap();
        fill_everything(&mut full);
    }
    let mut covered = std::collections::BTreeSet::new();
    for version in 1..latest_schema_version() {
        let path = dir.path().join(format!("v{version}.sqlite3"));
        let mut counts = Vec::new();
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, version).unwrap();
            conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
            conn.execute("ATTACH DATABASE ?1 AS full", [full_path.to_str().unwrap()])
                .unwrap();
            for table in table_names(&conn) {
                let there = columns_of(&conn, "full", &table);
                let columns: Vec<String> = columns_of(&conn, "main", &table)
                    .into_iter()
                    .filter(|c| there.contains(c))
                    .map(|c| format!("\"{c}\""))
                    .collect();
                let columns = columns.join(", ");
                // A row an older schema refuses (a kind it did not know yet) is left out.
                conn.execute(
                    &format!(
                        "INSERT OR IGNORE INTO main.\"{table}\" ({columns})
                         SELECT {columns} FROM full.\"{table}\""
                    ),
                    [],
                )
                .unwrap();
                counts.push((
                    table.clone(),
                    count(&conn, &format!("SELECT count(*) FROM main.\"{table}\"")),
                ));
            }
            conn.execute_batch("DETACH DATABASE full").unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        for (table, rows) in counts {
            let now = count(&store.conn, &format!("SELECT count(*) FROM \"{table}\""));
            if table == "sync_outbox" {
                // An upgrade that shares more names rows for the next sync (0016): it gains.
                assert!(now >= rows, "from version {version}: {table} lost rows");
            } else {
                assert_eq!(now, rows, "from version {version}: {table} lost rows");
            }
        }
        for table in tables_with_gids(&store.conn) {
            let context = format!("from version {version}");
            assert_every_row_has_its_own_gid(&store.conn, &table, &context);
            if count(&store.conn, &format!("SELECT count(*) FROM \"{table}\"")) > 0 {
                covered.insert(table);
            }
        }
    }
    // Every table with global ids had rows to give them to, in some version.
    let all = tables_with_gids(&Store::open_in_memory().unwrap().conn);
    assert_eq!(covered.into_iter().collect::<Vec<_>>(), all);
}

#[test]
fn a_row_written_without_a_global_id_gets_one_and_keeps_it() {
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    for table in tables_with_gids(&store.conn) {
        assert_every_row_has_its_own_gid(&store.conn, &table, "the fixture");
        let changed = store.conn.execute(
            &format!(
                "UPDATE \"{table}\" SET gid = '0123456789abcdef0123456789abcdef'
                 WHERE rowid = (SELECT min(rowid) FROM \"{table}\")"
            ),
            [],
        );
        assert!(
            matches!(&changed, Err(err) if err.to_string().contains("keeps its global id")),
            "{table}: {changed:?}"
        );
    }
    let gids = |store: &Store| -> Vec<String> {
        store
            .conn
            .prepare("SELECT gid FROM contacts ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = gids(&store);
    let first = store.list_contacts(&Default::default()).unwrap()[0].clone();
    let mut details = first.details.clone();
    details.notes = "Edited".into();
    store
        .update_contact(first.id, &details, chrono::Utc::now())
        .unwrap();
    assert_eq!(gids(&store), before, "an edit keeps the row's global id");
}

#[test]
fn a_global_id_that_is_not_32_lowercase_hex_digits_is_refused() {
    let store = Store::open_in_memory().unwrap();
    for bad in [
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef",
        "0123456789abcdef0123456789abcdeg",
        "",
    ] {
        let put = store.conn.execute(
            "INSERT INTO contacts (kind, created_at, updated_at, gid)
             VALUES ('other', '2026-12-06T09:00:00Z', '2026-12-06T09:00:00Z', ?1)",
            [bad],
        );
        assert!(put.is_err(), "{bad:?} was taken");
    }
    assert_eq!(count(&store.conn, "SELECT count(*) FROM contacts"), 0);
}
