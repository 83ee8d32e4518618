use chrono::Duration;
use proptest::prelude::*;
use serde_json::json;

use super::folder::SyncFolder;
use super::*;
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::testing::at;

/// One computer: its own SQLite file and its copy of the history.
struct Computer {
    store: Store,
    plan: SharedPlan,
    /// Every change file it wrote, in order.
    sent: Vec<Vec<u8>>,
}

impl Computer {
    fn new() -> Self {
        Self {
            store: Store::open_in_memory().unwrap(),
            plan: SharedPlan::new(),
            sent: Vec::new(),
        }
    }

    /// Records what changed here and writes it out as a change file.
    fn send(&mut self, now: DateTime<Utc>) {
        self.plan.record(&self.store, now).unwrap();
        if let Some((file, heads)) = self.plan.outgoing() {
            self.sent.push(file);
            self.plan.written(heads);
        }
    }

    /// A sync cycle that receives `files`: what changed here first, then theirs, then the
    /// merged plan written to the file.
    fn receive(&mut self, files: &[Vec<u8>], now: DateTime<Utc>) -> Applied {
        self.send(now);
        for file in files {
            self.plan.receive(file).unwrap();
        }
        self.plan.apply(&mut self.store).unwrap()
    }

    fn add(&mut self, name: &str, number: &str, now: DateTime<Utc>) -> String {
        let contact = self
            .store
            .create_contact(
                &ContactDetails {
                    organisation: name.into(),
                    phones: vec![Phone {
                        label: String::new(),
                        number: number.into(),
                    }],
                    ..ContactDetails::new(ContactKind::InternetProvider)
                },
                now,
            )
            .unwrap();
        self.gid_of(contact.id)
    }

    fn gid_of(&self, id: i64) -> String {
        self.store
            .conn
            .query_row("SELECT gid FROM contacts WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    }

    fn id_of(&self, gid: &str) -> Option<i64> {
        self.store
            .conn
            .query_row("SELECT id FROM contacts WHERE gid = ?1", [gid], |r| {
                r.get(0)
            })
            .ok()
    }

    fn edit(&mut self, gid: &str, now: DateTime<Utc>, change: impl FnOnce(&mut ContactDetails)) {
        let id = self.id_of(gid).unwrap();
        let mut details = self.store.contact(id).unwrap().details;
        change(&mut details);
        self.store.update_contact(id, &details, now).unwrap();
    }

    fn details(&self, gid: &str) -> Option<ContactDetails> {
        Some(self.store.contact(self.id_of(gid)?).unwrap().details)
    }

    /// The contacts and their phones, by global id.
    fn contents(&self) -> BTreeMap<String, Row> {
        shared(&self.store).remove("contacts").unwrap()
    }
}

/// Every shared table's rows by global id, links by global id: what computers must agree on.
pub(super) fn shared(store: &Store) -> BTreeMap<&'static str, BTreeMap<String, Row>> {
    let mut ids = Ids::all(&store.conn).unwrap();
    SYNCED
        .iter()
        .map(|synced| {
            let rows = local_rows(&store.conn, synced, &mut ids, &Scope::Every)
                .unwrap()
                .into_iter()
                .map(|(gid, (_, row))| (gid, row))
                .collect();
            (synced.table, rows)
        })
        .collect()
}

fn number(details: &ContactDetails) -> &str {
    &details.phones[0].number
}

/// The shop's PC has the plan; the laptop joins with its whole history.
fn shop_and_laptop() -> (Computer, Computer, String) {
    let mut shop = Computer::new();
    let isp = shop.add("Fibre Net", "01 23 45 67 89", at(20, 9, 0));
    shop.send(at(20, 9, 0));
    let mut laptop = Computer::new();
    laptop.receive(&[shop.plan.snapshot()], at(20, 9, 1));
    assert_eq!(laptop.contents(), shop.contents());
    (shop, laptop, isp)
}

#[test]
fn a_field_edited_on_one_computer_and_left_alone_on_the_other_takes_the_edit() {
    let (mut shop, mut laptop, isp) = shop_and_laptop();
    laptop.edit(&isp, at(20, 10, 0), |d| {
        d.phones[0].number = "09 70 00 00 00".into()
    });
    shop.edit(&isp, at(20, 10, 1), |d| d.notes = "Ask for Marc".into());
    laptop.send(at(20, 10, 2));
    shop.send(at(20, 10, 2));
    let on_shop = shop.receive(&laptop.sent, at(20, 10, 3));
    let on_laptop = laptop.receive(&shop.sent, at(20, 10, 3));
    assert!(on_shop.conflicts.is_empty() && on_laptop.conflicts.is_empty());
    for computer in [&shop, &laptop] {
        let details = computer.details(&isp).unwrap();
        assert_eq!(number(&details), "09 70 00 00 00");
        assert_eq!(details.notes, "Ask for Marc");
    }
    assert_eq!(shop.contents(), laptop.contents());
}

#[test]
fn the_same_phone_number_edited_on_both_is_a_conflict_until_the_owner_chooses() {
    let (mut shop, mut laptop, isp) = shop_and_laptop();
    shop.edit(&isp, at(20, 10, 0), |d| {
        d.phones[0].number = "01 11 11 11 11".into()
    });
    laptop.edit(&isp, at(20, 10, 5), |d| {
        d.phones[0].number = "02 22 22 22 22".into()
    });
    shop.send(at(20, 10, 6));
    laptop.send(at(20, 10, 6));
    let on_shop = shop.receive(&laptop.sent, at(20, 10, 7));
    let on_laptop = laptop.receive(&shop.sent, at(20, 10, 7));
    assert_eq!(on_shop.conflicts, on_laptop.conflicts);
    let [conflict] = &on_shop.conflicts[..] else {
        panic!("{:?}", on_shop.conflicts)
    };
    assert_eq!(
        (conflict.field, conflict.gid.as_str()),
        ("phones", isp.as_str())
    );
    // Both kept, the later first (and shown meanwhile).
    assert_eq!(
        conflict.values,
        vec![
            json!([["", "02 22 22 22 22"]]),
            json!([["", "01 11 11 11 11"]])
        ]
    );
    assert_eq!(number(&shop.details(&isp).unwrap()), "02 22 22 22 22");

    // The owner chooses the shop's number on the laptop: it sticks on both.
    laptop
        .plan
        .choose(conflict, &conflict.values[1], at(20, 11, 0))
        .unwrap();
    assert!(laptop
        .plan
        .apply(&mut laptop.store)
        .unwrap()
        .conflicts
        .is_empty());
    laptop.send(at(20, 11, 0));
    let on_shop = shop.receive(&laptop.sent, at(20, 11, 1));
    assert!(on_shop.conflicts.is_empty());
    for computer in [&shop, &laptop] {
        assert_eq!(number(&computer.details(&isp).unwrap()), "01 11 11 11 11");
    }
}

#[test]
fn of_two_edits_of_another_field_the_later_wins_without_a_conflict() {
    let (mut shop, mut laptop, isp) = shop_and_laptop();
    laptop.edit(&isp, at(20, 10, 0), |d| d.notes = "Earlier".into());
    shop.edit(&isp, at(20, 10, 9), |d| d.notes = "Later".into());
    shop.send(at(20, 10, 9));
    laptop.send(at(20, 10, 0));
    let on_shop = shop.receive(&laptop.sent, at(20, 10, 10));
    let on_laptop = laptop.receive(&shop.sent, at(20, 10, 10));
    assert!(on_shop.conflicts.is_empty() && on_laptop.conflicts.is_empty());
    for computer in [&shop, &laptop] {
        assert_eq!(computer.details(&isp).unwrap().notes, "Later");
    }
}

#[test]
fn a_contact_deleted_on_one_computer_and_edited_on_the_other_comes_back_with_the_edit() {
    let (mut shop, mut laptop, isp) = shop_and_laptop();
    let id = shop.id_of(&isp).unwrap();
    shop.store.delete_contact(id).unwrap();
    laptop.edit(&isp, at(20, 10, 0), |d| d.account_number = "AC-9".into());
    shop.send(at(20, 10, 1));
    laptop.send(at(20, 10, 1));
    shop.receive(&laptop.sent, at(20, 10, 2));
    laptop.receive(&shop.sent, at(20, 10, 2));
    for computer in [&shop, &laptop] {
        assert_eq!(computer.details(&isp).unwrap().account_number, "AC-9");
    }

    // A delete made after seeing every edit sticks everywhere.
    let id = laptop.id_of(&isp).unwrap();
    laptop.store.delete_contact(id).unwrap();
    laptop.send(at(20, 11, 0));
    shop.receive(&laptop.sent, at(20, 11, 1));
    assert_eq!(shop.details(&isp), None);
    assert_eq!(shop.contents(), laptop.contents());
}

#[test]
fn a_change_file_that_is_not_whole_or_not_steadys_is_refused_and_merges_nothing() {
    let (mut shop, mut laptop, isp) = shop_and_laptop();
    shop.edit(&isp, at(20, 10, 0), |d| d.notes = "New".into());
    shop.send(at(20, 10, 0));
    let good = shop.sent.last().unwrap().clone();
    let mut newer = good.clone();
    newer[MAGIC.len()] = b'2';
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    let cases: [(&[u8], BadChanges); 5] = [
        (&good[..good.len() - 7], BadChanges::Damaged),
        (&flipped, BadChanges::Damaged),
        (&newer, BadChanges::Newer),
        (b"BEGIN:VCARD\nEND:VCARD\n", BadChanges::NotSteady),
        (b"", BadChanges::NotSteady),
    ];
    let heads = laptop.plan.doc.get_heads();
    for (file, why) in cases {
        assert_eq!(
            laptop.plan.receive(file),
            Err(why),
            "{:?}",
            &file[..file.len().min(20)]
        );
        assert_eq!(laptop.plan.doc.get_heads(), heads, "nothing merged");
    }
    laptop.plan.receive(&good).unwrap();
    laptop.plan.apply(&mut laptop.store).unwrap();
    assert_eq!(laptop.details(&isp).unwrap().notes, "New");
}

#[test]
fn each_computer_writes_only_new_files_into_its_own_folder_and_reads_the_others() {
    let shared = tempfile::tempdir().unwrap();
    let shop_folder = SyncFolder::new(shared.path(), "shop");
    let laptop_folder = SyncFolder::new(shared.path(), "laptop");
    let (mut shop, mut laptop, isp) = shop_and_laptop();

    let first = shop_folder
        .write_changes(&shop.sent[0], at(20, 9, 0))
        .unwrap();
    let again = shop_folder
        .write_changes(&shop.sent[0], at(20, 9, 0))
        .unwrap();
    assert_ne!(first, again, "a name is never used twice");
    assert_eq!(std::fs::read(&first).unwrap(), shop.sent[0]);
    assert!(first.starts_with(shared.path().join("Steady sync").join("shop")));

    laptop.edit(&isp, at(20, 10, 0), |d| d.notes = "From the laptop".into());
    laptop.send(at(20, 10, 0));
    laptop_folder
        .write_changes(laptop.sent.last().unwrap(), at(20, 10, 0))
        .unwrap();
    let incoming = shop_folder.others().unwrap();
    assert_eq!(incoming.len(), 1);
    assert_eq!(incoming[0].computer, "laptop");
    let files: Vec<Vec<u8>> = incoming
        .into_iter()
        .map(|i| std::fs::read(i.path).unwrap())
        .collect();
    shop.receive(&files, at(20, 10, 1));
    assert_eq!(shop.details(&isp).unwrap().notes, "From the laptop");

    // The laptop reads both of the shop's files; a snapshot replaces them.
    assert_eq!(laptop_folder.others().unwrap().len(), 2);
    let snapshot = shop_folder
        .write_snapshot(&shop.plan.snapshot(), at(20, 12, 0))
        .unwrap();
    let left = laptop_folder.others().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0].file,
        snapshot.file_name().unwrap().to_string_lossy()
    );
    let mut fresh = Computer::new();
    fresh.receive(&[std::fs::read(&left[0].path).unwrap()], at(20, 12, 1));
    assert_eq!(fresh.contents(), shop.contents());
}

/// The rows a shared plan is made of, for the plan's own tables.
fn count(store: &Store, sql: &str) -> i64 {
    store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_computer_that_joins_gets_the_whole_plan_with_its_links() {
    let mut shop = Computer::new();
    crate::testing::fill_everything(&mut shop.store);
    shop.send(at(20, 9, 0));
    let mut laptop = Computer::new();
    let applied = laptop.receive(&[shop.plan.snapshot()], at(20, 9, 1));
    assert!(applied.refused.is_empty(), "{:?}", applied.refused);
    let on_shop = shared(&shop.store);
    assert_eq!(shared(&laptop.store), on_shop);
    for (table, rows) in &on_shop {
        assert!(!rows.is_empty(), "the fixture has no {table}");
    }
    // The links are there, to the same rows: a service's providers, a workaround's contacts.
    for link in [
        "service_contacts",
        "workaround_contacts",
        "workaround_services",
        "runbook_steps",
        "safety_checklist",
    ] {
        let sql = format!("SELECT count(*) FROM {link}");
        assert!(count(&laptop.store, &sql) > 0, "{link}");
        assert_eq!(
            count(&laptop.store, &sql),
            count(&shop.store, &sql),
            "{link}"
        );
    }
}

#[test]
fn a_workarounds_steps_edited_on_both_are_a_conflict_and_a_deleted_service_takes_its_own() {
    let mut shop = Computer::new();
    crate::testing::fill_everything(&mut shop.store);
    shop.send(at(20, 9, 0));
    let mut laptop = Computer::new();
    laptop.receive(&[shop.plan.snapshot()], at(20, 9, 1));
    // The same workaround on both, by its global id (its id differs on each computer).
    let gid: String = shop
        .store
        .conn
        .query_row("SELECT gid FROM workarounds ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let steps = |c: &mut Computer, text: &str| {
        let changed = c
            .store
            .conn
            .execute(
                "UPDATE workarounds SET steps = ?1 WHERE gid = ?2",
                [text, &gid],
            )
            .unwrap();
        assert_eq!(changed, 1);
    };
    steps(&mut shop, "Cash only\nCount the float");
    steps(&mut laptop, "Cash only\nCall the bank");
    shop.send(at(20, 10, 0));
    laptop.send(at(20, 10, 1));
    let on_shop = shop.receive(&laptop.sent, at(20, 10, 2));
    let on_laptop = laptop.receive(&shop.sent, at(20, 10, 2));
    assert_eq!(on_shop.conflicts, on_laptop.conflicts);
    let [conflict] = &on_shop.conflicts[..] else {
        panic!("{:?}", on_shop.conflicts)
    };
    assert_eq!((conflict.table, conflict.field), ("workarounds", "steps"));
    assert_eq!(conflict.values.len(), 2);

    // The laptop deletes the espresso machine: the shop loses it and its workaround too.
    let espresso = "SELECT count(*) FROM workarounds w JOIN services s ON s.id = w.service_id
                    WHERE s.name = 'Machine à espresso'";
    assert_eq!(count(&shop.store, espresso), 1);
    laptop
        .store
        .conn
        .execute("DELETE FROM services WHERE name = 'Machine à espresso'", [])
        .unwrap();
    laptop.send(at(20, 11, 0));
    shop.receive(&laptop.sent, at(20, 11, 1));
    assert_eq!(count(&shop.store, espresso), 0);
    assert_eq!(
        count(
            &shop.store,
            "SELECT count(*) FROM services WHERE name = 'Machine à espresso'"
        ),
        0
    );
    shop.send(at(20, 11, 2));
    laptop.receive(&shop.sent, at(20, 11, 3));
    assert_eq!(shared(&shop.store), shared(&laptop.store));
}

/// What one step of the property test does.
#[derive(Debug, Clone)]
enum Step {
    Add {
        on: usize,
    },
    Number {
        on: usize,
        contact: usize,
        digit: u8,
    },
    Notes {
        on: usize,
        contact: usize,
        text: u8,
    },
    Delete {
        on: usize,
        contact: usize,
    },
    /// `to` receives the `file`-th file `from` wrote (if any): in any order, again or late.
    Deliver {
        from: usize,
        to: usize,
        file: usize,
    },
}

fn step(computers: usize) -> impl Strategy<Value = Step> {
    let on = 0..computers;
    prop_oneof![
        on.clone().prop_map(|on| Step::Add { on }),
        (on.clone(), 0..6usize, 1..10u8).prop_map(|(on, contact, digit)| Step::Number {
            on,
            contact,
            digit
        }),
        (on.clone(), 0..6usize, 0..4u8).prop_map(|(on, contact, text)| Step::Notes {
            on,
            contact,
            text
        }),
        (on.clone(), 0..6usize).prop_map(|(on, contact)| Step::Delete { on, contact }),
        (on.clone(), on, 0..12usize).prop_map(|(from, to, file)| Step::Deliver { from, to, file }),
    ]
}

fn run(computers: usize, steps: &[Step]) {
    let mut all: Vec<Computer> = (0..computers).map(|_| Computer::new()).collect();
    let mut now = at(20, 9, 0);
    for (n, step) in steps.iter().enumerate() {
        now += Duration::seconds(1);
        let gids = |c: &Computer| -> Vec<String> { c.contents().into_keys().collect() };
        match *step {
            Step::Add { on } => {
                all[on].add(&format!("Provider {n}"), "01 23 45 67 89", now);
            }
            Step::Number { on, contact, digit } => {
                if let Some(gid) = gids(&all[on]).get(contact) {
                    let number = format!("0{digit} 00 00 00 00");
                    all[on].edit(gid, now, |d| d.phones[0].number = number);
                }
            }
            Step::Notes { on, contact, text } => {
                if let Some(gid) = gids(&all[on]).get(contact) {
                    all[on].edit(gid, now, |d| d.notes = format!("note {text}"));
                }
            }
            Step::Delete { on, contact } => {
                if let Some(gid) = gids(&all[on]).get(contact) {
                    let id = all[on].id_of(gid).unwrap();
                    all[on].store.delete_contact(id).unwrap();
                }
            }
            Step::Deliver { from, to, file } => {
                all[from].send(now);
                if let Some(file) = all[from].sent.get(file).cloned() {
                    if from != to {
                        all[to].receive(&[file], now);
                    }
                }
            }
        }
    }
    // Every file reaches every computer at last, in the order each wrote them.
    now += Duration::seconds(1);
    for computer in all.iter_mut() {
        computer.send(now);
    }
    let files: Vec<Vec<u8>> = all.iter().flat_map(|c| c.sent.clone()).collect();
    let conflicts: Vec<Vec<Conflict>> = all
        .iter_mut()
        .map(|c| c.receive(&files, now).conflicts)
        .collect();
    let first = shared(&all[0].store);
    for (i, computer) in all.iter().enumerate() {
        assert_eq!(
            shared(&computer.store),
            first,
            "computer {i} differs from 0"
        );
        assert_eq!(
            conflicts[i], conflicts[0],
            "computer {i} sees other conflicts"
        );
        // Nothing left to send: the merged plan is a fixed point.
        assert_eq!(
            computer
                .plan
                .clone_for_test()
                .record(&computer.store, now)
                .unwrap(),
            0
        );
    }
    // A conflict is on a field edited on two computers.
    for conflict in &conflicts[0] {
        assert_eq!(conflict.field, "phones");
        assert!(conflict.values.len() > 1);
    }
}

impl SharedPlan {
    fn clone_for_test(&self) -> Self {
        Self {
            doc: self.doc.clone(),
            written: self.written.clone(),
            refused: self.refused.clone(),
            mark: self.mark.clone(),
            merged_files: self.merged_files.clone(),
            kept: self.kept.clone(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn two_computers_converge_whatever_reaches_them_when(steps in prop::collection::vec(step(2), 1..40)) {
        run(2, &steps);
    }

    #[test]
    fn three_computers_converge_whatever_reaches_them_when(steps in prop::collection::vec(step(3), 1..40)) {
        run(3, &steps);
    }
}

#[test]
fn a_computer_folder_written_from_another_machine_is_told_apart() {
    let shared = tempfile::tempdir().unwrap();
    let shop = SyncFolder::new(shared.path(), "c0ffee");
    // Written before machines were told apart: nothing to go by.
    shop.write_about("Shop PC").unwrap();
    assert!(!shop.written_from_elsewhere("aaaa"));
    shop.write_about_from("Shop PC", Some("aaaa")).unwrap();
    assert!(!shop.written_from_elsewhere("aaaa"));
    // The same id on a machine the data folder was copied to.
    let copy = SyncFolder::new(shared.path(), "c0ffee");
    assert!(copy.written_from_elsewhere("bbbb"));
    assert_eq!(copy.computers().unwrap().len(), 0, "not another computer");
}

/// Every shared table, and every table of the parts its rows own, names its changed rows for
/// the next sync: a table shared without its triggers would sync only on a full read.
#[test]
fn every_shared_table_and_its_parts_name_their_changed_rows() {
    let store = Store::open_in_memory().unwrap();
    let triggers: BTreeSet<String> = store
        .conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tables = SYNCED
        .iter()
        .flat_map(|s| std::iter::once(s.table).chain(s.children.iter().map(|c| c.table)));
    for table in tables {
        for event in ["insert", "update", "delete"] {
            let name = format!("{table}_shared_{event}");
            assert!(triggers.contains(&name), "{name} is missing");
        }
    }
}
