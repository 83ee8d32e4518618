//! What sharing the plan between computers costs (issue 29): another computer's 10,000
//! changes merged and written to this computer's file, and, for the large plan (years of
//! outages), the first sync, a sync after one edit, and the size of the shared folder and of
//! the history each computer keeps. Run by `make bench`; it prints figures rather than
//! judging them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use steady_core::fixture::{fill, Scale};
use steady_core::sync::cycle::STATE_FILE;
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
    // Shared once through a folder, as in the app: from then on a record reads the rows its
    // outbox names, not every row.
    let shop_dir = tempfile::tempdir().unwrap();
    let shop_shared = tempfile::tempdir().unwrap();
    let mut plan = SharedPlan::open(shop_dir.path()).unwrap();
    plan.cycle(
        &mut shop,
        shop_dir.path(),
        &SyncFolder::new(shop_shared.path(), "shop"),
        now,
    )
    .unwrap();
    let joined = plan.snapshot();

    let start = Instant::now();
    for n in 0..CHANGES {
        let id = ids[n % ids.len()];
        let mut details = shop.contact(id).unwrap().details;
        details.notes = format!("Edit {n}");
        let at = now + Duration::seconds(n as i64 + 1);
        shop.update_contact(id, &details, at).unwrap();
        plan.record(&shop, at).unwrap();
    }
    let recording = start.elapsed();
    let (changes, _) = plan.outgoing().unwrap();

    let mut laptop = Store::open_in_memory().unwrap();
    let mut other = SharedPlan::new();
    other.receive(&joined).unwrap();
    other.apply(&mut laptop).unwrap();
    let start = Instant::now();
    other.receive(&changes).unwrap();
    let applied = other.apply(&mut laptop).unwrap();
    let merging = start.elapsed();
    assert_eq!(applied.changed, ids.len());

    println!("| measure | figure |");
    println!("|---|---:|");
    println!(
        "| recording {CHANGES} edits of a {}-contact plan, one change each | {:.0} ms ({:.2} ms each) |",
        ids.len(),
        recording.as_secs_f64() * 1e3,
        recording.as_secs_f64() * 1e3 / CHANGES as f64
    );
    println!(
        "| merging them from another computer and writing them to its file | {:.0} ms |",
        merging.as_secs_f64() * 1e3
    );
    println!(
        "| the change file holding them | {:.1} KiB |",
        changes.len() as f64 / 1024.0
    );
    println!(
        "| a snapshot after them (what compaction leaves) | {:.1} KiB |",
        plan.snapshot().len() as f64 / 1024.0
    );

    let data = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    let mut large = Store::open_in_dir(data.path()).unwrap();
    fill(&mut large, Scale::LARGE, now).unwrap();
    let folder = SyncFolder::new(shared.path(), "shop");
    let mut plan = SharedPlan::open(data.path()).unwrap();
    let start = Instant::now();
    plan.cycle(&mut large, data.path(), &folder, now).unwrap();
    let first = start.elapsed();
    let contact = large.list_contacts(&Default::default()).unwrap()[0].id;
    let mut details = large.contact(contact).unwrap().details;
    details.notes = "Meter 42".into();
    large
        .update_contact(contact, &details, now + Duration::minutes(1))
        .unwrap();
    let start = Instant::now();
    let report = plan
        .cycle(&mut large, data.path(), &folder, now + Duration::minutes(1))
        .unwrap();
    let again = start.elapsed();
    assert!(report.recorded > 0);
    let size = |dir: &std::path::Path| -> u64 {
        walk(dir).iter().map(|f| f.metadata().unwrap().len()).sum()
    };
    println!(
        "| the large plan ({} contacts, {} outages, {} timeline entries): first sync / a sync after one edit | {:.0} ms / {:.0} ms |",
        Scale::LARGE.contacts,
        Scale::LARGE.incidents,
        Scale::LARGE.events,
        first.as_secs_f64() * 1e3,
        again.as_secs_f64() * 1e3
    );
    println!(
        "| the large plan: the shared folder / the history kept in the data folder | {:.1} MiB / {:.1} MiB |",
        size(shared.path()) as f64 / 1048576.0,
        std::fs::metadata(data.path().join(STATE_FILE)).unwrap().len() as f64 / 1048576.0
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
