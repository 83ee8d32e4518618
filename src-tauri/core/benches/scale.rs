//! How Steady's reads grow with years of data: every command a screen calls when it opens, and
//! the work done while the owner types or the reminder schedule runs, at a tenth of a large
//! plan and at the large plan itself (`steady_core::fixture::Scale`), each beside the bare
//! SQLite query it needs (its floor). Run by `make bench`, which writes the table into
//! `bench/results.md`; it prints figures rather than judging them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, Utc};
use rusqlite::Connection;
use steady_core::business::Language;
use steady_core::contacts::ContactFilter;
use steady_core::fixture::{self, Scale};
use steady_core::incidents::IncidentFilter;
use steady_core::notices::incident::check_notice_text;
use steady_core::notices::{Channel, Stage};
use steady_core::print::{Paper, PrintDocument, PrintOptions};
use steady_core::store::DATABASE_FILE;
use steady_core::Store;

const RUNS: usize = 60;

/// p50 and p99 of `RUNS` runs of `f`, after one to warm up.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    std::hint::black_box(f());
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}

fn rows(conn: &Connection, sql: &str) {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        for i in 0..columns {
            std::hint::black_box(row.get_ref(i).unwrap());
        }
    }
}

struct Line {
    what: &'static str,
    p50: Duration,
    p99: Duration,
    floor: Option<Duration>,
}

fn measure(scale: Scale) -> (Vec<Line>, String) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    fixture::fill(&mut store, scale, now).unwrap();
    let raw = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    let newest = store
        .list_incidents(
            &IncidentFilter {
                limit: Some(1),
                ..Default::default()
            },
            now,
        )
        .unwrap()
        .incidents[0]
        .id;
    let body: String = "Bench Café: card payments are down since 10:42. Cash only for now; we will tell you when it is back. "
        .repeat(20)
        .chars()
        .take(2_000)
        .collect();
    let offset = FixedOffset::east_opt(0).unwrap();
    let binder = PrintOptions {
        document: PrintDocument::Binder,
        incident_id: None,
        paper: Paper::A4,
        include_sensitive: true,
    };

    let mut lines = Vec::new();
    let mut line = |what, (p50, p99): (Duration, Duration), floor: Option<&str>| {
        let floor = floor.map(|sql| time(|| rows(&raw, sql)).0);
        lines.push(Line {
            what,
            p50,
            p99,
            floor,
        });
    };
    let page = IncidentFilter {
        limit: Some(100),
        ..Default::default()
    };
    line(
        "Home: get_home",
        time(|| std::hint::black_box(store.home(now).unwrap())),
        // On a calm day it is the plan's health: the contacts are the most of it.
        Some("SELECT * FROM contacts"),
    );
    line(
        "Plan: get_plan_overview",
        time(|| std::hint::black_box(store.plan_overview(now).unwrap())),
        Some("SELECT * FROM contacts"),
    );
    line(
        "Plan: list_services",
        time(|| std::hint::black_box(store.list_services().unwrap())),
        Some("SELECT * FROM services"),
    );
    line(
        "Plan, Print: get_print_status",
        time(|| std::hint::black_box(store.print_status().unwrap())),
        Some("SELECT * FROM printouts"),
    );
    line(
        "Contacts: list_contacts",
        time(|| std::hint::black_box(store.list_contacts(&ContactFilter::default()).unwrap())),
        Some("SELECT * FROM contacts"),
    );
    line(
        "Contacts: search",
        time(|| {
            std::hint::black_box(
                store
                    .list_contacts(&ContactFilter {
                        query: "provider 77".into(),
                        kind: None,
                    })
                    .unwrap(),
            )
        }),
        Some("SELECT * FROM contacts"),
    );
    line(
        "Incidents: list_incidents (100 newest)",
        time(|| std::hint::black_box(store.list_incidents(&page, now).unwrap())),
        Some("SELECT * FROM incidents ORDER BY started_at DESC, id DESC LIMIT 100"),
    );
    line(
        "Incident: get_incident (newest)",
        time(|| std::hint::black_box(store.incident(newest, now).unwrap())),
        Some("SELECT * FROM incident_events WHERE incident_id = (SELECT max(id) FROM incidents) ORDER BY at, id"),
    );
    line(
        "Notice: draft_notice",
        time(|| {
            std::hint::black_box(
                store
                    .draft_notice(
                        newest,
                        Stage::Update,
                        Channel::Sms,
                        Language::En,
                        now,
                        offset,
                    )
                    .unwrap(),
            )
        }),
        None,
    );
    let context = store.disclosure_context(newest).unwrap();
    line(
        "Notice: disclosure context (under the store lock)",
        time(|| std::hint::black_box(store.disclosure_context(newest).unwrap())),
        Some("SELECT * FROM contacts"),
    );
    line(
        "Notice: check of 2,000 characters (no lock)",
        time(|| {
            std::hint::black_box(
                check_notice_text(&context, Channel::Email, Language::En, None, &body).unwrap(),
            )
        }),
        None,
    );
    line(
        "Reminders: the pass after a write",
        time(|| std::hint::black_box(store.reminder_pass(now).unwrap())),
        None,
    );
    line(
        "Print: binder render",
        time(|| std::hint::black_box(store.render_printout(&binder, now, &|_| offset).unwrap())),
        None,
    );

    // The query plans, with the indexes of migration 0008 and then without (as before it).
    let queries = [
        "SELECT count(*) FROM incidents WHERE cause = 'power'",
        "SELECT id FROM incidents WHERE cause = 'power' ORDER BY started_at DESC, id DESC LIMIT 100",
        "SELECT id FROM incident_services WHERE incident_id = 1",
        "SELECT id FROM calls WHERE incident_id = 1",
        "SELECT id FROM notices_sent WHERE incident_id = 1 ORDER BY sent_at",
        "DELETE FROM services WHERE id = -1",
    ];
    let explain = |conn: &Connection, sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        steps.join("; ")
    };
    let after: Vec<String> = queries.iter().map(|q| explain(&raw, q)).collect();
    raw.execute_batch(
        "DROP INDEX incident_services_by_incident; DROP INDEX calls_by_incident;
         DROP INDEX notices_sent_by_incident; DROP INDEX incidents_by_cause;
         DROP INDEX incident_services_by_service; DROP INDEX workarounds_by_service;
         DROP INDEX workaround_services_by_service; DROP INDEX runbooks_by_service;",
    )
    .unwrap();
    let mut plans = String::new();
    for (sql, after) in queries.iter().zip(after) {
        writeln!(
            plans,
            "- `{sql}`\n  - before: {}\n  - after: {after}",
            explain(&raw, sql)
        )
        .unwrap();
    }
    (lines, plans)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (tenth, _) = measure(Scale::TENTH);
    let (large, plans) = measure(Scale::LARGE);
    let mut out = String::new();
    writeln!(
        out,
        "| What | p50 ms (tenth) | p50 ms | p99 ms | floor ms | × floor | growth ×10 data |"
    )
    .unwrap();
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|").unwrap();
    for (small, big) in tenth.iter().zip(&large) {
        let floor = big.floor.map_or("–".into(), ms);
        let over = big.floor.map_or("–".into(), |f| {
            format!("{:.1}", big.p50.as_secs_f64() / f.as_secs_f64().max(1e-6))
        });
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {:.1} |",
            big.what,
            ms(small.p50),
            ms(big.p50),
            ms(big.p99),
            floor,
            over,
            big.p50.as_secs_f64() / small.p50.as_secs_f64().max(1e-6)
        )
        .unwrap();
    }
    writeln!(out, "\nQuery plans at the large size:\n\n{plans}").unwrap();
    print!("{out}");
}
