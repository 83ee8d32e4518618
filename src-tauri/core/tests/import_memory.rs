//! What reading a hostile file costs in memory, as the process's peak resident size: an
//! importer that builds a tree of the whole file, or a list of every line, before a cap
//! applies costs many times the file; one that checks while it reads costs little more than
//! what it keeps. One test, so that no other runs beside it in this process; `make bench`
//! measures 64 MiB files in a release build (`benches/import_memory.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use steady_core::business::Language;
use steady_core::contacts::vcard;
use steady_core::export::PlanFile;

/// A figure of `/proc/self/status`, in bytes.
fn status(key: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    let kib: usize = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}

/// How far the resident size rose above where it was while `read` ran.
fn peak_of(read: impl FnOnce()) -> usize {
    // "5" resets the peak to the present size (Linux 4.0 and later).
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status("VmRSS:");
    read();
    status("VmHWM:").saturating_sub(before)
}

const SIZE: usize = 8 * 1024 * 1024;

fn envelope(rest: &str) -> String {
    format!("{{\"format\": \"steady-plan\", \"format_version\": 1, \"schema_version\": 1, {rest}")
}

/// `head`, then `unit` repeated to about `SIZE` bytes, then `tail`.
fn padded(head: &str, unit: &str, tail: &str) -> Vec<u8> {
    let mut text = String::with_capacity(SIZE + head.len() + tail.len());
    text.push_str(head);
    while text.len() < SIZE {
        text.push_str(unit);
    }
    text.push_str(tail);
    text.into_bytes()
}

#[test]
fn a_hostile_file_costs_less_than_its_size_to_read() {
    plan_files();
    vcards();
}

fn plan_files() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "numbers under a key Steady does not know",
            padded(&envelope("\"padding\": [0"), ",0", "], \"tables\": {}}"),
        ),
        (
            "empty objects as rows of a table that needs values",
            padded(
                &envelope("\"tables\": {\"contact_phones\": [{}"),
                ",{}",
                "]}}",
            ),
        ),
        (
            "a row of one column given again and again",
            padded(
                &envelope("\"tables\": {\"contact_phones\": [{\"label\": \"\""),
                ", \"label\": \"\"",
                "}]}}",
            ),
        ),
        (
            "objects nested in the envelope",
            padded(
                &envelope("\"padding\": [{}"),
                ",{\"a\":[]}",
                "], \"tables\": {}}",
            ),
        ),
    ];
    // What any read pays once, whatever the file (the data files Steady reads once and keeps:
    // words, rules, scenarios), is paid before measuring: the cost measured is the file's.
    let empty = envelope("\"tables\": {}}");
    std::hint::black_box(PlanFile::read(empty.as_bytes(), chrono::Utc::now()).ok());
    for (what, bytes) in cases {
        let peak = peak_of(|| {
            std::hint::black_box(PlanFile::read(&bytes, chrono::Utc::now()).ok());
        });
        assert!(
            peak < bytes.len(),
            "{what}: {peak} bytes more resident for a file of {}",
            bytes.len()
        );
    }
}

fn vcards() {
    let card = |line: &str| format!("BEGIN:VCARD\r\nFN:Ana\r\n{line}");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "a line of parameters",
            padded(&card("TEL"), ";", ":01 23 45 67 89\r\nEND:VCARD\r\n"),
        ),
        (
            "one line folded without end",
            padded(&card("NOTE:x\r\n"), " x\r\n", "END:VCARD\r\n"),
        ),
        (
            "a card of nothing but lines",
            padded(&card(""), "X-A:b\r\n", "END:VCARD\r\n"),
        ),
        ("nothing but line breaks", padded("", "\n", "")),
    ];
    for (what, bytes) in cases {
        let peak = peak_of(|| {
            let read = vcard::parse(&bytes, Language::En);
            assert!(read.is_err(), "{what}: refused");
        });
        assert!(
            peak < bytes.len(),
            "{what}: {peak} bytes more resident for a file of {}",
            bytes.len()
        );
    }
}
