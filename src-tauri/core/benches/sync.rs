//! What sharing the plan between computers costs (issue 29): another computer's 10,000
//! changes merged and written to this computer's file, and the size of the history a
//! computer keeps in the shared folder. Only the contacts are shared so far, so the sizes are
//! the contacts' own. Run by `make bench`; it prints figures rather than judging them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use steady_core::fixture::{fill, Scale};
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
    let mut plan = SharedPlan::new();
    plan.record(&shop, now).unwrap();
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

    let mut large = Store::open_in_memory().unwrap();
    fill(&mut large, Scale::LARGE, now).unwrap();
    let mut plan = SharedPlan::new();
    let start = Instant::now();
    plan.record(&large, now).unwrap();
    let first = start.elapsed();
    let start = Instant::now();
    plan.record(&large, now).unwrap();
    let again = start.elapsed();
    println!(
        "| the large plan's {} contacts: snapshot | {:.1} KiB |",
        Scale::LARGE.contacts,
        plan.snapshot().len() as f64 / 1024.0
    );
    println!(
        "| the large plan: first record / a record with nothing changed | {:.0} ms / {:.0} ms |",
        first.as_secs_f64() * 1e3,
        again.as_secs_f64() * 1e3
    );
}
