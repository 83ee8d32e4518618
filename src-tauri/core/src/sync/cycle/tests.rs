use std::collections::BTreeSet;
use std::path::PathBuf;

use super::*;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::error::CoreError;
use crate::sync::folder::SyncFolder;
use crate::testing::at;
use serde_json::Value;

/// One computer as the app will run it: a data folder with its SQLite file and kept history,
/// and the shared folder.
struct Computer {
    data: tempfile::TempDir,
    store: Store,
    plan: SharedPlan,
    folder: SyncFolder,
}

impl Computer {
    fn new(shared: &Path, id: &str) -> Self {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open_in_dir(data.path()).unwrap();
        let plan = SharedPlan::open(data.path()).unwrap();
        Self {
            data,
            store,
            plan,
            folder: SyncFolder::new(shared, id),
        }
    }

    fn cycle(&mut self, now: DateTime<Utc>) -> CycleReport {
        self.plan
            .cycle(&mut self.store, self.data.path(), &self.folder, now)
            .unwrap()
    }

    /// As after the computer was stopped and started again: the kept history, reloaded.
    fn restart(&mut self) {
        self.plan = SharedPlan::open(self.data.path()).unwrap();
    }

    fn add(&mut self, name: &str, now: DateTime<Utc>) -> i64 {
        self.store
            .create_contact(
                &ContactDetails {
                    organisation: name.into(),
                    phones: vec![Phone {
                        label: String::new(),
                        number: "01 23 45 67 89".into(),
                    }],
                    ..ContactDetails::new(ContactKind::PowerUtility)
                },
                now,
            )
            .unwrap()
            .id
    }

    /// The contact named `name` (an organisation, or a person of the staff), if it is here.
    fn contact(&self, name: &str) -> Option<crate::contacts::Contact> {
        self.store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .find(|c| c.details.organisation == name || c.details.person == name)
    }

    /// The id here of the contact named `name`, which must be here.
    fn contact_id(&self, name: &str) -> i64 {
        self.contact(name)
            .unwrap_or_else(|| panic!("no {name} here"))
            .id
    }

    fn notes(&self, name: &str) -> Option<String> {
        self.contact(name).map(|c| c.details.notes)
    }

    fn set_notes(&mut self, name: &str, notes: &str, now: DateTime<Utc>) {
        self.edit(name, now, |d| d.notes = notes.into());
    }

    fn account(&self, name: &str) -> Option<String> {
        self.contact(name).map(|c| c.details.account_number)
    }

    fn edit(&mut self, name: &str, now: DateTime<Utc>, change: impl FnOnce(&mut ContactDetails)) {
        let contact = self.contact(name).unwrap();
        let mut details = contact.details;
        change(&mut details);
        self.store
            .update_contact(contact.id, &details, now)
            .unwrap();
    }

    fn own_folder(&self, shared: &Path, id: &str) -> PathBuf {
        let _ = self;
        shared.join(super::super::folder::SYNC_DIR).join(id)
    }
}

#[test]
fn an_edit_on_one_computer_reaches_the_other_through_the_shared_folder() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    assert!(shop.cycle(at(20, 9, 1)).recorded > 0);
    laptop.cycle(at(20, 9, 2));
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some(""));

    laptop.set_notes("Grid Power", "Meter 42", at(20, 10, 0));
    laptop.cycle(at(20, 10, 1));
    let report = shop.cycle(at(20, 10, 2));
    assert_eq!(report.applied.changed, 1);
    assert_eq!(shop.notes("Grid Power").as_deref(), Some("Meter 42"));
}

#[test]
fn a_bad_file_in_the_folder_is_named_and_the_rest_still_merges() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    let own = shop.own_folder(shared.path(), "shop");
    std::fs::write(own.join("changes-0000000000001-0.steadysync"), b"not ours").unwrap();
    // A sync tool's half-delivered file is not Steady's to read.
    std::fs::write(own.join(".syncthing.changes-1.steadysync.tmp"), b"half").unwrap();

    let report = laptop.cycle(at(20, 9, 2));
    assert_eq!(
        report.refused_files,
        vec![RefusedFile {
            computer: "shop".into(),
            file: "changes-0000000000001-0.steadysync".into(),
            why: BadChanges::NotSteady,
        }]
    );
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some(""));
}

/// Stopped after its change file was written but before it noted that: started again, it
/// writes on as a new actor, and both computers converge with nothing lost.
#[test]
fn a_computer_stopped_between_writing_a_file_and_noting_it_loses_nothing() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));

    shop.set_notes("Grid Power", "Before the crash", at(20, 10, 0));
    shop.plan.record(&shop.store, at(20, 10, 0)).unwrap();
    shop.plan.keep(shop.data.path()).unwrap();
    let (file, _) = shop.plan.outgoing().unwrap();
    shop.folder.write_changes(&file, at(20, 10, 0)).unwrap();
    shop.restart();

    shop.set_notes("Grid Power", "After the crash", at(20, 10, 5));
    shop.cycle(at(20, 10, 6));
    let report = laptop.cycle(at(20, 10, 7));
    assert!(
        report.refused_files.is_empty(),
        "{:?}",
        report.refused_files
    );
    assert_eq!(
        laptop.notes("Grid Power").as_deref(),
        Some("After the crash")
    );
    shop.cycle(at(20, 10, 8));
    assert_eq!(shop.notes("Grid Power"), laptop.notes("Grid Power"));
}

/// Stopped after the merged plan was in its file but before its history was kept: started
/// again on the older history, it takes the merged account number for an edit of its own, but
/// the same value from two computers is no conflict, and a later edit still wins everywhere.
#[test]
fn a_computer_stopped_after_applying_but_before_keeping_its_history_reverts_nothing() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    let kept = std::fs::read(shop.data.path().join(STATE_FILE)).unwrap();
    let history = std::fs::read(shop.data.path().join(HISTORY_FILE)).unwrap();

    laptop.edit("Grid Power", at(20, 10, 0), |d| {
        d.account_number = "AC-1".into()
    });
    laptop.cycle(at(20, 10, 1));
    shop.cycle(at(20, 10, 2));
    // The history as it was before that cycle, as if the last save never happened.
    std::fs::write(shop.data.path().join(STATE_FILE), kept).unwrap();
    std::fs::write(shop.data.path().join(HISTORY_FILE), history).unwrap();
    shop.restart();
    assert!(shop.cycle(at(20, 10, 3)).applied.conflicts.is_empty());
    assert!(laptop.cycle(at(20, 10, 4)).applied.conflicts.is_empty());
    assert_eq!(shop.account("Grid Power").as_deref(), Some("AC-1"));

    laptop.edit("Grid Power", at(20, 11, 0), |d| {
        d.account_number = "AC-2".into()
    });
    laptop.cycle(at(20, 11, 1));
    assert!(shop.cycle(at(20, 11, 2)).applied.conflicts.is_empty());
    laptop.cycle(at(20, 11, 3));
    assert_eq!(shop.account("Grid Power").as_deref(), Some("AC-2"));
    assert_eq!(laptop.account("Grid Power").as_deref(), Some("AC-2"));
}

#[test]
fn a_damaged_kept_history_is_refused_with_that_said() {
    let data = tempfile::tempdir().unwrap();
    let plan = SharedPlan::new();
    let mut state = plan.to_state();
    let last = state.len() - 1;
    state[last] ^= 0x01;
    std::fs::write(data.path().join(STATE_FILE), &state).unwrap();
    let err = SharedPlan::open(data.path()).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn a_computers_files_are_compacted_into_one_snapshot_that_a_newcomer_reads_whole() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    shop.add("Grid Power", at(20, 9, 0));
    for n in 0..COMPACT_AFTER as u32 + 5 {
        shop.set_notes("Grid Power", &format!("Edit {n}"), at(20, 10, 0));
        shop.cycle(at(21, n / 60, n % 60));
    }
    let own = shop.folder.own_files().unwrap();
    assert!(own <= COMPACT_AFTER, "{own} files");
    let mut newcomer = Computer::new(shared.path(), "laptop");
    newcomer.cycle(at(22, 9, 0));
    assert_eq!(
        newcomer.notes("Grid Power").as_deref(),
        Some(format!("Edit {}", COMPACT_AFTER + 4).as_str())
    );
}

#[test]
fn the_status_names_the_other_computer_and_the_conflict_the_owner_settles_there() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.folder.write_about("Shop PC").unwrap();
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    let report = laptop.cycle(at(20, 9, 2));
    assert_eq!(report.from, vec!["shop".to_owned()]);
    shop.edit("Grid Power", at(20, 10, 0), |d| {
        d.account_number = "AC-SHOP".into()
    });
    laptop.edit("Grid Power", at(20, 10, 1), |d| {
        d.account_number = "AC-LAPTOP".into()
    });
    shop.cycle(at(20, 10, 2));
    laptop.cycle(at(20, 10, 3));

    let status = laptop
        .plan
        .status(
            Some(shared.path()),
            Some(&laptop.folder),
            &[],
            Some(("shop".into(), at(20, 10, 3))),
            None,
            None,
        )
        .unwrap();
    assert_eq!(status.computers.len(), 1);
    assert_eq!(status.computers[0].name, "Shop PC");
    // The shop has not merged the laptop's account number yet: one change behind.
    assert_eq!(status.computers[0].behind, Some(1));
    assert_eq!(status.last_update.unwrap().computer, "Shop PC");
    let [conflict] = &status.conflicts[..] else {
        panic!("{:?}", status.conflicts)
    };
    assert_eq!(
        (conflict.row.as_str(), conflict.field.as_str()),
        ("Grid Power", "account_number")
    );
    assert_eq!(conflict.values, vec!["AC-LAPTOP", "AC-SHOP"]);

    // The owner keeps the shop's number on the laptop: settled there, then on the shop.
    assert!(laptop
        .plan
        .settle(
            &mut laptop.store,
            "contacts",
            &conflict.gid,
            "account_number",
            1,
            at(20, 11, 0)
        )
        .unwrap());
    assert_eq!(laptop.account("Grid Power").as_deref(), Some("AC-SHOP"));
    laptop.cycle(at(20, 11, 1));
    shop.cycle(at(20, 11, 2));
    for computer in [&shop, &laptop] {
        assert!(computer.plan.conflicts().unwrap().is_empty());
        assert_eq!(computer.account("Grid Power").as_deref(), Some("AC-SHOP"));
    }
    // The shop has merged everything the laptop has: up to date.
    let status = laptop
        .plan
        .status(
            Some(shared.path()),
            Some(&laptop.folder),
            &[],
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(status.computers[0].behind, Some(0));
    assert!(!laptop
        .plan
        .settle(
            &mut laptop.store,
            "contacts",
            &conflict.gid,
            "account_number",
            0,
            at(20, 11, 3)
        )
        .unwrap());
}

/// A backup put back on one computer: the contact added since is not taken for deleted, nor
/// the older account number for a new edit; the shared plan comes back over the older file
/// and the other computer keeps everything.
#[test]
fn a_backup_put_back_on_one_computer_wipes_nothing_on_the_other() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    let backup = shop.data.path().join("old.sqlite3");
    shop.store.checkpoint().unwrap();
    std::fs::copy(shop.data.path().join(crate::store::DATABASE_FILE), &backup).unwrap();

    shop.add("Fibre Net", at(20, 10, 0));
    shop.edit("Grid Power", at(20, 10, 1), |d| {
        d.account_number = "AC-NEW".into()
    });
    shop.cycle(at(20, 10, 2));
    laptop.cycle(at(20, 10, 3));
    assert_eq!(laptop.account("Grid Power").as_deref(), Some("AC-NEW"));

    // The backup put back over the shop's file.
    let path = shop.data.path().join(crate::store::DATABASE_FILE);
    shop.store = Store::open_in_memory().unwrap();
    for extra in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{extra}", path.display()));
    }
    std::fs::copy(&backup, &path).unwrap();
    shop.store = Store::open_in_dir(shop.data.path()).unwrap();
    assert_eq!(shop.notes("Fibre Net"), None);

    let report = shop.cycle(at(20, 11, 0));
    assert!(report.replaced);
    assert_eq!(report.recorded, 0);
    laptop.cycle(at(20, 11, 1));
    for computer in [&shop, &laptop] {
        assert_eq!(computer.notes("Fibre Net").as_deref(), Some(""));
        assert_eq!(computer.account("Grid Power").as_deref(), Some("AC-NEW"));
    }
    // And the shop goes on as usual after.
    shop.edit("Grid Power", at(20, 12, 0), |d| {
        d.notes = "After the restore".into()
    });
    assert!(!shop.cycle(at(20, 12, 1)).replaced);
    laptop.cycle(at(20, 12, 2));
    assert_eq!(
        laptop.notes("Grid Power").as_deref(),
        Some("After the restore")
    );
}

#[test]
fn rows_this_file_refused_are_kept_across_a_restart_and_never_taken_for_deleted() {
    let data = tempfile::tempdir().unwrap();
    let mut plan = SharedPlan::new();
    plan.refused
        .insert(("contacts", "0123456789abcdef0123456789abcdef".into()));
    plan.mark = Some("5eed".into());
    plan.keep(data.path()).unwrap();
    let again = SharedPlan::open(data.path()).unwrap();
    assert_eq!(again.refused, plan.refused);
    assert_eq!(again.mark.as_deref(), Some("5eed"));
    assert_eq!(again.to_state(), plan.to_state());
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Two computers that each started the same starter plan: the laptop refuses the shop's
/// starter service (its own has that starter key), and the shop's runbook that names it is
/// refused too rather than written without its service, so no lost link goes back to the shop.
#[test]
fn a_row_naming_a_row_this_file_refused_is_refused_too_and_no_loss_goes_back() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    let insert = |c: &mut Computer, name: &str| {
        c.store
            .conn
            .execute_batch(&format!(
                "INSERT INTO services (name, priority, customer_facing, max_downtime_minutes,
                     starter_key, created_at, updated_at)
                 VALUES ('{name}', 'essential', 1, 60, 'power', '2026-11-20T09:00:00Z',
                     '2026-11-20T09:00:00Z');
                 INSERT INTO runbooks (title, service_id, created_at, updated_at)
                 VALUES ('Reset {name}', last_insert_rowid(), '2026-11-20T09:00:00Z',
                     '2026-11-20T09:00:00Z');"
            ))
            .unwrap();
    };
    insert(&mut shop, "Shop power");
    insert(&mut laptop, "Laptop power");
    shop.cycle(at(20, 9, 0));
    let report = laptop.cycle(at(20, 9, 1));
    let refused: Vec<&str> = report.applied.refused.iter().map(|(t, _)| *t).collect();
    assert_eq!(refused, ["services", "runbooks"]);
    assert_eq!(
        count(
            &laptop.store,
            "SELECT count(*) FROM runbooks WHERE service_id IS NULL"
        ),
        0
    );
    // Settings names them, as the shop has them.
    let status = laptop
        .plan
        .status(
            Some(shared.path()),
            Some(&laptop.folder),
            &[],
            None,
            None,
            None,
        )
        .unwrap();
    let named: Vec<(&str, &str)> = status
        .refused_rows
        .iter()
        .map(|r| (r.table.as_str(), r.row.as_str()))
        .collect();
    assert_eq!(
        named,
        [("runbooks", "Reset Shop power"), ("services", "Shop power")]
    );
    // Started again, the laptop still does not take them for deleted; the shop keeps both.
    laptop.restart();
    laptop.cycle(at(20, 9, 2));
    shop.cycle(at(20, 9, 3));
    assert_eq!(
        count(
            &shop.store,
            "SELECT count(*) FROM runbooks r JOIN services s ON s.id = r.service_id
             WHERE r.title = 'Reset Shop power' AND s.name = 'Shop power'"
        ),
        1
    );
}

/// This computer's kept history lost (deleted to get past a damaged one) while its file had
/// shared: the file is not taken for edits made now; the shared plan is written over it.
#[test]
fn a_lost_history_takes_the_shared_plan_rather_than_the_files_older_values() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    laptop.edit("Grid Power", at(20, 10, 0), |d| {
        d.account_number = "AC-LAPTOP".into()
    });
    laptop.cycle(at(20, 10, 1));
    std::fs::remove_file(shop.data.path().join(STATE_FILE)).unwrap();
    shop.restart();
    let report = shop.cycle(at(20, 11, 0));
    assert!(report.replaced);
    assert_eq!(shop.account("Grid Power").as_deref(), Some("AC-LAPTOP"));
    laptop.cycle(at(20, 11, 1));
    assert_eq!(laptop.account("Grid Power").as_deref(), Some("AC-LAPTOP"));
}

/// The chosen folder not there (a share not mounted, a stick out): the cycle fails as not
/// found and makes no folder of that name on this disk.
#[test]
fn a_folder_that_is_not_there_is_not_made_again_here() {
    let shared = tempfile::tempdir().unwrap();
    let gone = shared.path().join("USB stick");
    let mut shop = Computer::new(&gone, "shop");
    shop.add("Grid Power", at(20, 9, 0));
    let err = shop
        .plan
        .cycle(
            &mut shop.store,
            shop.data.path(),
            &shop.folder,
            at(20, 9, 1),
        )
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Io(io) if io.kind() == std::io::ErrorKind::NotFound),
        "{err}"
    );
    assert!(!gone.exists());
}

/// A folder just chosen gets this computer's whole history, not only what changes next: a
/// computer joining through it gets the plan.
#[test]
fn a_new_folder_gets_the_whole_history() {
    let first = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(first.path(), "shop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    let second = tempfile::tempdir().unwrap();
    shop.folder = SyncFolder::new(second.path(), "shop");
    shop.cycle(at(20, 9, 2));
    let mut laptop = Computer::new(second.path(), "laptop");
    laptop.cycle(at(20, 9, 3));
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some(""));
}

/// A key another program put in the history with a made-up global id (a line break in it) is
/// left out: nothing is refused for it and the kept history still loads.
#[test]
fn a_made_up_global_id_in_another_computers_history_is_left_out() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.plan
        .put("contacts/ab\ncd/~alive", at(20, 9, 0), &Value::Bool(true))
        .unwrap();
    shop.plan
        .put(
            "contacts/ab\ncd/kind",
            at(20, 9, 0),
            &Value::from("nonsense"),
        )
        .unwrap();
    shop.cycle(at(20, 9, 1));
    let report = laptop.cycle(at(20, 9, 2));
    assert!(
        report.applied.refused.is_empty(),
        "{:?}",
        report.applied.refused
    );
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some(""));
    laptop.restart();
    laptop.cycle(at(20, 9, 3));
    // Arriving in a later cycle, which goes over only the rows its changes name: left out too.
    shop.plan
        .put("contacts/zz/~alive", at(20, 9, 4), &Value::Bool(true))
        .unwrap();
    shop.plan
        .put("contacts/zz/kind", at(20, 9, 4), &Value::from("other"))
        .unwrap();
    shop.set_notes("Grid Power", "Meter 42", at(20, 9, 4));
    shop.cycle(at(20, 9, 4));
    let report = laptop.cycle(at(20, 9, 5));
    assert!(
        report.applied.refused.is_empty(),
        "{:?}",
        report.applied.refused
    );
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some("Meter 42"));
}

/// An outage of "something else" started on `computer` at `now`.
fn outage(computer: &mut Computer, now: DateTime<Utc>) -> i64 {
    computer
        .store
        .start_incident(
            &crate::incidents::IncidentStart {
                service_ids: Vec::new(),
                something_else: "Card terminal".into(),
                started_at: None,
            },
            now,
        )
        .unwrap()
        .id
}

/// The open outage's timeline, in words, on `computer`.
fn timeline(computer: &Computer, now: DateTime<Utc>) -> Vec<String> {
    let id = computer.store.open_incident_id().unwrap().unwrap();
    let incident = computer.store.incident(id, now).unwrap();
    incident.timeline.into_iter().map(|e| e.text).collect()
}

#[test]
fn an_outage_on_one_computer_is_followed_on_the_other_and_no_entry_of_either_is_lost() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    let isp = shop.add("Fibre Net", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    laptop.cycle(at(20, 9, 0));

    let id = outage(&mut shop, at(20, 10, 0));
    shop.store
        .log_call(
            id,
            &crate::incidents::CallInput {
                contact_id: Some(isp),
                contact_name: String::new(),
                ticket: "T-881".into(),
                spoke_to: "Sam".into(),
                eta: None,
                call_back_at: None,
                notes: String::new(),
            },
            at(20, 10, 5),
        )
        .unwrap();
    shop.store
        .tick_check(id, "assess.what_failed", true, at(20, 10, 6))
        .unwrap();
    shop.cycle(at(20, 10, 6));
    laptop.cycle(at(20, 10, 7));

    // The laptop follows the same outage: the call names its own copy of the contact.
    let there = laptop
        .store
        .open_incident_id()
        .unwrap()
        .expect("the outage");
    let incident = laptop.store.incident(there, at(20, 10, 7)).unwrap();
    assert_eq!(incident.something_else, "Card terminal");
    assert_eq!(incident.calls.len(), 1);
    assert_eq!(incident.calls[0].ticket, "T-881");
    let laptop_isp = laptop.contact_id("Fibre Net");
    assert_eq!(incident.calls[0].contact_id, Some(laptop_isp));
    assert!(incident
        .checklist
        .iter()
        .any(|c| c.key == "assess.what_failed" && c.done));

    // Both write to the timeline while apart: neither entry is lost on either.
    shop.store
        .add_incident_note(id, "Router rebooted", at(20, 10, 20))
        .unwrap();
    laptop
        .store
        .add_incident_note(there, "Told the delivery driver", at(20, 10, 21))
        .unwrap();
    shop.cycle(at(20, 10, 22));
    laptop.cycle(at(20, 10, 22));
    shop.cycle(at(20, 10, 23));
    let (on_shop, on_laptop) = (
        timeline(&shop, at(20, 11, 0)),
        timeline(&laptop, at(20, 11, 0)),
    );
    assert_eq!(on_shop, on_laptop);
    for note in ["Router rebooted", "Told the delivery driver"] {
        assert!(on_shop.iter().any(|t| t == note), "{note}: {on_shop:?}");
    }
    // What came from the other computer is not sent back as an edit of this one.
    assert_eq!(shop.cycle(at(20, 10, 24)).recorded, 0);
    assert_eq!(laptop.cycle(at(20, 10, 24)).recorded, 0);
}

#[test]
fn a_drill_stays_on_the_computer_that_rehearses() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Fibre Net", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    shop.store
        .start_drill(
            &crate::drills::DrillStart {
                scenario: crate::drills::Scenario::TillBreakIn,
                service_id: None,
                speed: crate::vocabulary::DrillSpeed::Real,
            },
            at(20, 10, 0),
        )
        .unwrap();
    let drills = "SELECT count(*) FROM incidents WHERE drill = 1";
    assert_eq!(
        count(&shop.store, drills),
        1,
        "a drill runs as an outage here"
    );
    assert!(count(&shop.store, "SELECT count(*) FROM incident_events") > 0);
    shop.cycle(at(20, 10, 1));
    laptop.cycle(at(20, 10, 2));
    assert_eq!(count(&laptop.store, "SELECT count(*) FROM incidents"), 0);
    assert_eq!(
        count(&laptop.store, "SELECT count(*) FROM incident_events"),
        0
    );
    assert_eq!(count(&laptop.store, "SELECT count(*) FROM contacts"), 1);
}

#[test]
fn a_cycle_reads_only_what_changed_and_an_edit_made_while_apart_waits_in_the_outbox() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Fibre Net", at(20, 9, 0));
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    laptop.cycle(at(20, 9, 1));
    let outbox = |c: &Computer| count(&c.store, "SELECT count(*) FROM sync_outbox");
    // What the laptop took from the shop is not waiting to be sent back.
    assert_eq!(outbox(&laptop), 0);

    laptop.set_notes("Grid Power", "Meter 42", at(20, 10, 0));
    assert_eq!(outbox(&laptop), 1, "the edited contact, named once");
    // The folder goes away: the edit waits, and the laptop restarts meanwhile.
    let away = shared.path().with_extension("away");
    std::fs::rename(shared.path(), &away).unwrap();
    assert!(laptop
        .plan
        .cycle(
            &mut laptop.store,
            laptop.data.path(),
            &laptop.folder,
            at(20, 10, 1)
        )
        .is_err());
    laptop.restart();
    std::fs::rename(&away, shared.path()).unwrap();
    let report = laptop.cycle(at(20, 10, 2));
    assert_eq!(
        report.recorded, 2,
        "only the waiting edit: its notes and when"
    );
    assert_eq!(outbox(&laptop), 0);
    shop.cycle(at(20, 10, 3));
    assert_eq!(shop.notes("Grid Power").as_deref(), Some("Meter 42"));
    assert_eq!(shop.notes("Fibre Net").as_deref(), Some(""));
}

#[test]
fn the_history_grows_by_what_changed_and_a_stop_mid_append_loses_only_that_keep() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    shop.add("Fibre Net", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    let history = shop.data.path().join(HISTORY_FILE);
    let whole = std::fs::read(&history).unwrap();
    for n in 0..20 {
        shop.set_notes("Fibre Net", &format!("Meter {n}"), at(20, 10, n));
        shop.cycle(at(20, 10, n));
    }
    // Appended, not written whole each time: the file begins as it was, then a frame per edit.
    let grown = std::fs::read(&history).unwrap();
    assert!(grown.starts_with(&whole));
    let (kept, cut) = frames(&grown).unwrap();
    assert_eq!((kept.len(), cut), (21, false));
    shop.restart();
    assert_eq!(
        shop.cycle(at(20, 11, 0)).recorded,
        0,
        "the whole history came back"
    );

    // A stop while a frame was appended: that frame is left out, the file is written whole
    // at the next keep, and what the frame held is recorded again from the outbox.
    shop.set_notes("Fibre Net", "Meter 99", at(20, 12, 0));
    shop.cycle(at(20, 12, 0));
    let file = std::fs::read(&history).unwrap();
    std::fs::write(&history, &file[..file.len() - 3]).unwrap();
    shop.restart();
    shop.set_notes("Fibre Net", "Meter 100", at(20, 12, 1));
    shop.cycle(at(20, 12, 1));
    assert_eq!(
        frames(&std::fs::read(&history).unwrap()).unwrap().0.len(),
        1
    );
    let mut laptop = Computer::new(shared.path(), "laptop");
    laptop.cycle(at(20, 12, 2));
    assert_eq!(laptop.notes("Fibre Net").as_deref(), Some("Meter 100"));

    // A frame that does not match its checksum is damage, said as such.
    let mut file = std::fs::read(&history).unwrap();
    let middle = file.len() / 2;
    file[middle] ^= 0x01;
    std::fs::write(&history, &file).unwrap();
    let err = SharedPlan::open(shop.data.path()).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn one_outage_started_on_both_computers_is_offered_as_one_and_taken_into_one_on_both() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Fibre Net", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    laptop.cycle(at(20, 9, 0));

    // Both start it before either hears of the other's.
    let on_shop = outage(&mut shop, at(20, 10, 0));
    shop.store
        .add_incident_note(on_shop, "Router lights off", at(20, 10, 1))
        .unwrap();
    shop.store
        .tick_check(on_shop, "assess.what_failed", true, at(20, 10, 2))
        .unwrap();
    let on_laptop = outage(&mut laptop, at(20, 10, 12));
    laptop
        .store
        .add_incident_note(on_laptop, "Card payments refused", at(20, 10, 13))
        .unwrap();
    // Unrelated: another service, and the same one an hour later, are not offered.
    let later = outage(&mut laptop, at(20, 11, 30));
    laptop
        .store
        .add_incident_note(later, "Later", at(20, 11, 31))
        .unwrap();
    shop.cycle(at(20, 11, 32));
    laptop.cycle(at(20, 11, 32));
    shop.cycle(at(20, 11, 32));

    let offered = shop.store.same_outages(on_shop, at(20, 11, 33)).unwrap();
    assert_eq!(offered.len(), 1, "{offered:?}");
    assert_eq!(offered[0].title, "Card terminal");
    let laptops_here = offered[0].id;
    assert!(shop
        .store
        .same_outages(on_shop, at(20, 11, 33))
        .unwrap()
        .iter()
        .all(|o| o.started_at != at(20, 11, 30)));

    // Taken into one from the laptop's outage: the one started first is kept either way.
    let kept = shop
        .store
        .join_outages(laptops_here, on_shop, at(20, 11, 34))
        .unwrap();
    assert_eq!(kept.id, on_shop);
    assert_eq!(kept.started_at, at(20, 10, 0));
    let words: Vec<&str> = kept.timeline.iter().map(|e| e.text.as_str()).collect();
    for line in ["Router lights off", "Card payments refused"] {
        assert!(words.contains(&line), "{words:?}");
    }
    assert!(kept
        .checklist
        .iter()
        .any(|c| c.key == "assess.what_failed" && c.done));
    assert!(shop
        .store
        .same_outages(on_shop, at(20, 11, 35))
        .unwrap()
        .is_empty());

    shop.cycle(at(20, 11, 35));
    laptop.cycle(at(20, 11, 36));
    let open = |c: &Computer| {
        count(
            &c.store,
            "SELECT count(*) FROM incidents WHERE resolved_at IS NULL",
        )
    };
    assert_eq!(
        (open(&shop), open(&laptop)),
        (2, 2),
        "the one and the later one"
    );
    assert_eq!(
        count(
            &laptop.store,
            "SELECT count(*) FROM incident_events WHERE kind = 'note'"
        ),
        3
    );
    let laptops_view = laptop.store.same_outages(later, at(20, 11, 37)).unwrap();
    assert!(laptops_view.is_empty(), "{laptops_view:?}");
    assert_eq!(
        timeline(&shop, at(20, 11, 37)).len(),
        timeline(&laptop, at(20, 11, 37)).len()
    );
}

#[test]
fn a_damaged_history_set_aside_lets_sharing_start_again_from_the_plan_as_it_is() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    shop.add("Fibre Net", at(20, 9, 0));
    shop.cycle(at(20, 9, 0));
    // Left alone while it reads.
    assert!(!SharedPlan::set_aside_if_damaged(shop.data.path(), &mut shop.store).unwrap());
    shop.set_notes("Fibre Net", "Meter 42", at(20, 10, 0));
    std::fs::write(shop.data.path().join(STATE_FILE), b"not a history").unwrap();
    assert!(SharedPlan::open(shop.data.path()).is_err());

    assert!(SharedPlan::set_aside_if_damaged(shop.data.path(), &mut shop.store).unwrap());
    assert!(shop.data.path().join("sync.steadystate.damaged").exists());
    shop.restart();
    shop.cycle(at(20, 10, 1));
    // The edit made before the damage was found is this plan's, and reaches the others.
    let mut laptop = Computer::new(shared.path(), "laptop");
    laptop.cycle(at(20, 10, 2));
    assert_eq!(laptop.notes("Fibre Net").as_deref(), Some("Meter 42"));
    assert_eq!(shop.notes("Fibre Net").as_deref(), Some("Meter 42"));
}

/// The team, the call tree, what outages cost and the announced outages, as the shop wrote
/// them: every table the computers share has rows, so a table left out shows.
fn the_rest_of_the_plan(shop: &mut Computer, now: DateTime<Utc>) {
    let grid = shop.add("Grid Power", now);
    let karim = shop.add("Karim", now);
    let id = outage(shop, now);
    shop.store
        .conn
        .execute_batch(&format!(
            "INSERT INTO business (id, name, business_type, language, created_at, updated_at)
                 VALUES (1, 'Chez Léa', 'cafe', 'fr', '{now}', '{now}');
             INSERT INTO safety_checklist (position, text) VALUES (0, 'Gas off');
             INSERT INTO services (name, priority, customer_facing, max_downtime_minutes,
                     created_at, updated_at)
                 VALUES ('Card payments', 'critical', 1, 60, '{now}', '{now}');
             INSERT INTO workarounds (service_id, position, title, steps, created_at, updated_at)
                 VALUES (last_insert_rowid(), 0, 'Cash only', 'Put up the sign', '{now}', '{now}');
             INSERT INTO workaround_sales (workaround_id, kept_percent)
                 VALUES (last_insert_rowid(), 60);
             INSERT INTO service_takings (service_id, weekday, takings_per_hour)
                 SELECT id, 6, 12000 FROM services WHERE name = 'Card payments';
             INSERT INTO roles (kind, name, position, stand_in_id, created_at, updated_at)
                 VALUES ('calls_providers', '', 0, {karim}, '{now}', '{now}');
             INSERT INTO role_duties (role_id, position, text)
                 VALUES (last_insert_rowid(), 0, 'Call Grid Power');
             INSERT INTO role_holders (role_id, contact_id, position)
                 SELECT id, {grid}, 0 FROM roles;
             INSERT INTO role_contacts (role_id, contact_id, name, position)
                 SELECT id, {grid}, 'Grid Power', 0 FROM roles;
             INSERT INTO role_services (role_id, service_id, name, position)
                 SELECT roles.id, services.id, services.name, 0 FROM roles, services;
             INSERT INTO team_settings (id, owner_name, owner_phone, deputy_id, updated_at)
                 VALUES (1, 'Léa', '06 12 34 56 78', {karim}, '{now}');
             INSERT INTO team_people (contact_id, language, account_numbers, updated_at)
                 VALUES ({karim}, 'fr', 1, '{now}');
             INSERT INTO plan_settings (id, assembly_point, updated_at)
                 VALUES (1, 'The car park', '{now}');
             INSERT INTO call_tree (contact_id, caller_id, position) VALUES ({karim}, NULL, 0);
             INSERT INTO call_tree (contact_id, caller_id, position) VALUES ({grid}, {karim}, 1);
             INSERT INTO cost_settings (id, currency, staff_per_hour, policy_number, updated_at)
                 VALUES (1, 'EUR', 4500, 'POL-77', '{now}');
             INSERT INTO opening_days (weekday, opens, closes, takings_per_hour)
                 VALUES (6, '09:00', '19:00', 30000);
             INSERT INTO cold_stores (position, name, kind, safe_minutes, created_at, updated_at)
                 VALUES (0, 'Dairy fridge', 'fridge', 240, '{now}', '{now}');
             INSERT INTO cold_readings (incident_id, cold_store_id, store_name, at, tenths)
                 VALUES ({id}, last_insert_rowid(), 'Dairy fridge', '{now}', 52);
             INSERT INTO incident_expenses (incident_id, what, amount, created_at)
                 VALUES ({id}, 'Generator hire', 15000, '{now}');
             INSERT INTO spoiled_stock (incident_id, cold_store_id, item, quantity_milli,
                     unit_cost, thrown_at, created_at)
                 SELECT {id}, id, 'Milk', 12000, 110, '{now}', '{now}' FROM cold_stores;
             INSERT INTO claims_sent (incident_id, rule, sent_on) VALUES ({id}, 'insurance', '2026-11-20');
             INSERT INTO announced_outages (what, label, starts_at, expected_minutes, incident_id,
                     created_at, updated_at)
                 VALUES ('power', 'Works on the street', '{now}', 120, {id}, '{now}', '{now}');
             INSERT INTO announced_services (announced_id, service_id)
                 SELECT last_insert_rowid(), id FROM services;
             INSERT INTO announced_checks (announced_id, item, done_at)
                 SELECT id, 'days_before.charge', '{now}' FROM announced_outages;
             INSERT INTO service_contacts (service_id, contact_id) SELECT id, {grid} FROM services;
             INSERT INTO workaround_contacts (workaround_id, contact_id)
                 SELECT id, {grid} FROM workarounds;
             INSERT INTO workaround_services (workaround_id, service_id)
                 SELECT workarounds.id, services.id FROM workarounds, services;
             INSERT INTO runbooks (title, created_at, updated_at)
                 VALUES ('Power cut', '{now}', '{now}');
             INSERT INTO runbook_steps (runbook_id, position, text)
                 VALUES (last_insert_rowid(), 0, 'Unplug the freezer');
             INSERT INTO incident_services (incident_id, service_id, name, priority,
                     customer_facing, max_downtime_minutes, customers_per)
                 SELECT {id}, id, name, priority, 1, 60, 'day' FROM services;
             INSERT INTO incident_checks (incident_id, item, done_at)
                 VALUES ({id}, 'assess.what_failed', '{now}');
             INSERT INTO calls (incident_id, contact_id, contact_name, called_at)
                 VALUES ({id}, {grid}, 'Grid Power', '{now}');
             INSERT INTO notices_sent (incident_id, sent_at, stage, channel, text)
                 VALUES ({id}, '{now}', 'first', 'door_sign', 'Cash only today');
             INSERT INTO workaround_activations (incident_id, workaround_id, title, activated_at)
                 SELECT {id}, id, title, '{now}' FROM workarounds;
             INSERT INTO prevention_actions (incident_id, position, text)
                 VALUES ({id}, 0, 'Buy a UPS');
             INSERT INTO team_check_ins (incident_id, contact_id, name, state, at)
                 VALUES ({id}, {karim}, 'Karim', 'on_the_way', '{now}');
             INSERT INTO incident_handoffs (incident_id, task, label, contact_id, name, at)
                 VALUES ({id}, 'call:{grid}', 'Grid Power', {karim}, 'Karim', '{now}');
             INSERT INTO notice_templates (language, stage, channel, subject, body, updated_at)
                 VALUES ('fr', 'first', 'door_sign', NULL, 'Fermé, de retour à {{time}}', '{now}');"
        ))
        .unwrap();
}

#[test]
fn the_team_the_call_tree_costs_and_announced_outages_are_one_plan_on_both() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    the_rest_of_the_plan(&mut shop, at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    let on_shop = crate::sync::tests::shared(&shop.store);
    for (table, rows) in &on_shop {
        assert!(!rows.is_empty(), "{table} has no row to share");
        // Every part a row owns (phones, duties, ticks…) is there on some row.
        let parts = rows.values().flat_map(|row| row.iter());
        let mut empty: BTreeSet<&str> = parts
            .clone()
            .filter(|(_, value)| value.is_array())
            .map(|(field, _)| *field)
            .collect();
        for (field, value) in parts {
            if value.as_array().is_some_and(|cells| !cells.is_empty()) {
                empty.remove(field);
            }
        }
        assert!(empty.is_empty(), "{table}: nothing in {empty:?}");
    }
    assert_eq!(crate::sync::tests::shared(&laptop.store), on_shop);

    // The laptop edits the team; the shop deletes the contact who calls Grid Power.
    laptop
        .store
        .conn
        .execute_batch(
            "UPDATE role_duties SET text = 'Call Grid Power, then the insurer';
             UPDATE team_settings SET owner_phone = '07 00 00 00 00';",
        )
        .unwrap();
    let karim = shop
        .store
        .list_contacts(&Default::default())
        .unwrap()
        .into_iter()
        .find(|c| c.details.organisation == "Karim")
        .unwrap()
        .id;
    shop.store.delete_contact(karim).unwrap();
    laptop.cycle(at(20, 10, 0));
    shop.cycle(at(20, 10, 1));
    laptop.cycle(at(20, 10, 2));
    let on_shop = crate::sync::tests::shared(&shop.store);
    assert_eq!(crate::sync::tests::shared(&laptop.store), on_shop);
    for computer in [&shop, &laptop] {
        let duty: String = computer
            .store
            .conn
            .query_row("SELECT text FROM role_duties", [], |r| r.get(0))
            .unwrap();
        assert_eq!(duty, "Call Grid Power, then the insurer");
        // Grid Power is still in the call tree, called by the owner now that Karim is gone.
        let tree: Vec<(String, Option<i64>)> = computer
            .store
            .conn
            .prepare(
                "SELECT c.organisation, t.caller_id FROM call_tree AS t
                 JOIN contacts AS c ON c.id = t.contact_id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tree, vec![("Grid Power".to_owned(), None)]);
        assert_eq!(
            count(&computer.store, "SELECT count(*) FROM team_settings WHERE owner_phone = '07 00 00 00 00' AND deputy_id IS NULL"),
            1
        );
    }
}

/// The owner puts a backup back on the shop's PC and makes it the plan of both computers:
/// what was added and changed since, on either, is undone on both, even what the shop had not
/// merged yet; the shop goes on sharing.
#[test]
fn a_backup_made_the_plan_of_every_computer_undoes_what_came_since_on_both() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    let backup = shop.data.path().join("old.sqlite3");
    shop.store.checkpoint().unwrap();
    std::fs::copy(shop.data.path().join(crate::store::DATABASE_FILE), &backup).unwrap();

    // Since the backup: the laptop adds a contact, the shop changes an account number.
    laptop.add("Fibre Net", at(20, 10, 0));
    shop.edit("Grid Power", at(20, 10, 1), |d| {
        d.account_number = "AC-WRONG".into()
    });
    laptop.cycle(at(20, 10, 2));
    shop.cycle(at(20, 10, 3));
    laptop.cycle(at(20, 10, 4));
    // And one more the shop has not merged yet when the owner restores.
    laptop.add("Water Co", at(20, 10, 30));
    laptop.cycle(at(20, 10, 31));

    let path = shop.data.path().join(crate::store::DATABASE_FILE);
    shop.store = Store::open_in_memory().unwrap();
    for extra in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{extra}", path.display()));
    }
    std::fs::copy(&backup, &path).unwrap();
    shop.store = Store::open_in_dir(shop.data.path()).unwrap();
    let recorded = shop
        .plan
        .adopt(
            &mut shop.store,
            shop.data.path(),
            &shop.folder,
            at(20, 11, 0),
        )
        .unwrap();
    assert!(
        recorded >= 2,
        "the account number and the contact: {recorded}"
    );

    let report = shop.cycle(at(20, 11, 1));
    assert!(
        !report.replaced,
        "the backup is the plan now, not replaced by it"
    );
    laptop.cycle(at(20, 11, 2));
    for computer in [&shop, &laptop] {
        assert_eq!(computer.notes("Fibre Net"), None);
        assert_eq!(computer.notes("Water Co"), None);
        assert_eq!(computer.account("Grid Power").as_deref(), Some(""));
    }
    // Both go on sharing as usual.
    laptop.set_notes("Grid Power", "After the restore", at(20, 12, 0));
    laptop.cycle(at(20, 12, 1));
    shop.cycle(at(20, 12, 2));
    assert_eq!(
        shop.notes("Grid Power").as_deref(),
        Some("After the restore")
    );
}

/// A file that shared before the team and the call tree were shared: the upgrade names their
/// rows, so the next sync sends them rather than waiting for an edit.
#[test]
fn a_file_that_shared_before_the_team_was_shared_sends_it_at_the_next_sync() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut conn =
            rusqlite::Connection::open(data.path().join(crate::store::DATABASE_FILE)).unwrap();
        crate::store::migrations()
            .to_version(&mut conn, 15)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (kind, organisation, created_at, updated_at)
                 VALUES ('staff', 'Karim', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
             INSERT INTO call_tree (contact_id, caller_id, position) VALUES (1, NULL, 0);
             INSERT INTO roles (kind, name, position, created_at, updated_at)
                 VALUES ('opens', '', 0, '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
             INSERT INTO sync_mark (id, mark) VALUES (1, 'cafe');",
        )
        .unwrap();
    }
    let store = Store::open_in_dir(data.path()).unwrap();
    let named: BTreeSet<String> = store
        .conn
        .prepare("SELECT shared_table FROM sync_outbox")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        named,
        BTreeSet::from([
            "*".to_owned(),
            "plan_settings".to_owned(),
            "roles".to_owned()
        ])
    );
}

/// A file that shared before who does what and the notices' wording were shared (schema 16):
/// its next sync sends the outage whose tasks were handed off and the business row that
/// carries the wording, and takes in every shared row (another computer's
/// handoffs may be in its history already).
#[test]
fn a_file_that_shared_before_handoffs_were_shared_sends_them_at_the_next_sync() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut conn =
            rusqlite::Connection::open(data.path().join(crate::store::DATABASE_FILE)).unwrap();
        crate::store::migrations()
            .to_version(&mut conn, 16)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO incidents (id, started_at, cause, updated_at)
                 VALUES (1, '2026-11-20T09:00:00Z', 'unknown', '2026-11-20T09:00:00Z');
             INSERT INTO incidents (id, started_at, cause, updated_at)
                 VALUES (2, '2026-11-20T10:00:00Z', 'unknown', '2026-11-20T10:00:00Z');
             INSERT INTO incident_handoffs (incident_id, task, label, contact_id, name, at)
                 VALUES (1, 'step:tell', 'Tell', NULL, 'Karim', '2026-11-20T09:05:00Z');
             INSERT INTO notice_templates (language, stage, channel, subject, body, updated_at)
                 VALUES ('en', 'first', 'door_sign', NULL, 'Closed', '2026-11-20T09:00:00Z');
             INSERT INTO sync_mark (id, mark) VALUES (1, 'cafe');
             DELETE FROM sync_outbox;",
        )
        .unwrap();
    }
    let store = Store::open_in_dir(data.path()).unwrap();
    let named: BTreeSet<(String, String)> = store
        .conn
        .prepare(
            "SELECT o.shared_table, coalesce(i.id, o.row_gid) FROM sync_outbox AS o
             LEFT JOIN incidents AS i ON i.gid = o.row_gid",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get::<_, rusqlite::types::Value>(1)?))
        })
        .unwrap()
        .map(|row| {
            let (table, row): (String, rusqlite::types::Value) = row.unwrap();
            let row = match row {
                rusqlite::types::Value::Integer(id) => id.to_string(),
                rusqlite::types::Value::Text(text) => text,
                other => format!("{other:?}"),
            };
            (table, row)
        })
        .collect();
    assert_eq!(
        named,
        BTreeSet::from([
            ("*".to_owned(), "every".to_owned()),
            ("business".to_owned(), "one".to_owned()),
            ("incidents".to_owned(), "1".to_owned()),
        ])
    );
}

/// What the shop shared of the team before the laptop was upgraded came into the laptop's
/// history and never into its file (the older Steady did not share roles): the first sync
/// after the upgrade writes every shared row, so the shop's role is there.
#[test]
fn the_first_sync_after_an_upgrade_writes_what_the_history_already_held() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.store
        .conn
        .execute_batch(
            "INSERT INTO roles (kind, name, position, created_at, updated_at)
                 VALUES ('opens', '', 0, '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');",
        )
        .unwrap();
    shop.cycle(at(20, 9, 0));
    laptop.cycle(at(20, 9, 1));
    // As the older Steady left it: the role in the history, not in the file.
    laptop
        .store
        .conn
        .execute_batch("DELETE FROM roles; DELETE FROM sync_outbox;")
        .unwrap();
    laptop.cycle(at(20, 9, 2));
    assert_eq!(count(&laptop.store, "SELECT count(*) FROM roles"), 0);
    // The upgrade's migration asks for every row.
    laptop
        .store
        .conn
        .execute("INSERT INTO sync_outbox VALUES ('*', 'every')", [])
        .unwrap();
    laptop.cycle(at(20, 9, 3));
    assert_eq!(count(&laptop.store, "SELECT count(*) FROM roles"), 1);
    assert_eq!(count(&laptop.store, "SELECT count(*) FROM sync_outbox"), 0);
    shop.cycle(at(20, 9, 4));
    assert_eq!(count(&shop.store, "SELECT count(*) FROM roles"), 1);
}

/// During one outage, the shop ticks one item and the laptop another before they sync: both
/// ticks are on both, and a tick taken back on one later is taken back on both.
#[test]
fn ticks_made_on_both_computers_at_once_are_all_kept() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    let id = outage(&mut shop, at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    let there = laptop.store.open_incident_id().unwrap().unwrap();

    shop.store
        .tick_check(id, "assess.what_failed", true, at(20, 9, 5))
        .unwrap();
    laptop
        .store
        .tick_check(there, "call.report", true, at(20, 9, 6))
        .unwrap();
    shop.cycle(at(20, 9, 7));
    laptop.cycle(at(20, 9, 8));
    shop.cycle(at(20, 9, 9));
    let ticked = |computer: &Computer, id: i64| -> Vec<String> {
        let incident = computer.store.incident(id, at(20, 10, 0)).unwrap();
        incident
            .checklist
            .into_iter()
            .filter(|c| c.done)
            .map(|c| c.key)
            .collect()
    };
    for (computer, id) in [(&shop, id), (&laptop, there)] {
        assert_eq!(ticked(computer, id), ["assess.what_failed", "call.report"]);
    }
    // Taken back on the laptop, once both have both: gone on both.
    laptop
        .store
        .tick_check(there, "call.report", false, at(20, 9, 20))
        .unwrap();
    laptop.cycle(at(20, 9, 21));
    shop.cycle(at(20, 9, 22));
    laptop.cycle(at(20, 9, 23));
    for (computer, id) in [(&shop, id), (&laptop, there)] {
        assert_eq!(ticked(computer, id), ["assess.what_failed"]);
    }
}

/// A backup restored on the shop alone sets the shared history aside: when the shop shares
/// again, its plan as it is then is taken, not written over by the shared one.
#[test]
fn a_plan_restored_here_alone_is_not_written_over_when_it_shares_again() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.add("Grid Power", at(20, 9, 0));
    shop.cycle(at(20, 9, 1));
    laptop.cycle(at(20, 9, 2));
    // The restore here alone: the backup's file (an older mark, its own values) in place,
    // the history set aside.
    shop.store
        .conn
        .execute_batch(
            "UPDATE contacts SET notes = 'From the backup';
             UPDATE sync_mark SET mark = 'older';
             DELETE FROM sync_outbox;",
        )
        .unwrap();
    SharedPlan::set_aside(shop.data.path(), &mut shop.store, "before-restore").unwrap();
    assert!(shop
        .data
        .path()
        .join("sync.steadystate.before-restore")
        .exists());
    shop.restart();
    let report = shop.cycle(at(20, 10, 0));
    assert!(!report.replaced);
    assert_eq!(shop.notes("Grid Power").as_deref(), Some("From the backup"));
    laptop.cycle(at(20, 10, 1));
    assert_eq!(
        laptop.notes("Grid Power").as_deref(),
        Some("From the backup")
    );
}

/// The question names each computer whose plan the folder holds once, by name: a machine
/// that wrote under two ids (its data folder set up again) is not "Shop PC, Shop PC".
#[test]
fn the_plans_a_folder_holds_are_named_once_each() {
    let shared = tempfile::tempdir().unwrap();
    for (id, name) in [("a1", "Shop PC"), ("b2", "Shop PC"), ("c3", "Office")] {
        let folder = SyncFolder::new(shared.path(), id);
        folder.write_about(name).unwrap();
        folder.write_changes(b"changes", at(20, 9, 0)).unwrap();
    }
    // Named but never written: no plan there.
    SyncFolder::new(shared.path(), "d4")
        .write_about("Spare laptop")
        .unwrap();
    let laptop = SyncFolder::new(shared.path(), "laptop");
    assert_eq!(laptop.plans_met().unwrap(), ["Office", "Shop PC"]);
}

/// A laptop that started a plan of its own takes the plan the shop shares instead (the
/// owner's choice when the folder already holds one): its own plan is backed up, then
/// nothing of it is merged, so neither computer gets two of everything both started with.
#[test]
fn a_computer_that_takes_the_shared_plan_over_its_own_gets_no_duplicates() {
    use crate::business::Language;
    use crate::testing::corner_cafe;
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    shop.store
        .start_business(&corner_cafe(Language::En, None), true, at(20, 8, 0))
        .unwrap();
    shop.add("Grid Power", at(20, 8, 5));
    shop.cycle(at(20, 8, 10));
    let mut own = corner_cafe(Language::En, None);
    own.name = "Laptop Café".into();
    laptop
        .store
        .start_business(&own, true, at(20, 9, 0))
        .unwrap();
    laptop.add("Home Broadband", at(20, 9, 5));

    // What the window asks about: the folder holds the shop's plan, the laptop wrote nothing.
    assert_eq!(laptop.folder.plans_met().unwrap(), ["shop"]);
    assert!(shop.folder.plans_met().unwrap().is_empty());

    let data = DataFolder::on_machine(laptop.data.path(), "laptop");
    let saved = SharedPlan::make_way(&mut laptop.store, &data, at(20, 9, 30).fixed_offset())
        .unwrap()
        .expect("the laptop's own plan is backed up first");
    assert_eq!(saved.backup.reason, BackupReason::BeforeJoin);
    laptop.restart();
    let report = laptop.cycle(at(20, 9, 31));
    assert!(
        report.applied.refused.is_empty(),
        "{:?}",
        report.applied.refused
    );

    let names = |c: &Computer| -> Vec<String> {
        let mut names: Vec<String> = c
            .store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .map(|c| c.details.organisation)
            .collect();
        names.sort();
        names
    };
    let services = |c: &Computer| -> Vec<String> {
        let mut names: Vec<String> = c
            .store
            .list_services()
            .unwrap()
            .into_iter()
            .map(|s| s.details.name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        laptop.store.business().unwrap().unwrap().name,
        "Corner Café"
    );
    assert_eq!(names(&laptop), names(&shop));
    assert!(!names(&laptop).contains(&"Home Broadband".to_owned()));
    assert_eq!(services(&laptop), services(&shop));
    // Back on the shop, nothing of the laptop's own plan arrives either.
    shop.cycle(at(20, 9, 40));
    assert_eq!(shop.store.business().unwrap().unwrap().name, "Corner Café");
    assert_eq!(names(&shop), names(&laptop));
    assert_eq!(services(&shop), services(&laptop));
    // The laptop's own plan is in its backup, whole.
    let kept = rusqlite::Connection::open(data.backups().join(&saved.backup.file_name)).unwrap();
    let business: String = kept
        .query_row("SELECT name FROM business", [], |row| row.get(0))
        .unwrap();
    assert_eq!(business, "Laptop Café");
}

/// Who does what during an outage is shared with it: a task handed to someone on the shop's
/// PC names the laptop's own copies of the contact and the person, and tasks handed off on
/// both computers at once are all kept.
#[test]
fn who_does_what_in_an_outage_is_the_same_on_both_computers() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    // Made first on the laptop: the contacts' ids differ between the two files.
    laptop.add("Home Broadband", at(20, 8, 0));
    let isp = shop.add("Fibre Net", at(20, 9, 0));
    let staff = |name: &str| ContactDetails {
        person: name.into(),
        phones: vec![Phone {
            label: String::new(),
            number: "06 12 34 56 78".into(),
        }],
        ..ContactDetails::new(ContactKind::Staff)
    };
    let karim = shop
        .store
        .create_contact(&staff("Karim"), at(20, 9, 0))
        .unwrap()
        .id;
    let lea = shop
        .store
        .create_contact(&staff("Léa"), at(20, 9, 0))
        .unwrap()
        .id;
    let id = outage(&mut shop, at(20, 10, 0));
    shop.store
        .hand_off(id, &format!("call:{isp}"), Some(karim), at(20, 10, 1))
        .unwrap();
    shop.cycle(at(20, 10, 2));
    laptop.cycle(at(20, 10, 3));

    let there = laptop
        .store
        .open_incident_id()
        .unwrap()
        .expect("the outage");
    let handoffs = laptop.store.handoffs(there).unwrap();
    assert_eq!(handoffs.len(), 1, "{handoffs:?}");
    assert_eq!(
        handoffs[0].task,
        format!("call:{}", laptop.contact_id("Fibre Net"))
    );
    assert_eq!(handoffs[0].contact_id, Some(laptop.contact_id("Karim")));
    assert_eq!(handoffs[0].name, "Karim");

    // Apart, each hands a task to someone: both are kept on both.
    shop.store
        .hand_off(id, "step:tell", Some(lea), at(20, 10, 10))
        .unwrap();
    laptop
        .store
        .hand_off(
            there,
            "step:workarounds",
            Some(laptop.contact_id("Karim")),
            at(20, 10, 11),
        )
        .unwrap();
    shop.cycle(at(20, 10, 12));
    laptop.cycle(at(20, 10, 13));
    shop.cycle(at(20, 10, 14));
    let tasks = |c: &Computer, incident: i64| -> Vec<(String, String)> {
        let mut tasks: Vec<(String, String)> = c
            .store
            .handoffs(incident)
            .unwrap()
            .into_iter()
            // A call's contact has an id of its own on each computer.
            .map(|h| match h.task.starts_with("call:") {
                true => ("call".to_owned(), h.name),
                false => (h.task, h.name),
            })
            .collect();
        tasks.sort();
        tasks
    };
    let on_shop = tasks(&shop, id);
    assert_eq!(on_shop, tasks(&laptop, there));
    assert_eq!(
        on_shop,
        [
            ("call".to_owned(), "Karim".to_owned()),
            ("step:tell".to_owned(), "Léa".to_owned()),
            ("step:workarounds".to_owned(), "Karim".to_owned()),
        ]
    );
    // Taken back on the laptop: gone on the shop too.
    laptop
        .store
        .hand_off(there, "step:tell", None, at(20, 10, 20))
        .unwrap();
    laptop.cycle(at(20, 10, 21));
    shop.cycle(at(20, 10, 22));
    assert_eq!(tasks(&shop, id).len(), 2);
    assert_eq!(shop.cycle(at(20, 10, 23)).recorded, 0);
    assert_eq!(laptop.cycle(at(20, 10, 23)).recorded, 0);
}

/// A first share recorded in steps, the store let go between them (as the app does): what was
/// edited, added or deleted between two steps is recorded by the cycle that follows, which
/// records nothing else again; the other computer gets the plan exactly as it is.
#[test]
fn a_first_share_recorded_in_steps_loses_no_edit_made_between_them() {
    let shared = tempfile::tempdir().unwrap();
    let mut shop = Computer::new(shared.path(), "shop");
    let mut laptop = Computer::new(shared.path(), "laptop");
    for name in ["Grid Power", "Fibre Net", "Water Co", "Bank", "Insurer"] {
        shop.add(name, at(20, 9, 0));
    }
    assert!(shop.plan.records_every_row(&shop.store).unwrap());
    let mut step = Some(FirstShare::default());
    let mut steps = 0;
    while let Some(from) = step {
        step = shop
            .plan
            .record_step(&shop.store, from, 2, at(20, 9, 1))
            .unwrap();
        steps += 1;
        if steps == 3 {
            // Between two steps: a contact recorded already is edited, one is deleted, and
            // one is added after the contacts were done.
            shop.set_notes("Grid Power", "Meter 42", at(20, 9, 2));
            let bank = shop.contact_id("Bank");
            shop.store.delete_contact(bank).unwrap();
            shop.add("Phone Co", at(20, 9, 2));
        }
    }
    assert!(steps > SYNCED.len(), "one step a table at least: {steps}");
    let report = shop.cycle(at(20, 9, 3));
    // Grid Power's notes, Bank deleted, Phone Co: each a few fields; never every row again.
    assert!(
        (1..=20).contains(&report.recorded),
        "{} recorded",
        report.recorded
    );
    assert!(!shop.plan.records_every_row(&shop.store).unwrap());
    laptop.cycle(at(20, 9, 4));
    assert_eq!(
        crate::sync::tests::shared(&laptop.store),
        crate::sync::tests::shared(&shop.store)
    );
    assert_eq!(laptop.notes("Grid Power").as_deref(), Some("Meter 42"));
    assert_eq!(laptop.notes("Bank"), None);
    assert_eq!(laptop.notes("Phone Co").as_deref(), Some(""));
}
