//! What sharing the plan between computers costs (issue 29): 10,000 edits each synced as the
//! app syncs them, another computer merging them all at once when it comes back, and, for
//! the large plan (years of
//! outages), the first sync, a sync after one edit, and the size of the shared folder and of
//! the history each computer keeps. Run by `make bench`; it prints figures rather than
//! judging them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use steady_core::fixture::{fill, Scale};
use steady_core::sync::cycle::{HISTORY_FILE, STATE_FILE};
use steady_core::sync::folder::SyncFolder;
use steady_core::sync::SharedPlan;
use steady_core::Store;

const CHANGES: usize = 10_000;

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap();
    let mut shop = Store::open_in_memory().unwrap();
    fill(&mut shop, Scale::REALISTIC, now).unwrap();
    let ids: Vec<i64> = shop
        .list_contacts(&Default::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    // Shared through a folder, as in the app: a cycle after each edit (its change file
    // written, the history kept, the outbox emptied), the computer's files compacted into a
    // snapshot every 50.
    let shop_dir = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    let shop_folder = SyncFolder::new(shared.path(), "shop");
    let mut plan = SharedPlan::open(shop_dir.path()).unwrap();
    plan.cycle(&mut shop, shop_dir.path(), &shop_folder, now)
        .unwrap();
    // The laptop joins now, then is away while the shop makes its edits.
    let laptop_dir = tempfile::tempdir().unwrap();
    let laptop_folder = SyncFolder::new(shared.path(), "laptop");
    let mut laptop = Store::open_in_dir(laptop_dir.path()).unwrap();
    let mut other = SharedPlan::open(laptop_dir.path()).unwrap();
    other
        .cycle(&mut laptop, laptop_dir.path(), &laptop_folder, now)
        .unwrap();

    let start = Instant::now();
    for n in 0..CHANGES {
        let id = ids[n % ids.len()];
        let mut details = shop.contact(id).unwrap().details;
        details.notes = format!("Edit {n}");
        let at = now + Duration::seconds(n as i64 + 1);
        shop.update_contact(id, &details, at).unwrap();
        plan.cycle(&mut shop, shop_dir.path(), &shop_folder, at)
            .unwrap();
    }
    let recording = start.elapsed();
    let shop_files = walk(
        &shared
            .path()
            .join(steady_core::sync::folder::SYNC_DIR)
            .join("shop"),
    );
    let in_folder: u64 = shop_files.iter().map(|f| f.metadata().unwrap().len()).sum();

    let start = Instant::now();
    let report = other
        .cycle(
            &mut laptop,
            laptop_dir.path(),
            &laptop_folder,
            now + Duration::seconds(CHANGES as i64 + 1),
        )
        .unwrap();
    let merging = start.elapsed();
    assert_eq!(report.applied.changed, ids.len());

    println!("| measure | figure |");
    println!("|---|---:|");
    println!(
        "| {CHANGES} edits of a {}-contact plan, each followed by a sync cycle (change file, history kept) | {:.0} ms ({:.2} ms each) |",
        ids.len(),
        recording.as_secs_f64() * 1e3,
        recording.as_secs_f64() * 1e3 / CHANGES as f64
    );
    println!(
        "| the other computer, back after them: one cycle merging them and writing them to its file | {:.0} ms |",
        merging.as_secs_f64() * 1e3
    );
    println!(
        "| the editing computer's files in the folder after them (compacted every 50) | {} files, {:.1} KiB |",
        shop_files.len(),
        in_folder as f64 / 1024.0
    );

    // The large plan holds an outage every six hours for close to seven years: a year of it
    // is what the "a year's history" means.
    let year = Scale {
        incidents: 4 * 365,
        events: Scale::LARGE.events * 4 * 365 / Scale::LARGE.incidents,
        notices: Scale::LARGE.notices * 4 * 365 / Scale::LARGE.incidents,
        ..Scale::LARGE
    };
    for (name, scale) in [
        ("a tenth of the large plan", Scale::TENTH),
        ("a year of the large plan", year),
        ("the large plan", Scale::LARGE),
    ] {
        years_of_history(name, scale, now);
    }
}

/// A plan with years of outages shared for the first time, then after one edit: how long
/// each sync takes, the shared folder's size and the history kept in the data folder.
fn years_of_history(name: &str, scale: Scale, now: chrono::DateTime<Utc>) {
    let data = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(data.path()).unwrap();
    fill(&mut store, scale, now).unwrap();
    let folder = SyncFolder::new(shared.path(), "shop");
    let mut plan = SharedPlan::open(data.path()).unwrap();
    let start = Instant::now();
    plan.cycle(&mut store, data.path(), &folder, now).unwrap();
    let first = start.elapsed();
    let contact = store.list_contacts(&Default::default()).unwrap()[0].id;
    let mut details = store.contact(contact).unwrap().details;
    details.notes = "Meter 42".into();
    store
        .update_contact(contact, &details, now + Duration::minutes(1))
        .unwrap();
    let start = Instant::now();
    let report = plan
        .cycle(&mut store, data.path(), &folder, now + Duration::minutes(1))
        .unwrap();
    let again = start.elapsed();
    assert!(report.recorded > 0);
    let size = |dir: &std::path::Path| -> u64 {
        walk(dir).iter().map(|f| f.metadata().unwrap().len()).sum()
    };
    println!(
        "| {name} ({} contacts, {} outages, {} timeline entries): first sync / a sync after one edit | {:.0} ms / {:.0} ms |",
        scale.contacts,
        scale.incidents,
        scale.events,
        first.as_secs_f64() * 1e3,
        again.as_secs_f64() * 1e3
    );
    println!(
        "| {name}: the shared folder / the history kept in the data folder | {:.1} MiB / {:.1} MiB |",
        size(shared.path()) as f64 / 1048576.0,
        [STATE_FILE, HISTORY_FILE]
            .iter()
            .map(|file| std::fs::metadata(data.path().join(file)).unwrap().len())
            .sum::<u64>() as f64
            / 1048576.0
    );
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
