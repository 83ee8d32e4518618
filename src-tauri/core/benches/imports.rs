//! What importing costs at its limits: matching a vCard of 5,000 cards of 200 numbers each
//! against as many contacts (the preview runs under the store lock, so every screen waits
//! for it), and the peak memory of reading hostile files as large as Steady accepts, each
//! read in a process of its own. Run by `make bench`; it prints figures rather than judging
//! them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::process::Command;
use std::time::{Duration, Instant};

use steady_core::business::Language;
use steady_core::contacts::vcard::{self, Card};
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::export::PlanFile;
use steady_core::Store;

const CARDS: usize = 5_000;
const NUMBERS: usize = 200;
const RUNS: usize = 5;

/// The median of `RUNS` runs of `f`, after one to warm up.
fn median<T>(mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[RUNS / 2]
}

/// Card `c`'s number `n`, distinct from every other (its last nine digits too).
fn number(prefix: u32, c: usize, n: usize) -> String {
    format!("+33 {prefix} {c:04} {n:03}")
}

/// `CARDS` cards of `NUMBERS` numbers, read as a file would be (in files of 1,000 cards:
/// one file of them all is larger than Steady reads).
fn cards(prefix: u32, name: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    for chunk in 0..CARDS / 1_000 {
        let mut text = String::new();
        for c in chunk * 1_000..(chunk + 1) * 1_000 {
            text.push_str(&format!("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{name} {c}\r\n"));
            for n in 0..NUMBERS {
                text.push_str(&format!("TEL:{}\r\n", number(prefix, c, n)));
            }
            text.push_str("END:VCARD\r\n");
        }
        cards.extend(vcard::parse(text.as_bytes(), Language::En).unwrap());
    }
    cards
}

fn matcher() {
    let mut store = Store::open_in_memory().unwrap();
    let now = chrono::Utc::now();
    for c in 0..CARDS {
        let mut details = ContactDetails::new(ContactKind::Supplier);
        details.organisation = format!("Known {c}");
        details.phones = (0..NUMBERS)
            .map(|n| Phone {
                label: String::new(),
                number: number(1, c, n),
            })
            .collect();
        store.create_contact(&details, now).unwrap();
    }
    let known = cards(1, "Known");
    let new = cards(2, "New");
    let list = median(|| store.list_contacts(&Default::default()).unwrap());
    let same = median(|| store.preview_vcard(&known).unwrap());
    let other = median(|| store.preview_vcard(&new).unwrap());
    println!("Median of {RUNS} runs, against {CARDS} contacts of {NUMBERS} numbers each.");
    println!();
    println!("| Preview of {CARDS} cards × {NUMBERS} numbers | Time |");
    println!("|---|---|");
    println!("| reading the contacts alone (part of each preview) | {list:.2?} |");
    println!(
        "| every card matches a contact (name and numbers) | {same:.2?} (matching: {:.2?}) |",
        same.saturating_sub(list)
    );
    println!(
        "| no card matches (every number looked up) | {other:.2?} (matching: {:.2?}) |",
        other.saturating_sub(list)
    );
}

/// The largest plan file Steady reads.
const PLAN_BYTES: usize = steady_core::export::MAX_FILE_BYTES;
/// The largest vCard file Steady reads.
const VCARD_BYTES: usize = vcard::MAX_FILE_BYTES;

fn envelope(rest: &str) -> String {
    format!("{{\"format\": \"steady-plan\", \"format_version\": 1, \"schema_version\": 1, {rest}")
}

/// `head`, then units made by `unit(i)` up to `size` bytes, then `tail`.
fn padded(size: usize, head: &str, unit: impl Fn(usize) -> String, tail: &str) -> Vec<u8> {
    let mut text = String::with_capacity(size + tail.len() + 1_024);
    text.push_str(head);
    for i in 0.. {
        let unit = unit(i);
        // Never past `size`: a file larger than Steady reads is refused unread.
        if text.len() + unit.len() + tail.len() > size {
            break;
        }
        text.push_str(&unit);
    }
    text.push_str(tail);
    text.into_bytes()
}

/// The hostile files, each as large as Steady reads: what it is, and whether it is a plan.
fn hostile(case: usize) -> Option<(&'static str, bool, Vec<u8>)> {
    let p = PLAN_BYTES;
    let v = VCARD_BYTES;
    let card = |c: usize| format!("BEGIN:VCARD\r\nFN:Ana {c}\r\n");
    Some(match case {
        0 => (
            "plan: numbers under a key Steady does not know",
            true,
            padded(
                p,
                &envelope("\"padding\": [0"),
                |_| ",0".into(),
                "], \"tables\": {}}",
            ),
        ),
        1 => (
            "plan: empty objects nested in the envelope",
            true,
            padded(
                p,
                &envelope("\"padding\": [{}"),
                |_| ",{}".into(),
                "], \"tables\": {}}",
            ),
        ),
        2 => (
            "plan: one text value as large as the file",
            true,
            padded(
                p,
                &envelope("\"tables\": {\"contacts\": [{\"notes\": \""),
                |_| "x".into(),
                "\"}]}}",
            ),
        ),
        3 => (
            "plan: 200,000 rows of long numbers (kept until the references are checked)",
            true,
            padded(
                p,
                &envelope("\"tables\": {\"contact_phones\": ["),
                |i| {
                    let comma = if i == 0 { "" } else { "," };
                    format!(
                        "{comma}{{\"contact_id\": 1, \"position\": {i}, \"label\": \"\", \"number\": \"{}\"}}",
                        "1".repeat(250)
                    )
                },
                "]}}",
            ),
        ),
        4 => (
            "vCard: a line of parameters",
            false,
            padded(
                v,
                &format!("{}TEL", card(0)),
                |_| ";".into(),
                ":01\r\nEND:VCARD\r\n",
            ),
        ),
        5 => (
            "vCard: 5,000 cards of the shortest numbers Steady keeps",
            false,
            padded(
                v,
                "",
                |i| {
                    let (c, n) = (i / 201, i % 201);
                    match (c < CARDS, n) {
                        (false, _) => "\r\n".into(),
                        (true, 0) => card(c),
                        (true, 200) => "END:VCARD\r\n".into(),
                        (true, _) => "TEL:12\r\n".into(),
                    }
                },
                "",
            ),
        ),
        6 => (
            "vCard: nothing but line breaks",
            false,
            padded(v, "", |_| "\n".into(), ""),
        ),
        _ => return None,
    })
}

/// A figure of `/proc/self/status`, in MiB.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    let kib: f64 = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib / 1024.0
}

/// In the child: reads hostile file `case` and prints its size and the peak resident size
/// before and after reading it.
fn read_hostile(case: usize) {
    let (_, plan, bytes) = hostile(case).unwrap();
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status_mib("VmHWM:");
    if plan {
        std::hint::black_box(PlanFile::read(&bytes, chrono::Utc::now()).ok());
    } else {
        std::hint::black_box(vcard::parse(&bytes, Language::En).ok());
    }
    println!("{} {before} {}", bytes.len(), status_mib("VmHWM:"));
}

fn memory() {
    println!("Each file read in a process of its own; the file itself is in memory before.");
    println!();
    println!("| Hostile file | Size | Peak resident while reading it, beyond the file | × size |");
    println!("|---|---|---|---|");
    let exe = std::env::current_exe().unwrap();
    for case in 0.. {
        let Some((what, _, _)) = hostile(case) else {
            break;
        };
        let out = Command::new(&exe)
            .env("STEADY_BENCH_HOSTILE", case.to_string())
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&out.stdout);
        let figures: Vec<f64> = out
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        let [size, before, after] = figures[..] else {
            println!("| {what} | ? | failed: {out} | |");
            continue;
        };
        let size = size / 1024.0 / 1024.0;
        let grew = after - before;
        println!(
            "| {what} | {size:.0} MiB | {grew:.0} MiB | {:.1} |",
            grew / size
        );
    }
}

fn main() {
    if let Some(case) = std::env::var("STEADY_BENCH_HOSTILE")
        .ok()
        .and_then(|c| c.parse().ok())
    {
        read_hostile(case);
        return;
    }
    println!("### Matching a vCard against the contacts");
    println!();
    matcher();
    println!();
    println!("### Memory of hostile imports");
    println!();
    memory();
}
