//! An announced outage becomes a live incident at its start, with everything prepared
//! carried over.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Transaction};

use super::{Announced, Outcome};
use crate::business::Language;
use crate::error::CoreResult;
use crate::incidents::timeline;
use crate::incidents::write::{insert_incident, CheckedStart};
use crate::incidents::{Happened, Incident, IncidentStart};
use crate::store::Store;

impl Store {
    /// Turns it into a live outage, with everything prepared carried over: the services it
    /// takes down (or its name), its start (the announced one once passed, else now), its
    /// cause and expected duration, and a note of where it was announced and what was ready.
    /// Done once: asked again, it gives the incident it already became. With an outage
    /// already open (started from the laptop's question, say), it joins that one instead of
    /// opening a second.
    pub fn start_announced(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<Incident> {
        let announced = self.announced(id, now)?;
        if let Some(incident) = announced.incident_id {
            return self.incident(incident, now);
        }
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let note = carried_over_note(&announced, language);
        if let Some(open) = self.open_incident_id()? {
            let tx = self.conn.transaction()?;
            timeline::record(&tx, open, now, &Happened::Note { text: note })?;
            link(&tx, id, open, now)?;
            tx.commit()?;
            return self.incident(open, now);
        }
        let started_at = announced.details.starts_at.min(now);
        let checked: CheckedStart = self.check_start(
            &IncidentStart {
                // What customers will notice, never the owner's label: the live outage's
                // notices name it.
                something_else: if announced.details.service_ids.is_empty() {
                    announced.details.what.customer_words(language).to_owned()
                } else {
                    String::new()
                },
                service_ids: announced.details.service_ids.clone(),
                started_at: Some(started_at.max(now - Duration::days(7))),
            },
            now,
        )?;

        let stopped = self.open_drill_summary()?;
        // Unchecked: what a drill stopped here found is read through the store inside it
        // (see `Store::record_actions_of_ended_drill`).
        let tx = self.conn.unchecked_transaction()?;
        let incident = insert_incident(&tx, &checked, now)?;
        tx.execute(
            "UPDATE incidents SET cause = ?2, expected_minutes = ?3 WHERE id = ?1",
            params![
                incident,
                announced.details.what.cause().as_str(),
                announced.details.expected_minutes
            ],
        )?;
        timeline::record(&tx, incident, now, &Happened::Note { text: note })?;
        link(&tx, id, incident, now)?;
        // A drill the real outage stopped keeps what it found, as when one is started by hand.
        if let Some(drill) = stopped {
            self.record_drill_actions_in(&tx, drill.id, now)?;
        }
        tx.commit()?;
        self.incident(incident, now)
    }
}

/// Records that announced outage `id` happened as `incident`.
fn link(tx: &Transaction<'_>, id: i64, incident: i64, now: DateTime<Utc>) -> CoreResult<()> {
    tx.execute(
        "UPDATE announced_outages SET outcome = ?2, incident_id = ?3, updated_at = ?4
         WHERE id = ?1",
        params![id, Outcome::Happened.as_str(), incident, now],
    )?;
    Ok(())
}

/// The note the live incident starts with: where the outage was announced, and what was done.
fn carried_over_note(announced: &Announced, language: Language) -> String {
    let fr = language == Language::Fr;
    let mut note = if fr {
        format!("Coupure annoncée : {}", announced.title)
    } else {
        format!("Announced outage: {}", announced.title)
    };
    if !announced.details.source.is_empty() {
        note.push_str(&if fr {
            format!(" (annoncée par {})", announced.details.source)
        } else {
            format!(" (announced by {})", announced.details.source)
        });
    }
    note.push('.');
    let done: Vec<&str> = announced
        .phases
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.done)
        .map(|i| i.text.as_str())
        .collect();
    if !done.is_empty() {
        note.push_str(if fr {
            " Déjà fait : "
        } else {
            " Done ahead: "
        });
        note.push_str(&done.join("; "));
        note.push('.');
    }
    note
}
