//! Announced outages: a power company's planned cut, an ISP's maintenance window, a vendor's
//! upgrade, known days ahead. Each gets a countdown checklist by phase (a few days before, the
//! day before, the hour before, during, after) in the spirit of the response protocol, a
//! reminder as each phase begins, the planned-outage notice in every channel, and a calendar
//! file of its slot. At its start it becomes a live incident with everything prepared carried
//! over; if its start passes with nothing done, the owner is asked whether it happened.

mod calendar;
mod notice;
#[cfg(test)]
mod tests;

pub use notice::when_words;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::contacts::ContactKind;
use crate::error::{CoreError, CoreResult, FieldError, FieldProblem};
use crate::field_paths::{AnnouncedField, ChecklistField};
use crate::fields::{check_list_len, Problems, LINE_MAX};
use crate::incidents::timeline;
use crate::incidents::write::{insert_incident, CheckedStart};
use crate::incidents::{Cause, Happened, Incident, IncidentStart};
use crate::store::Store;
use crate::text_enum;

/// The longest announced outage: a week.
pub const LONGEST_MINUTES: u32 = 7 * 24 * 60;

text_enum! {
    /// What the announcement is about.
    pub enum AnnouncedWhat {
        Power = "power",
        Internet = "internet",
        Phone = "phone",
        Vendor = "vendor",
        Other = "other",
    }
}

text_enum! {
    /// Where an announced outage stands, by the clock.
    pub enum Phase {
        DaysBefore = "days_before",
        DayBefore = "day_before",
        HourBefore = "hour_before",
        During = "during",
        After = "after",
    }
}

text_enum! {
    /// What became of it once its time came.
    pub enum Outcome {
        Happened = "happened",
        DidNotHappen = "did_not_happen",
    }
}

impl AnnouncedWhat {
    /// Its name when the owner gave none: "Power cut", "Coupure de courant".
    pub fn name(self, language: Language) -> &'static str {
        let fr = language == Language::Fr;
        match (self, fr) {
            (Self::Power, false) => "Power cut",
            (Self::Power, true) => "Coupure de courant",
            (Self::Internet, false) => "Internet maintenance",
            (Self::Internet, true) => "Maintenance Internet",
            (Self::Phone, false) => "Phone line maintenance",
            (Self::Phone, true) => "Maintenance de la ligne téléphonique",
            (Self::Vendor, false) => "Supplier maintenance",
            (Self::Vendor, true) => "Maintenance d’un fournisseur",
            (Self::Other, false) => "Planned outage",
            (Self::Other, true) => "Coupure prévue",
        }
    }

    /// What customers will notice when no service of the plan is ticked, worded to stand
    /// wherever a notice names what will be unavailable ("{what} will be unavailable").
    fn customer_words(self, language: Language) -> &'static str {
        match (self, language) {
            (Self::Power, Language::En) => "our services that need electricity",
            (Self::Power, Language::Fr) => "nos services qui ont besoin d’électricité",
            (Self::Internet, Language::En) => "our services that need the internet",
            (Self::Internet, Language::Fr) => "nos services qui ont besoin d’Internet",
            (Self::Phone, Language::En) => "our phone line",
            (Self::Phone, Language::Fr) => "notre ligne téléphonique",
            (Self::Vendor | Self::Other, Language::En) => "some of our services",
            (Self::Vendor | Self::Other, Language::Fr) => "certains de nos services",
        }
    }

    /// The kind of provider whose outage it is, if one kind is.
    fn provider_kind(self) -> Option<ContactKind> {
        match self {
            Self::Power => Some(ContactKind::PowerUtility),
            Self::Internet => Some(ContactKind::InternetProvider),
            Self::Phone => Some(ContactKind::PhoneProvider),
            Self::Vendor | Self::Other => None,
        }
    }

    fn cause(self) -> Cause {
        match self {
            Self::Power => Cause::Power,
            Self::Internet => Cause::Internet,
            Self::Phone => Cause::Phone,
            Self::Vendor => Cause::Vendor,
            Self::Other => Cause::Unknown,
        }
    }
}

impl Phase {
    /// When this phase begins for an outage starting at `start` and ending at `end`.
    fn begins(self, start: DateTime<Utc>, end: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Self::DaysBefore => start - Duration::days(3),
            Self::DayBefore => start - Duration::days(1),
            Self::HourBefore => start - Duration::hours(1),
            Self::During => start,
            Self::After => end,
        }
    }
}

/// (phase, key within the phase, English, French).
const ITEMS: &[(Phase, &str, &str, &str)] = &[
    (
        Phase::DaysBefore,
        "workarounds",
        "Check the workarounds for what will be down",
        "Vérifiez les solutions de repli pour ce qui sera coupé",
    ),
    (
        Phase::DaysBefore,
        "cash",
        "Check the cash float and the change",
        "Vérifiez le fond de caisse et la monnaie",
    ),
    (
        Phase::DaysBefore,
        "charge",
        "Charge laptops, phones and power banks",
        "Chargez ordinateurs, téléphones et batteries externes",
    ),
    (
        Phase::DaysBefore,
        "card",
        "Print the emergency card (and save the pocket plan)",
        "Imprimez la fiche d’urgence (et enregistrez le plan de poche)",
    ),
    (
        Phase::DayBefore,
        "tell",
        "Tell customers: the planned-outage notice below",
        "Prévenez les clients : le message de coupure prévue ci-dessous",
    ),
    (
        Phase::DayBefore,
        "door",
        "Put the door sign up",
        "Affichez l’annonce sur la porte",
    ),
    (
        Phase::HourBefore,
        "save",
        "Save what is open; shut down what needs the power or the network",
        "Enregistrez ce qui est ouvert ; éteignez ce qui a besoin du courant ou du réseau",
    ),
    (
        Phase::HourBefore,
        "switch",
        "Switch to the workaround",
        "Passez à la solution de repli",
    ),
    (
        Phase::During,
        "follow",
        "Follow it as an outage in Steady: calls, notices, timeline",
        "Suivez-la comme une panne dans Steady : appels, messages, chronologie",
    ),
    (
        Phase::After,
        "check",
        "Check that everything works again",
        "Vérifiez que tout remarche",
    ),
    (
        Phase::After,
        "over",
        "Tell customers it is over",
        "Dites aux clients que c’est terminé",
    ),
];

/// What the owner writes to plan for an announced outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnouncedDetails {
    pub what: AnnouncedWhat,
    /// The owner's name for it; empty: named after `what`.
    pub label: String,
    pub starts_at: DateTime<Utc>,
    pub expected_minutes: u32,
    /// Where the announcement came from (a letter, an email, the provider's page).
    pub source: String,
    /// The plan's services it will take down.
    #[ts(type = "number[]")]
    pub service_ids: Vec<i64>,
}

/// One item of the countdown checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnouncedCheck {
    pub phase: Phase,
    /// What the file keeps when it is ticked: `day_before.tell`.
    pub key: String,
    pub text: String,
    pub done: bool,
}

/// A phase, when it begins, and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhasePlan {
    pub phase: Phase,
    pub begins_at: DateTime<Utc>,
    pub items: Vec<AnnouncedCheck>,
}

/// An announced outage as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Announced {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: AnnouncedDetails,
    /// The label, or the name of `what`.
    pub title: String,
    pub ends_at: DateTime<Utc>,
    /// Where it stands now.
    pub phase: Phase,
    pub phases: Vec<PhasePlan>,
    /// The services' names, for the screens and the notices.
    pub services: Vec<String>,
    pub outcome: Option<Outcome>,
    /// The live incident it became.
    #[ts(type = "number | null")]
    pub incident_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Announced {
    /// Whether it still lies ahead of the owner: nothing was decided about it yet.
    pub fn is_pending(&self) -> bool {
        self.outcome.is_none()
    }
}

fn phase_at(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> Phase {
    [
        Phase::After,
        Phase::During,
        Phase::HourBefore,
        Phase::DayBefore,
    ]
    .into_iter()
    .find(|p| now >= p.begins(start, end))
    .unwrap_or(Phase::DaysBefore)
}

fn is_item(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|(phase, item, _, _)| key.split_once('.') == Some((phase.as_str(), item)))
}

impl Store {
    /// Checks what the owner wrote; `kept_start` is the start it had, which may stay as it
    /// is once passed (a slot extended while it runs).
    fn check_announced(
        &self,
        details: &AnnouncedDetails,
        kept_start: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> CoreResult<AnnouncedDetails> {
        check_list_len(AnnouncedField::ServiceIds, details.service_ids.len())?;
        let mut p = Problems::default();
        let start = details.starts_at;
        let ahead = start >= now - Duration::hours(1) && start <= now + Duration::days(366);
        if !ahead && kept_start != Some(start) {
            p.add(AnnouncedField::StartsAt, FieldProblem::NotAhead);
        }
        let label = p.text(AnnouncedField::Label, &details.label, LINE_MAX);
        let source = p.text(AnnouncedField::Source, &details.source, LINE_MAX);
        if details.expected_minutes == 0 {
            p.add(AnnouncedField::ExpectedMinutes, FieldProblem::NotPositive);
        } else if details.expected_minutes > LONGEST_MINUTES {
            p.add(
                AnnouncedField::ExpectedMinutes,
                FieldProblem::TooLarge {
                    max: LONGEST_MINUTES,
                },
            );
        }
        let known: Vec<i64> = self.list_services()?.iter().map(|s| s.id).collect();
        if details.service_ids.iter().any(|id| !known.contains(id)) {
            p.add(AnnouncedField::ServiceIds, FieldProblem::Unknown);
        }
        p.into_result().map_err(CoreError::Validation)?;
        let mut service_ids = details.service_ids.clone();
        service_ids.sort_unstable();
        service_ids.dedup();
        Ok(AnnouncedDetails {
            label,
            source,
            service_ids,
            ..details.clone()
        })
    }

    /// Plans for an announced outage.
    pub fn create_announced(
        &mut self,
        details: &AnnouncedDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let details = self.check_announced(details, None, now)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO announced_outages (what, label, starts_at, expected_minutes, source,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                details.what.as_str(),
                details.label,
                details.starts_at,
                details.expected_minutes,
                details.source,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_services(&tx, id, &details.service_ids)?;
        tx.commit()?;
        self.announced(id, now)
    }

    /// Changes what is known of it (a new start time, a longer slot); what was ticked stays.
    pub fn update_announced(
        &mut self,
        id: i64,
        details: &AnnouncedDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let before = self.announced(id, now)?;
        let details = self.check_announced(details, Some(before.details.starts_at), now)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE announced_outages SET what = ?2, label = ?3, starts_at = ?4,
                expected_minutes = ?5, source = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                details.what.as_str(),
                details.label,
                details.starts_at,
                details.expected_minutes,
                details.source,
                now
            ],
        )?;
        tx.execute(
            "DELETE FROM announced_services WHERE announced_id = ?1",
            [id],
        )?;
        write_services(&tx, id, &details.service_ids)?;
        tx.commit()?;
        self.announced(id, now)
    }

    /// Removes it (cancelled by the provider, or planned by mistake).
    pub fn delete_announced(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let gone = tx.execute("DELETE FROM announced_outages WHERE id = ?1", [id])?;
        if gone == 0 {
            return Err(CoreError::NotFound(format!("announced outage {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn announced(&self, id: i64, now: DateTime<Utc>) -> CoreResult<Announced> {
        type Row = (
            String,
            String,
            DateTime<Utc>,
            u32,
            String,
            Option<String>,
            Option<i64>,
            DateTime<Utc>,
            DateTime<Utc>,
        );
        let row: Row = self
            .conn
            .query_row(
                "SELECT what, label, starts_at, expected_minutes, source, outcome, incident_id,
                    created_at, updated_at
                 FROM announced_outages WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("announced outage {id}")))?;
        let (
            what,
            label,
            starts_at,
            expected_minutes,
            source,
            outcome,
            incident_id,
            created,
            updated,
        ) = row;
        let what = AnnouncedWhat::parse_stored(&what)?;
        let outcome = outcome.as_deref().map(Outcome::parse_stored).transpose()?;
        let language = self.business()?.map_or(Language::En, |b| b.language);

        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name FROM announced_services a JOIN services s ON s.id = a.service_id
             WHERE a.announced_id = ?1 ORDER BY s.id",
        )?;
        let services: Vec<(i64, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item FROM announced_checks WHERE announced_id = ?1")?;
        let done: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;

        let ends_at = starts_at + Duration::minutes(i64::from(expected_minutes));
        let phases = Phase::ALL
            .iter()
            .map(|&phase| PhasePlan {
                phase,
                begins_at: phase.begins(starts_at, ends_at),
                items: ITEMS
                    .iter()
                    .filter(|(p, ..)| *p == phase)
                    .map(|(p, key, en, fr)| {
                        let key = format!("{}.{key}", p.as_str());
                        AnnouncedCheck {
                            phase,
                            done: done.contains(&key),
                            key,
                            text: if language == Language::Fr { fr } else { en }.to_string(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(Announced {
            id,
            title: if label.is_empty() {
                what.name(language).to_owned()
            } else {
                label.clone()
            },
            details: AnnouncedDetails {
                what,
                label,
                starts_at,
                expected_minutes,
                source,
                service_ids: services.iter().map(|(id, _)| *id).collect(),
            },
            ends_at,
            phase: phase_at(starts_at, ends_at, now),
            phases,
            services: services.into_iter().map(|(_, name)| name).collect(),
            outcome,
            incident_id,
            created_at: created,
            updated_at: updated,
        })
    }

    /// Every announced outage, the soonest to come first, then the past ones newest first.
    pub fn list_announced(&self, now: DateTime<Utc>) -> CoreResult<Vec<Announced>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM announced_outages
                 ORDER BY outcome IS NOT NULL, CASE WHEN outcome IS NULL THEN starts_at END,
                    starts_at DESC, id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.announced(id, now)).collect()
    }

    /// The announced outages still ahead of the owner (nothing decided yet), soonest first.
    pub fn pending_announced(&self, now: DateTime<Utc>) -> CoreResult<Vec<Announced>> {
        let mut all = self.list_announced(now)?;
        all.retain(Announced::is_pending);
        Ok(all)
    }

    /// Ticks or unticks an item of its checklist.
    pub fn tick_announced(
        &mut self,
        id: i64,
        item: &str,
        done: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        self.announced(id, now)?;
        if !is_item(item) {
            return Err(CoreError::Validation(vec![FieldError::new(
                ChecklistField::Item,
                FieldProblem::Unknown,
            )]));
        }
        let tx = self.conn.transaction()?;
        if done {
            tx.execute(
                "INSERT INTO announced_checks (announced_id, item, done_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![id, item, now],
            )?;
        } else {
            tx.execute(
                "DELETE FROM announced_checks WHERE announced_id = ?1 AND item = ?2",
                params![id, item],
            )?;
        }
        tx.commit()?;
        self.announced(id, now)
    }

    /// It did not happen: kept in the history as such, no more reminders.
    pub fn announced_did_not_happen(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<Announced> {
        let announced = self.announced(id, now)?;
        if !announced.is_pending() {
            return Ok(announced);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE announced_outages SET outcome = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, Outcome::DidNotHappen.as_str(), now],
        )?;
        tx.commit()?;
        self.announced(id, now)
    }

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

        let tx = self.conn.transaction()?;
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

fn write_services(tx: &Transaction<'_>, id: i64, services: &[i64]) -> CoreResult<()> {
    for service in services {
        tx.execute(
            "INSERT OR IGNORE INTO announced_services (announced_id, service_id) VALUES (?1, ?2)",
            params![id, service],
        )?;
    }
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
