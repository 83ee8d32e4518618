//! How Steady's reads grow with years of data: every command a screen calls when it opens, and
//! the work done while the owner types or the reminder schedule runs, at a tenth of a large
//! plan and at the large plan itself (`steady_core::fixture::Scale`), each beside its floor:
//! the read statements it ran (heard through SQLite's trace), run bare on another connection. Run by `make bench`, which writes the table into
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

/// Keeps what a command returned from being optimised away.
fn keep<T>(value: T) {
    std::hint::black_box(value);
}

struct Line {
    what: &'static str,
    p50: Duration,
    p99: Duration,
    floor: Option<Duration>,
    /// How many read statements the floor runs.
    statements: usize,
}

fn measure(scale: Scale) -> (Vec<Line>, String) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    fixture::fill(&mut store, scale, now).unwrap();
    let raw = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    // Every statement a floor runs stays prepared, as the store's own do.
    raw.set_prepared_statement_cache_capacity(1_024);
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
        drill_id: None,
        paper: Paper::A4,
        include_sensitive: true,
        text: None,
        language: None,
    };

    let mut lines = Vec::new();
    // Each command timed, beside the floor: the read statements it ran, run bare.
    let mut line = |what, store: &mut Store, read: &mut dyn FnMut(&mut Store)| {
        let (p50, p99) = time(|| read(store));
        let mut statements = fixture::statements_of(store, |store| read(store));
        statements.retain(|sql| raw.prepare(sql).unwrap().readonly());
        let floor = (!statements.is_empty()).then(|| {
            time(|| {
                for sql in &statements {
                    rows(&raw, sql);
                }
            })
            .0
        });
        lines.push(Line {
            what,
            p50,
            p99,
            floor,
            statements: statements.len(),
        });
    };
    let page = IncidentFilter {
        limit: Some(100),
        ..Default::default()
    };
    line("Home: get_home", &mut store, &mut |s| {
        keep(s.home(now).unwrap())
    });
    line("Plan: get_plan_overview", &mut store, &mut |s| {
        keep(s.plan_overview(now).unwrap());
    });
    line("Plan: list_services", &mut store, &mut |s| {
        keep(s.list_services().unwrap())
    });
    line("Plan, Print: get_print_status", &mut store, &mut |s| {
        keep(s.print_status().unwrap());
    });
    line("Contacts: list_contacts", &mut store, &mut |s| {
        keep(s.list_contacts(&ContactFilter::default()).unwrap());
    });
    let search = ContactFilter {
        query: "provider 77".into(),
        kind: None,
    };
    line("Contacts: search", &mut store, &mut |s| {
        keep(s.list_contacts(&search).unwrap())
    });
    line(
        "Incidents: list_incidents (100 newest)",
        &mut store,
        &mut |s| {
            keep(s.list_incidents(&page, now).unwrap());
        },
    );
    line("Incidents: year_in_outages", &mut store, &mut |s| {
        keep(s.year_in_outages(now, &|_| offset).unwrap());
    });
    line("Incident: get_incident (newest)", &mut store, &mut |s| {
        keep(s.incident(newest, now).unwrap());
    });
    line("Notice: draft_notice", &mut store, &mut |s| {
        keep(
            s.draft_notice(
                newest,
                Stage::Update,
                Channel::Sms,
                Language::En,
                now,
                offset,
            )
            .unwrap(),
        );
    });
    let context = store.disclosure_context(newest).unwrap();
    line(
        "Notice: disclosure context (under the store lock)",
        &mut store,
        &mut |s| {
            keep(s.disclosure_context(newest).unwrap());
        },
    );
    line(
        "Notice: check of 2,000 characters (no lock)",
        &mut store,
        &mut |_| {
            keep(check_notice_text(&context, Channel::Email, Language::En, None, &body).unwrap());
        },
    );
    line("Reminders: the pass after a write", &mut store, &mut |s| {
        keep(s.reminder_pass(now).unwrap());
    });
    line("Print: binder render", &mut store, &mut |s| {
        keep(s.render_printout(&binder, now, &|_| offset).unwrap());
    });

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
        "| What | p50 ms (tenth) | p50 ms | p99 ms | floor ms (statements) | × floor | growth ×10 data |"
    )
    .unwrap();
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|").unwrap();
    for (small, big) in tenth.iter().zip(&large) {
        let floor = big
            .floor
            .map_or("–".into(), |f| format!("{} ({})", ms(f), big.statements));
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
