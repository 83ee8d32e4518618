//! Plans as big as years of use, for the benchmarks (`make bench`) and the end-to-end check
//! at scale: written straight into the tables in one transaction, the same every time.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use crate::business::{BusinessInput, BusinessType, Language};
use crate::contacts::ContactKind;
use crate::error::CoreResult;
use crate::incidents::timeline::encode;
use crate::incidents::Happened;
use crate::plan::services::{CustomersPer, Priority};
use crate::store::Store;
use crate::vocabulary::{Cause, Channel, Stage};

/// How much of everything a generated plan holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub contacts: u32,
    pub services: u32,
    pub incidents: u32,
    /// Timeline entries in all, spread over the incidents.
    pub events: u32,
    /// Notices sent in all, spread over the incidents.
    pub notices: u32,
}

impl Scale {
    /// Years of a busy shop: the size every screen must still open at at once.
    pub const LARGE: Self = Self {
        contacts: 1_000,
        services: 100,
        incidents: 10_000,
        events: 200_000,
        notices: 5_000,
    };

    /// A tenth of [`Scale::LARGE`], to see how reads grow with the data.
    pub const TENTH: Self = Self {
        contacts: 100,
        services: 10,
        incidents: 1_000,
        events: 20_000,
        notices: 500,
    };

    /// A plan a real shop has after some use: what start-up is measured with.
    pub const REALISTIC: Self = Self {
        contacts: 50,
        services: 20,
        incidents: 200,
        events: 2_000,
        notices: 200,
    };
}

/// Fills an empty `store` with a café's plan at `scale`, its incidents one every few hours
/// back from `now`, all resolved.
pub fn fill(store: &mut Store, scale: Scale, now: DateTime<Utc>) -> CoreResult<()> {
    store.save_business(
        &BusinessInput {
            name: "Bench Café".into(),
            business_type: BusinessType::CafeRestaurant,
            language: Language::En,
            country: None,
        },
        now,
    )?;
    let tx = store.conn.transaction()?;
    let kinds = ContactKind::ALL;
    {
        let mut contact = tx.prepare(
            "INSERT INTO contacts (id, kind, organisation, person, account_number, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        let mut phone = tx.prepare(
            "INSERT INTO contact_phones (contact_id, position, label, number) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for i in 1..=scale.contacts {
            let kind = kinds[i as usize % kinds.len()];
            contact.execute(params![
                i,
                kind.as_str(),
                format!("Provider {i}"),
                format!("Person {i}"),
                format!("ACC-{i:06}"),
                now
            ])?;
            phone.execute(params![
                i,
                0,
                "Support",
                format!("01 23 45 {:02} {:02}", i / 100 % 100, i % 100)
            ])?;
            if i % 3 == 0 {
                phone.execute(params![
                    i,
                    1,
                    "Mobile",
                    format!("06 12 34 {:02} {:02}", i / 100 % 100, i % 100)
                ])?;
            }
        }
    }
    let priorities = Priority::ALL;
    {
        let mut service = tx.prepare(
            "INSERT INTO services (id, name, priority, customer_facing, max_downtime_minutes,
                                   customers_affected, customers_per, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        let mut link = tx.prepare(
            "INSERT OR IGNORE INTO service_contacts (service_id, contact_id) VALUES (?1, ?2)",
        )?;
        let mut workaround = tx.prepare(
            "INSERT INTO workarounds (service_id, position, title, steps, created_at, updated_at)
             VALUES (?1, 0, ?2, ?3, ?4, ?4)",
        )?;
        for i in 1..=scale.services {
            service.execute(params![
                i,
                format!("Service {i}"),
                priorities[i as usize % priorities.len()].as_str(),
                i % 2 == 0,
                30 * (1 + i % 8),
                10 * i,
                CustomersPer::Hour.as_str(),
                now
            ])?;
            if scale.contacts > 0 {
                link.execute(params![i, 1 + i % scale.contacts])?;
                link.execute(params![i, 1 + (i * 7) % scale.contacts])?;
            }
            workaround.execute(params![
                i,
                format!("Paper backup for service {i}"),
                "Get the book\nWrite it down\nEnter it later",
                now
            ])?;
        }
    }
    let causes = Cause::ALL;
    let stages = Stage::ALL;
    let channels = Channel::ALL;
    {
        let mut incident = tx.prepare(
            "INSERT INTO incidents (id, started_at, summary, cause, expected_minutes, resolved_at,
                                    root_cause, could_recur, reviewed_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'unsure', ?6, ?6)",
        )?;
        let mut down = tx.prepare(
            "INSERT INTO incident_services (incident_id, service_id, name, priority, customer_facing,
                                            max_downtime_minutes, customers_affected, customers_per,
                                            restored_at)
             SELECT ?1, id, name, priority, customer_facing, max_downtime_minutes,
                    customers_affected, customers_per, ?3
             FROM services WHERE id = ?2",
        )?;
        let mut call = tx.prepare(
            "INSERT INTO calls (incident_id, contact_id, contact_name, called_at, ticket)
             SELECT ?1, id, organisation, ?3, ?4 FROM contacts WHERE id = ?2",
        )?;
        let mut notice = tx.prepare(
            "INSERT INTO notices_sent (incident_id, sent_at, stage, channel, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut event = tx.prepare(
            "INSERT INTO incident_events (incident_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let per = |total: u32, i: u32| {
            let n = scale.incidents.max(1);
            total / n + u32::from(i <= total % n)
        };
        for i in 1..=scale.incidents {
            let started = now - Duration::hours(6 * i64::from(i));
            let resolved = started + Duration::minutes(90);
            incident.execute(params![
                i,
                started,
                if i % 4 == 0 {
                    format!("Outage number {i}")
                } else {
                    String::new()
                },
                causes[i as usize % causes.len()].as_str(),
                60 * (1 + i % 4),
                resolved,
                format!("Root cause of outage {i}"),
            ])?;
            if scale.services > 0 {
                down.execute(params![i, 1 + i % scale.services, resolved])?;
            }
            if scale.contacts > 0 {
                call.execute(params![
                    i,
                    1 + i % scale.contacts,
                    started + Duration::minutes(5),
                    format!("T-{i:05}")
                ])?;
            }
            for n in 0..per(scale.notices, i) {
                notice.execute(params![
                    i,
                    started + Duration::minutes(10 + i64::from(n)),
                    stages[n as usize % stages.len()].as_str(),
                    channels[n as usize % channels.len()].as_str(),
                    format!("Bench Café: outage {i}, update {n}. Cash only for now, sorry."),
                ])?;
            }
            for n in 0..per(scale.events, i) {
                let happened = if n == 0 {
                    Happened::Started {
                        what: "Service".into(),
                    }
                } else {
                    Happened::Note {
                        text: format!("Note {n} about outage {i}"),
                    }
                };
                let (kind, detail) = encode(&happened);
                event.execute(params![
                    i,
                    started + Duration::seconds(i64::from(n)),
                    kind,
                    detail
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

thread_local! {
    /// What [`statements_of`] heard on this thread.
    static HEARD: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The statements `read` runs on `store`'s connection, in order, each with its parameters
/// written in — what a benchmark runs bare as the floor of a command. Transaction control
/// (`BEGIN`, `COMMIT`…) is left out: it is not a query.
pub fn statements_of<T>(store: &mut Store, read: impl FnOnce(&mut Store) -> T) -> Vec<String> {
    fn hear(event: TraceEvent<'_>) {
        if let TraceEvent::Stmt(statement, sql) = event {
            // A trigger's sub-program is announced as a comment; its statement was heard.
            if sql.trim_start().starts_with("--") {
                return;
            }
            let Some(sql) = statement.expanded_sql() else {
                return;
            };
            let first = sql
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if !["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]
                .contains(&first.as_str())
            {
                HEARD.with(|heard| heard.borrow_mut().push(sql));
            }
        }
    }
    HEARD.with(|heard| heard.borrow_mut().clear());
    store
        .conn
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(hear));
    std::hint::black_box(read(store));
    store.conn.trace_v2(TraceEventCodes::empty(), None);
    HEARD.with(|heard| heard.take())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::ContactFilter;
    use crate::incidents::IncidentFilter;

    #[test]
    fn a_generated_plan_reads_back_as_the_screens_read_it() {
        let mut store = Store::open_in_memory().unwrap();
        let now = Utc::now();
        fill(&mut store, Scale::TENTH, now).unwrap();
        let contacts = store.list_contacts(&ContactFilter::default()).unwrap();
        assert_eq!(contacts.len(), 100);
        assert_eq!(store.list_services().unwrap().len(), 10);
        let page = store
            .list_incidents(
                &IncidentFilter {
                    limit: Some(100),
                    ..Default::default()
                },
                now,
            )
            .unwrap();
        assert_eq!((page.total, page.incidents.len()), (1_000, 100));
        let newest = store.incident(page.incidents[0].id, now).unwrap();
        assert_eq!(newest.timeline.len(), 20);
        assert_eq!(newest.calls[0].ticket, "T-00001");
        let events: u32 = store
            .conn
            .query_row("SELECT count(*) FROM incident_events", [], |r| r.get(0))
            .unwrap();
        let notices: u32 = store
            .conn
            .query_row("SELECT count(*) FROM notices_sent", [], |r| r.get(0))
            .unwrap();
        assert_eq!((events, notices), (20_000, 500));
        store.plan_overview(now).unwrap();
        store.print_status().unwrap();
    }

    #[test]
    fn the_statements_a_read_runs_are_heard_with_their_values() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        fill(&mut store, Scale::REALISTIC, Utc::now()).unwrap();
        let id = store.list_contacts(&Default::default()).unwrap()[0].id;
        let heard = statements_of(&mut store, |store| store.contact(id).unwrap());
        assert_eq!(heard.len(), 2, "{heard:?}");
        assert!(heard[0].contains("FROM contacts") && heard[0].contains(&format!("= {id}")));
        assert!(heard[1].contains("FROM contact_phones"));
        // Heard only while asked.
        store.contact(id).unwrap();
        assert!(statements_of(&mut store, |_| ()).is_empty());
    }
}
