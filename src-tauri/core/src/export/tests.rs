use super::stream::CELL_TEXT_MAX;
use super::*;
use crate::fields::NOTES_MAX;
use crate::testing::{at, dump, fill_everything};

fn filled() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    store
}

fn in_folder(dir: &std::path::Path) -> (DataFolder, Store) {
    let folder = DataFolder::new(dir);
    let store = folder.open(at(21, 8, 0)).unwrap();
    (folder, store)
}

fn file(bytes: &[u8]) -> PlanFile {
    PlanFile::read(bytes, at(21, 9, 0)).unwrap()
}

fn problem(result: CoreResult<impl std::fmt::Debug>) -> FileProblem {
    match result {
        Err(CoreError::BadFile(problem)) => problem,
        other => panic!("expected a file problem, got {other:?}"),
    }
}

#[test]
fn the_round_trip_into_a_fresh_folder_gives_the_same_database_table_by_table() {
    let source = filled();
    let json = source.export_plan(at(21, 9, 0)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut fresh) = in_folder(dir.path());

    let preview = fresh.preview_import(&file(json.as_bytes())).unwrap();
    assert_eq!(preview.business_name, "Corner Café");
    assert!(!preview.replaces_a_plan);
    assert_eq!(preview.exported_at, Some(at(21, 9, 0)));
    let incidents = preview
        .changes
        .iter()
        .find(|c| c.kind == ImportKind::Incidents)
        .unwrap();
    assert_eq!(
        (incidents.now, incidents.in_file, incidents.added),
        (0, 1, 1)
    );

    let saved = fresh
        .import_plan(&folder, &file(json.as_bytes()), at(21, 9, 5).fixed_offset())
        .unwrap();
    assert_eq!(dump(&fresh), dump(&source));
    assert_eq!(saved, None, "an empty plan needs no backup");
    assert!(folder.list_backups().is_empty());
}

#[test]
fn every_table_and_column_of_the_database_is_in_the_export_and_in_its_documentation() {
    let store = filled();
    let json: Value = serde_json::from_str(&store.export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let doc = include_str!("../../../../docs/export-format.md");
    let section = |table: &str| -> &str {
        let start = doc
            .find(&format!("### `{table}`\n"))
            .unwrap_or_else(|| panic!("docs/export-format.md does not describe {table}"));
        let rest = &doc[start + 4..];
        &rest[..rest.find("### ").unwrap_or(rest.len())]
    };
    let tables = table_names(&store.conn).unwrap();
    for table in &tables {
        let rows = json["tables"][table]
            .as_array()
            .unwrap_or_else(|| panic!("{table} is not exported"));
        assert!(!rows.is_empty(), "the fixture leaves {table} empty");
        let described = section(table);
        for column in column_names(&store.conn, table).unwrap() {
            assert!(
                rows[0].get(&column).is_some(),
                "{table}.{column} is not exported"
            );
            assert!(
                described.contains(&format!("| `{column}` |")),
                "docs/export-format.md does not describe {table}.{column}"
            );
        }
    }
    assert_eq!(
        doc.matches("\n### `").count(),
        tables.len(),
        "docs/export-format.md describes a table the database does not have"
    );
    assert_eq!(json["format"], FORMAT);
    assert_eq!(json["format_version"], FORMAT_VERSION);
    assert_eq!(json["schema_version"], latest_schema_version());
}

#[test]
fn importing_over_a_plan_says_what_changes_and_keeps_a_backup_of_it() {
    let source = filled();
    let json = source.export_plan(at(21, 9, 0)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = in_folder(dir.path());
    fill_everything(&mut store);
    // Here, one contact renamed and one added since the export.
    let first = store.list_contacts(&Default::default()).unwrap()[0].clone();
    let mut renamed = first.details.clone();
    renamed.notes = "Changed here".into();
    store
        .update_contact(first.id, &renamed, at(21, 10, 0))
        .unwrap();
    store
        .create_contact(
            &crate::contacts::ContactDetails {
                person: "New here".into(),
                ..crate::contacts::ContactDetails::new(crate::contacts::ContactKind::Other)
            },
            at(21, 10, 1),
        )
        .unwrap();
    let before = dump(&store);

    let preview = store.preview_import(&file(json.as_bytes())).unwrap();
    assert!(preview.replaces_a_plan);
    let contacts = preview
        .changes
        .iter()
        .find(|c| c.kind == ImportKind::Contacts)
        .unwrap();
    assert_eq!(contacts.now, contacts.in_file + 1);
    assert_eq!(
        (contacts.added, contacts.updated, contacts.removed),
        (0, 1, 1)
    );
    assert_eq!(dump(&store), before, "a preview writes nothing");

    let saved = store
        .import_plan(
            &folder,
            &file(json.as_bytes()),
            at(21, 11, 0).fixed_offset(),
        )
        .unwrap()
        .expect("the plan there was saved first");
    assert_eq!(dump(&store), dump(&source));
    let kept = Store::open(&folder.backups().join(saved.backup.file_name)).unwrap();
    assert_eq!(dump(&kept), before);
}

#[test]
fn an_export_from_an_older_schema_is_brought_up_to_date() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations().to_version(&mut conn, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO business (id, name, business_type, language, created_at, updated_at)
         VALUES (1, 'Old Shop', 'retail_shop', 'en', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
         INSERT INTO contacts (id, kind, organisation, created_at, updated_at)
         VALUES (4, 'bank', 'Old Bank', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
    )
    .unwrap();
    let old = Store::wrap(conn).unwrap();
    let json = old.export_plan(at(21, 9, 0)).unwrap();
    assert!(json.contains("\"schema_version\": 1"));
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = in_folder(dir.path());
    store
        .import_plan(&folder, &file(json.as_bytes()), at(21, 9, 5).fixed_offset())
        .unwrap();
    assert_eq!(store.contact(4).unwrap().details.organisation, "Old Bank");
    assert_eq!(store.business().unwrap().unwrap().name, "Old Shop");
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
}

#[test]
fn a_bad_file_is_refused_with_the_place_at_fault_and_changes_nothing() {
    let good: Value = serde_json::from_str(&filled().export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = good.clone();
        change(&mut file);
        serde_json::to_vec(&file).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = in_folder(dir.path());
    fill_everything(&mut store);
    let before = dump(&store);

    let check =
        |store: &mut Store, bytes: Vec<u8>, line: Option<u32>, place: &str, reason: FileReason| {
            let got = problem(PlanFile::read(&bytes, at(21, 9, 0)));
            assert_eq!(
                (got.line, got.place.as_str(), &got.reason),
                (line, place, &reason),
                "preview of {}",
                String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(80)
                    .collect::<String>()
            );
            // A file that cannot be read cannot be imported: there is nothing to hand over.
            assert!(!store.list_contacts(&Default::default()).unwrap().is_empty());
        };
    check(
        &mut store,
        b"{\n  \"format\": \"steady-plan\",\n  oops".to_vec(),
        Some(3),
        "",
        FileReason::NotJson,
    );
    check(
        &mut store,
        b"[1, 2]".to_vec(),
        None,
        "",
        FileReason::NotAnExport,
    );
    check(
        &mut store,
        with(&|f| f["format"] = "other-app".into()),
        None,
        "format",
        FileReason::NotAnExport,
    );
    check(
        &mut store,
        with(&|f| f["format_version"] = 2.into()),
        None,
        "format_version",
        FileReason::NewerFormat { version: 2 },
    );
    check(
        &mut store,
        with(&|f| f["schema_version"] = 999.into()),
        None,
        "schema_version",
        FileReason::NewerFormat { version: 999 },
    );
    check(
        &mut store,
        with(&|f| f["tables"]["songs"] = Value::Array(vec![])),
        None,
        "tables.songs",
        FileReason::UnknownTable,
    );
    check(
        &mut store,
        with(&|f| f["tables"]["contacts"][1]["colour"] = "red".into()),
        None,
        "tables.contacts[1].colour",
        FileReason::UnknownColumn,
    );
    check(
        &mut store,
        with(&|f| f["tables"]["contacts"][0]["kind"] = true.into()),
        None,
        "tables.contacts[0].kind",
        FileReason::BadValue,
    );
    // Two contacts that say they are the same one on every computer, and a made-up global id.
    check(
        &mut store,
        with(&|f| f["tables"]["contacts"][1]["gid"] = f["tables"]["contacts"][0]["gid"].clone()),
        None,
        "tables.contacts[1]",
        FileReason::BadValue,
    );
    check(
        &mut store,
        with(&|f| f["tables"]["calls"][0]["gid"] = "call-1".into()),
        None,
        "tables.calls[0]",
        FileReason::BadValue,
    );
    check(
        &mut store,
        with(&|f| f["tables"]["services"][0]["max_downtime_minutes"] = (-5).into()),
        None,
        "tables.services[0]",
        FileReason::BadValue,
    );
    check(
        &mut store,
        with(&|f| {
            f["tables"]["contacts"][0]["notes"] = "x".repeat(CELL_TEXT_MAX as usize + 1).into()
        }),
        None,
        "tables.contacts[0].notes",
        FileReason::TooLarge { max: CELL_TEXT_MAX },
    );
    check(
        &mut store,
        with(&|f| f["tables"]["contact_phones"][0]["contact_id"] = 9999.into()),
        None,
        "tables.contact_phones, row 1",
        FileReason::BrokenReference,
    );
    check(
        &mut store,
        with(&|f| f["tables"]["contacts"][0]["kind"] = "wizard".into()),
        None,
        "contacts",
        FileReason::BadValue,
    );
    let first_name = good["tables"]["contacts"][0]["organisation"]
        .as_str()
        .unwrap()
        .to_owned();
    check(
        &mut store,
        with(&|f| f["tables"]["contact_phones"][0]["number"] = "call me".into()),
        None,
        &first_name,
        FileReason::BadField {
            field: "phones.0.number".into(),
            value: "call me".into(),
        },
    );
    assert_eq!(dump(&store), before);
    assert!(
        folder.list_backups().is_empty(),
        "no backup for a refused file"
    );
}

#[test]
fn the_file_is_read_as_it_is_parsed_whatever_the_order_of_its_keys() {
    let text = filled().export_plan(at(21, 9, 0)).unwrap();
    let good: Value = serde_json::from_str(&text).unwrap();
    // The tables first, the envelope after: read in two passes, the order does not matter.
    let tables = serde_json::to_string(&good["tables"]).unwrap();
    let mut envelope = good.clone();
    envelope.as_object_mut().unwrap().remove("tables");
    let envelope = serde_json::to_string(&envelope).unwrap();
    let reordered = format!("{{\"tables\": {tables}, {}", &envelope[1..]);
    let file = PlanFile::read(reordered.as_bytes(), at(21, 9, 0)).unwrap();
    assert_eq!(
        filled().preview_import(&file).unwrap().changes,
        filled()
            .preview_import(&self::file(text.as_bytes()))
            .unwrap()
            .changes
    );

    // A column given twice in a row is refused where it is, not kept growing.
    let twice = text.replacen("\"label\":", "\"label\": \"\", \"label\":", 1);
    let got = problem(PlanFile::read(twice.as_bytes(), at(21, 9, 0)));
    assert_eq!(got.reason, FileReason::BadValue);
    assert!(got.place.ends_with("].label"), "{}", got.place);
    // Text after the plan is not a plan.
    let trailing = format!("{text} {{}}");
    let got = problem(PlanFile::read(trailing.as_bytes(), at(21, 9, 0)));
    assert_eq!(got.reason, FileReason::NotJson);
}

/// The index of the first row of `table` whose `column` is `value`, in the exported file.
fn row_of(file: &Value, table: &str, column: &str, value: &Value) -> usize {
    file["tables"][table]
        .as_array()
        .unwrap()
        .iter()
        .position(|row| &row[column] == value)
        .unwrap_or_else(|| panic!("no {table} row with {column} = {value}"))
}

#[test]
fn a_team_that_makes_no_sense_is_refused_with_the_row_at_fault_and_changes_nothing() {
    let source = filled();
    let good: Value = serde_json::from_str(&source.export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let person = |name: &str| {
        good["tables"]["contacts"][row_of(&good, "contacts", "person", &name.into())]["id"].clone()
    };
    let (ana, karim) = (person("Ana Lima"), person("Karim Benali"));
    let power = good["tables"]["contacts"][row_of(
        &good,
        "contacts",
        "organisation",
        &"Électricité Réseau".into(),
    )]["id"]
        .clone();
    let calls = row_of(&good, "roles", "stand_in_id", &karim);
    let own = row_of(&good, "roles", "name", &"Ouvre la réserve du fond".into());
    let (calls_id, own_id) = (
        &good["tables"]["roles"][calls]["id"],
        &good["tables"]["roles"][own]["id"],
    );
    let check_in = row_of(&good, "team_check_ins", "id", &1.into());
    // What the fixture says is sound: Ana calls providers, Karim stands in.
    assert_eq!(good["tables"]["roles"][calls]["stand_in_id"], karim);
    let held = row_of(&good, "role_holders", "contact_id", &ana);
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = good.clone();
        change(&mut file);
        serde_json::to_vec(&file).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let (folder, mut store) = in_folder(dir.path());
    fill_everything(&mut store);
    let before = dump(&store);

    let cases: Vec<(&str, Vec<u8>, String, FileReason)> = vec![
        (
            "a stand-in who holds the role",
            with(&|f| f["tables"]["roles"][calls]["stand_in_id"] = ana.clone()),
            format!("tables.roles (id {calls_id}).stand_in_id"),
            FileReason::BadValue,
        ),
        (
            "a stand-in who is not staff",
            with(&|f| f["tables"]["roles"][calls]["stand_in_id"] = power.clone()),
            format!("tables.roles (id {calls_id}).stand_in_id"),
            FileReason::BadValue,
        ),
        (
            "a holder who is not staff",
            with(&|f| f["tables"]["role_holders"][held]["contact_id"] = power.clone()),
            format!("tables.role_holders (role {calls_id}, contact {power})"),
            FileReason::BadValue,
        ),
        (
            "a role of the owner's own with no name",
            with(&|f| f["tables"]["roles"][own]["name"] = "  ".into()),
            format!("tables.roles (id {own_id}).name"),
            FileReason::BadValue,
        ),
        (
            "a role of a kind Steady does not know",
            with(&|f| f["tables"]["roles"][own]["kind"] = "juggler".into()),
            format!("tables.roles[{own}]"),
            FileReason::BadValue,
        ),
        (
            "a check-in before its incident started",
            with(&|f| {
                f["tables"]["team_check_ins"][check_in]["at"] = "2026-11-20T08:59:00Z".into()
            }),
            "tables.team_check_ins (id 1).at".into(),
            FileReason::BadValue,
        ),
        (
            "a check-in time that is not one",
            with(&|f| f["tables"]["team_check_ins"][check_in]["at"] = "nine o'clock".into()),
            "tables.team_check_ins (id 1).at".into(),
            FileReason::BadValue,
        ),
        (
            "a check-in state Steady does not know",
            with(&|f| f["tables"]["team_check_ins"][check_in]["state"] = "asleep".into()),
            format!("tables.team_check_ins[{check_in}]"),
            FileReason::BadValue,
        ),
        (
            "a task handed over before the incident started",
            with(&|f| f["tables"]["incident_handoffs"][0]["at"] = "2026-11-19T09:00:00Z".into()),
            format!("tables.incident_handoffs (incident 1, task call:{power})"),
            FileReason::BadValue,
        ),
    ];
    for (what, bytes, place, reason) in cases {
        let got = problem(PlanFile::read(&bytes, at(21, 9, 0)));
        assert_eq!((got.place, got.reason), (place, reason), "{what}");
    }
    assert_eq!(dump(&store), before);
    assert!(folder.list_backups().is_empty());
    // And the file as exported imports whole.
    store
        .import_plan(&folder, &file(&with(&|_| {})), at(21, 9, 5).fixed_offset())
        .unwrap();
    assert_eq!(dump(&store), dump(&source));
}

#[test]
fn a_drill_that_makes_no_sense_is_refused_with_the_row_at_fault() {
    let good: Value = serde_json::from_str(&filled().export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let drill = &good["tables"]["drills"][0];
    let (drill_id, incident_id) = (drill["id"].clone(), drill["incident_id"].clone());
    let incident = row_of(&good, "incidents", "id", &incident_id);
    let answered = row_of(&good, "drill_injects", "answer", &"call_again".into());
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = good.clone();
        change(&mut file);
        serde_json::to_vec(&file).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "a drill whose incident is not marked as a drill's",
            with(&|f| f["tables"]["incidents"][incident]["drill"] = 0.into()),
            format!("tables.drills (id {drill_id}).incident_id"),
        ),
        (
            "a scenario Steady does not know",
            with(&|f| f["tables"]["drills"][0]["scenario"] = "alien_invasion".into()),
            format!("tables.drills (id {drill_id}).scenario"),
        ),
        (
            "an answer that is not one of the surprise's choices",
            with(&|f| f["tables"]["drill_injects"][answered]["answer"] = "panic".into()),
            format!("tables.drill_injects (drill {drill_id}, inject eta_longer).answer"),
        ),
        (
            "a surprise the scenario does not have",
            with(&|f| f["tables"]["drill_injects"][answered]["inject"] = "meteor".into()),
            format!("tables.drill_injects (drill {drill_id}, inject meteor)"),
        ),
        (
            "a speed Steady does not know",
            with(&|f| f["tables"]["drills"][0]["speed"] = "x3".into()),
            "tables.drills[0]".into(),
        ),
        (
            "an outcome Steady does not know",
            with(&|f| f["tables"]["drills"][0]["outcome"] = "won".into()),
            "tables.drills[0]".into(),
        ),
        (
            "an incident marked as a drill's with no drill",
            with(&|f| {
                f["tables"]["drills"] = Value::Array(vec![]);
                f["tables"]["drill_injects"] = Value::Array(vec![]);
                f["tables"]["drill_bad_numbers"] = Value::Array(vec![]);
                f["tables"]["plan_actions"][0]["drill_id"] = Value::Null;
            }),
            format!("tables.incidents (id {incident_id}).drill"),
        ),
        (
            "an action to fix due on a day that is not a date",
            with(&|f| {
                f["tables"]["plan_actions"][0]["due_on"] = "soon".into();
                // With a real outage open, the calm-day reminders that would trip on it are
                // not read: the check must not depend on them.
                for incident in f["tables"]["incidents"].as_array_mut().unwrap() {
                    if incident["drill"] == 0 {
                        incident["resolved_at"] = Value::Null;
                    }
                }
            }),
            "tables.plan_actions".into(),
        ),
    ];
    for (what, bytes, place) in cases {
        let got = problem(PlanFile::read(&bytes, at(21, 9, 0)));
        assert_eq!(
            (got.place, got.reason),
            (place, FileReason::BadValue),
            "{what}"
        );
    }
    // The drill is no outage in the history read back, but it is in the file.
    let store = filled();
    assert_eq!(
        store
            .list_incidents(&Default::default(), at(21, 9, 0))
            .unwrap()
            .total,
        1
    );
}

#[test]
fn costs_that_make_no_sense_are_refused_with_the_row_at_fault() {
    let good: Value = serde_json::from_str(&filled().export_plan(at(21, 9, 0)).unwrap()).unwrap();
    let drill_incident = good["tables"]["drills"][0]["incident_id"].clone();
    let expense = good["tables"]["incident_expenses"][0]["id"].clone();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = good.clone();
        change(&mut file);
        serde_json::to_vec(&file).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "an expense on a drill",
            with(&|f| f["tables"]["incident_expenses"][0]["incident_id"] = drill_incident.clone()),
            format!("tables.incident_expenses (id {expense}).incident_id"),
        ),
        (
            "a claim on a drill",
            with(&|f| f["tables"]["claims_sent"][0]["incident_id"] = drill_incident.clone()),
            "tables.claims_sent (rule insurance).incident_id".into(),
        ),
        (
            "opening hours that are not a time",
            with(&|f| f["tables"]["opening_days"][0]["opens"] = "morning".into()),
            "tables.opening_days (weekday 1).opens".into(),
        ),
        (
            "a shop that closes before it opens",
            with(&|f| f["tables"]["opening_days"][1]["closes"] = "06:00".into()),
            "tables.opening_days (weekday 2).closes".into(),
        ),
        (
            "a currency Steady does not know",
            with(&|f| f["tables"]["cost_settings"][0]["currency"] = "XBT".into()),
            "tables.cost_settings".into(),
        ),
    ];
    for (what, bytes, place) in cases {
        let got = problem(PlanFile::read(&bytes, at(21, 9, 0)));
        assert_eq!(
            (got.place, got.reason),
            (place, FileReason::BadValue),
            "{what}"
        );
    }
}

#[test]
fn the_longest_texts_steady_writes_come_back_from_its_own_export() {
    // A note of 4,000 quotes is 24,000 characters once written as a timeline entry's JSON; a
    // notice may be longer than a note. Both are the owner's own, and must import back.
    let mut store = filled();
    let incident = store
        .list_incidents(&Default::default(), at(21, 9, 0))
        .unwrap()
        .incidents[0]
        .id;
    store
        .add_incident_note(incident, &"\"".repeat(NOTES_MAX as usize), at(21, 9, 0))
        .unwrap();
    let longest = crate::fields::NOTICE_TEXT_MAX as usize;
    store
        .conn
        .execute(
            "UPDATE notices_sent SET text = ?1",
            [format!("Corner Café {}", "é".repeat(longest - 12))],
        )
        .unwrap();
    let file = store.export_plan(at(21, 9, 1)).unwrap();
    let back = PlanFile::read(file.as_bytes(), at(21, 9, 2)).unwrap();
    assert_eq!(dump(&back.incoming), dump(&store));
}
