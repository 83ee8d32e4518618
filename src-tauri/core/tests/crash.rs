//! The crash test: a child process writes through the core's own store functions — contacts,
//! timeline notes and notices sent — and says "ack" after each call returns, while it also
//! takes backups; it is killed with SIGKILL at a random moment (mid-transaction, mid-backup,
//! mid-start-up). The file is then checked and every acknowledged record looked for.
//!
//! With a shared folder (`STEADY_CRASH_SYNC`) the writer also runs a sync cycle after each
//! write, receiving what another computer adds meanwhile: killed mid-cycle (a change file or
//! its kept history half-written, a merged batch half-applied), it must reopen, converge with
//! the other computer, and lose nothing either acknowledged.
//!
//! `cargo test -p steady-core --test crash` runs 20 cycles (10 with sync); `make crashtest`
//! runs 500 (`CRASH_CYCLES`). `CRASH_SEED` replays a run. The child is this same test binary, started
//! with `STEADY_CRASH_WRITER` set, so the writer is exactly the library under test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use steady_core::backups::{check_backup_file, BackupReason};
use steady_core::contacts::{ContactDetails, ContactKind};
use steady_core::datafolder::DataFolder;
use steady_core::incidents::{IncidentStart, NoticeInput};
use steady_core::notices::{Channel, Stage};
use steady_core::sync::folder::SyncFolder;
use steady_core::sync::SharedPlan;

const WRITER: &str = "STEADY_CRASH_WRITER";
const PLANT: &str = "STEADY_CRASH_PLANT";
const FIRST_SEQ: &str = "STEADY_CRASH_FIRST";
const SYNC: &str = "STEADY_CRASH_SYNC";

/// A small deterministic generator, so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The child: writes until killed. With `STEADY_CRASH_PLANT` it says "ack" *before* each
/// write — the bug the harness must catch.
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(WRITER) else {
        return;
    };
    let planted = std::env::var_os(PLANT).is_some();
    let mut seq: u64 = std::env::var(FIRST_SEQ).unwrap().parse().unwrap();
    let folder = DataFolder::new(dir);
    let _lock = folder.lock().unwrap();
    let mut store = folder.open(Utc::now()).unwrap();
    let mut shared = std::env::var_os(SYNC).map(|shared| {
        (
            SharedPlan::open(folder.dir()).unwrap(),
            SyncFolder::new(Path::new(&shared), "writer"),
        )
    });
    let incident = match store.open_incident_id().unwrap() {
        Some(id) => id,
        None => {
            store
                .start_incident(
                    &IncidentStart {
                        service_ids: Vec::new(),
                        something_else: "Crash test".into(),
                        started_at: None,
                    },
                    Utc::now(),
                )
                .unwrap()
                .id
        }
    };
    let mut out = std::io::stdout().lock();
    loop {
        let kind = ["contact", "note", "notice"][(seq % 3) as usize];
        let marker = format!("crash-{seq}");
        let ack = |out: &mut std::io::StdoutLock<'_>| {
            writeln!(out, "ack {kind} {marker}").unwrap();
            out.flush().unwrap();
        };
        if planted {
            ack(&mut out);
        }
        let now = Utc::now();
        match kind {
            "contact" => {
                let mut details = ContactDetails::new(ContactKind::Other);
                details.organisation = marker.clone();
                store.create_contact(&details, now).map(drop)
            }
            "note" => store.add_incident_note(incident, &marker, now).map(drop),
            _ => store
                .record_notice(
                    incident,
                    &NoticeInput {
                        stage: Stage::Update,
                        channel: Channel::Sms,
                        text: marker.clone(),
                    },
                    now,
                )
                .map(drop),
        }
        .unwrap();
        if !planted {
            ack(&mut out);
        }
        if let Some((plan, sync)) = shared.as_mut() {
            plan.cycle(&mut store, folder.dir(), sync, Utc::now())
                .unwrap();
        }
        if seq.is_multiple_of(20) {
            store
                .back_up(&folder, BackupReason::Manual, now.fixed_offset())
                .unwrap();
        }
        seq += 1;
    }
}

/// What one kill cost: the acknowledged records missing after reopening.
fn cycle(
    dir: &Path,
    rng: &mut Rng,
    first_seq: u64,
    planted: bool,
    shared: Option<&Path>,
) -> (Vec<String>, u64, Vec<String>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
        .env(WRITER, dir)
        .envs(shared.map(|s| (SYNC, s)))
        .env(FIRST_SEQ, first_seq.to_string())
        .envs(planted.then_some((PLANT, "1")))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill after a random number of acknowledgements, then a random few hundred
    // microseconds more, so the kill lands anywhere in a write or a backup.
    let kill_after = if planted { 1 } else { rng.below(60) };
    let extra = Duration::from_micros(if planted { 0 } else { rng.below(3000) });
    let mut acked = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while (acked.len() as u64) < kill_after {
        let Some(Ok(line)) = lines.next() else {
            panic!("the writer stopped on its own after {} writes", acked.len());
        };
        if let Some(record) = line.strip_prefix("ack ") {
            acked.push(record.to_owned());
        }
        assert!(Instant::now() < deadline, "the writer is too slow");
    }
    std::thread::sleep(extra);
    child.kill().unwrap();
    child.wait().unwrap();
    // Whatever it acknowledged before dying counts too.
    for line in lines.map_while(Result::ok) {
        if let Some(record) = line.strip_prefix("ack ") {
            acked.push(record.to_owned());
        }
    }

    let folder = DataFolder::new(dir);
    folder.check().expect("the file is usable after a kill");
    let mut store = folder.open(Utc::now()).unwrap();
    // Started again, the writer's sync goes on from its kept history.
    let mut contacts_seen = Vec::new();
    if let Some(shared) = shared {
        let mut plan = SharedPlan::open(dir).expect("the kept history is whole after a kill");
        let report = plan
            .cycle(
                &mut store,
                dir,
                &SyncFolder::new(shared, "writer"),
                Utc::now(),
            )
            .unwrap();
        assert!(
            report.refused_files.is_empty(),
            "{:?}",
            report.refused_files
        );
        contacts_seen = store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .map(|c| c.details.organisation)
            .collect();
    }
    let contacts: Vec<String> = store
        .list_contacts(&Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.details.organisation)
        .collect();
    let incident = store.open_incident_id().unwrap();
    let (notes, notices) = match incident {
        Some(id) => {
            let incident = store.incident(id, Utc::now()).unwrap();
            (
                incident.timeline.into_iter().map(|e| e.text).collect(),
                incident.notices.into_iter().map(|n| n.text).collect(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let lost = acked
        .iter()
        .filter(|record| {
            let (kind, marker) = record.split_once(' ').unwrap();
            let found: &Vec<String> = match kind {
                "contact" => &contacts,
                "note" => &notes,
                _ => &notices,
            };
            !found.iter().any(|f| f == marker)
        })
        .cloned()
        .collect();
    // A backup is a backup only if it is whole: a kill mid-backup leaves none by that name.
    for backup in folder.list_backups() {
        let path = folder
            .backup_path(backup.place, backup.machine.as_deref(), &backup.file_name)
            .unwrap();
        check_backup_file(&path).unwrap_or_else(|err| panic!("{}: {err}", backup.file_name));
    }
    (lost, acked.len() as u64, contacts_seen)
}

fn seed() -> u64 {
    std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Utc::now().timestamp_nanos_opt().unwrap_or(1) as u64 | 1)
}

#[test]
fn acknowledged_writes_survive_being_killed_at_any_moment() {
    if std::env::var_os(WRITER).is_some() {
        return;
    }
    let cycles: u64 = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(20);
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut seq = 0;
    let mut acknowledged = 0;
    let mut lost = Vec::new();
    for _ in 0..cycles {
        let (missing, acked, _) = cycle(dir.path(), &mut rng, seq, false, None);
        lost.extend(missing);
        acknowledged += acked;
        seq += 10_000;
    }
    eprintln!(
        "crash test: {cycles} cycles, {acknowledged} acknowledged writes, {} lost (seed {seed})",
        lost.len()
    );
    assert!(acknowledged > 0);
    assert_eq!(lost, Vec::<String>::new(), "replay with CRASH_SEED={seed}");
}

#[test]
fn the_harness_catches_a_write_acknowledged_before_its_commit() {
    if std::env::var_os(WRITER).is_some() {
        return;
    }
    let mut rng = Rng(seed());
    let dir = tempfile::tempdir().unwrap();
    let caught = (0..30).any(|i| {
        !cycle(dir.path(), &mut rng, i * 10_000, true, None)
            .0
            .is_empty()
    });
    assert!(
        caught,
        "30 kills right after an early acknowledgement found nothing lost"
    );
}

/// The writer shares its plan with another computer through a folder and is killed mid-cycle:
/// each time, it reopens and syncs, the other computer adds a contact and syncs, and in the end
/// both hold every contact either acknowledged.
#[test]
fn synced_writes_survive_being_killed_mid_cycle() {
    if std::env::var_os(WRITER).is_some() {
        return;
    }
    let cycles: u64 = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .map_or(10, |c: u64| c / 2);
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let other_folder = DataFolder::new(other_dir.path());
    let mut other = other_folder.open(Utc::now()).unwrap();
    let mut other_plan = SharedPlan::open(other_dir.path()).unwrap();
    let other_sync = SyncFolder::new(shared.path(), "other");
    let mut added = Vec::new();
    let mut written = Vec::new();
    let mut lost = Vec::new();
    for n in 0..cycles {
        let (missing, _, seen) =
            cycle(dir.path(), &mut rng, n * 10_000, false, Some(shared.path()));
        lost.extend(missing);
        written.extend(seen);
        // What the other computer added before this kill reached the writer by now.
        for marker in &added {
            assert!(
                written.contains(marker),
                "{marker} never reached the writer (seed {seed})"
            );
        }
        let marker = format!("other-{n}");
        let mut details = ContactDetails::new(ContactKind::Other);
        details.organisation = marker.clone();
        other.create_contact(&details, Utc::now()).unwrap();
        added.push(marker);
        other_plan
            .cycle(&mut other, other_dir.path(), &other_sync, Utc::now())
            .unwrap();
    }
    // The writer once more, then the other: they hold the same contacts.
    let (missing, _, _) = cycle(
        dir.path(),
        &mut rng,
        cycles * 10_000,
        false,
        Some(shared.path()),
    );
    lost.extend(missing);
    other_plan
        .cycle(&mut other, other_dir.path(), &other_sync, Utc::now())
        .unwrap();
    let names = |store: &steady_core::Store| -> std::collections::BTreeSet<String> {
        store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .map(|c| c.details.organisation)
            .collect()
    };
    let writer = DataFolder::new(dir.path()).open(Utc::now()).unwrap();
    assert_eq!(names(&writer), names(&other), "seed {seed}");
    assert_eq!(lost, Vec::<String>::new(), "replay with CRASH_SEED={seed}");
}
