//! Announced outages: a power company's planned cut, an ISP's maintenance window, a vendor's
//! upgrade, known days ahead. Each gets a countdown checklist by phase (a few days before, the
//! day before, the hour before, during, after) in the spirit of the response protocol, a
//! reminder as each phase begins, the planned-outage notice in every channel, and a calendar
//! file of its slot. At its start it becomes a live incident with everything prepared carried
//! over; if its start passes with nothing done, the owner is asked whether it happened.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::contacts::{ContactFilter, ContactKind};
use crate::contentline::{escape, fold_into};
use crate::error::{CoreError, CoreResult, FieldError, FieldProblem};
use crate::fields::{check_list_len, Problems, LINE_MAX};
use crate::incidents::timeline;
use crate::incidents::write::{insert_incident, CheckedStart};
use crate::incidents::{Cause, Happened, Incident, IncidentStart};
use crate::notices::disclosure::{names_in, DisclosureContext};
use crate::notices::incident::{check_notice_text, NoticeCheck, NoticeDraft};
use crate::notices::{marker, render, Channel, NoticeFacts, Stage};
use crate::plan::services::{CriticalService, WorkaroundDetails};
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::Clock;

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
        check_list_len("serviceIds", details.service_ids.len())?;
        let mut p = Problems::default();
        let start = details.starts_at;
        let ahead = start >= now - Duration::hours(1) && start <= now + Duration::days(366);
        if !ahead && kept_start != Some(start) {
            p.add("startsAt", FieldProblem::NotAhead);
        }
        let label = p.text("label", &details.label, LINE_MAX);
        let source = p.text("source", &details.source, LINE_MAX);
        if details.expected_minutes == 0 {
            p.add("expectedMinutes", FieldProblem::NotPositive);
        } else if details.expected_minutes > LONGEST_MINUTES {
            p.add(
                "expectedMinutes",
                FieldProblem::TooLarge {
                    max: LONGEST_MINUTES,
                },
            );
        }
        let known: Vec<i64> = self.list_services()?.iter().map(|s| s.id).collect();
        if details.service_ids.iter().any(|id| !known.contains(id)) {
            p.add("serviceIds", FieldProblem::Unknown);
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
                "item",
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
                something_else: if announced.details.service_ids.is_empty() {
                    announced.title.clone()
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

    /// The announced outage's slot as a calendar file (`.ics`), with a reminder the day
    /// before and an hour before; and the name to save it under.
    pub fn announced_calendar(&self, id: i64, now: DateTime<Utc>) -> CoreResult<(String, String)> {
        let announced = self.announced(id, now)?;
        let (business, language) = self
            .business()?
            .map_or((String::new(), Language::En), |b| (b.name, b.language));
        let stamp = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
        let mut description = Vec::new();
        if !announced.details.source.is_empty() {
            let said = if language == Language::Fr {
                "Annoncé par"
            } else {
                "Announced by"
            };
            description.push(format!("{said}: {}", announced.details.source));
        }
        if !announced.services.is_empty() {
            let down = if language == Language::Fr {
                "Coupé"
            } else {
                "Down"
            };
            description.push(format!("{down}: {}", announced.services.join(", ")));
        }
        let lines = [
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Steady//Announced outage//EN".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "BEGIN:VEVENT".to_owned(),
            format!(
                "UID:steady-announced-{id}-{}@steady.invalid",
                announced.created_at.timestamp()
            ),
            format!("DTSTAMP:{}", stamp(now)),
            format!("DTSTART:{}", stamp(announced.details.starts_at)),
            format!("DTEND:{}", stamp(announced.ends_at)),
            format!(
                "SUMMARY:{}",
                escape(&if business.is_empty() {
                    announced.title.clone()
                } else {
                    format!("{} ({business})", announced.title)
                })
            ),
            format!("DESCRIPTION:{}", escape(&description.join("\n"))),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&announced.title)),
            "TRIGGER:-P1D".to_owned(),
            "END:VALARM".to_owned(),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&announced.title)),
            "TRIGGER:-PT1H".to_owned(),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ];
        // Control characters have no place in a calendar line (RFC 5545, 3.3.11).
        let mut text = String::new();
        for line in &lines {
            let line: String = line.chars().filter(|c| !c.is_control()).collect();
            fold_into(&mut text, &line);
        }
        let day = announced.details.starts_at.format("%Y-%m-%d");
        let name = match language {
            Language::En => format!("Announced outage {day}.ics"),
            Language::Fr => format!("Coupure annoncée {day}.ics"),
        };
        Ok((name, text))
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

/// The local date and time span of an announced outage as a notice says it: "on Thursday
/// 3 December from 09:00 to 13:00" / "le jeudi 3 décembre de 09:00 à 13:00".
pub fn when_words(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    language: Language,
    clock: Clock,
    offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> String {
    use chrono::Datelike;
    const DAYS_EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const DAYS_FR: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    // Each at its own offset: a clock change may fall before the outage, or during it.
    let (start, end) = (
        start.with_timezone(&offset_at(start)),
        end.with_timezone(&offset_at(end)),
    );
    let day = |at: chrono::DateTime<FixedOffset>| {
        let weekday = at.weekday().num_days_from_monday() as usize;
        // The months as the printed plan writes them.
        let month = crate::print::words::words(language).months[at.month0() as usize];
        match language {
            Language::En => format!("{} {} {month}", DAYS_EN[weekday], at.day()),
            Language::Fr => format!("{} {} {month}", DAYS_FR[weekday], at.day()),
        }
    };
    let time = |at: chrono::DateTime<FixedOffset>| clock.time(at);
    let same_day = start.date_naive() == end.date_naive();
    match (language, same_day) {
        (Language::En, true) => format!("on {} from {} to {}", day(start), time(start), time(end)),
        (Language::En, false) => format!(
            "from {} at {} to {} at {}",
            day(start),
            time(start),
            day(end),
            time(end)
        ),
        (Language::Fr, true) => format!("le {} de {} à {}", day(start), time(start), time(end)),
        (Language::Fr, false) => format!(
            "du {} à {} au {} à {}",
            day(start),
            time(start),
            day(end),
            time(end)
        ),
    }
}

impl Store {
    /// The plan's services an announced outage of this kind takes down, ticked for the owner
    /// until they say: those that depend on a provider of that kind (a power cut, the
    /// services linked to the electricity supplier).
    pub fn services_taken_down_by(&self, what: AnnouncedWhat) -> CoreResult<Vec<i64>> {
        let Some(kind) = what.provider_kind() else {
            return Ok(Vec::new());
        };
        let providers: Vec<i64> = self
            .list_contacts(&ContactFilter::default())?
            .into_iter()
            .filter(|c| c.details.kind == kind)
            .map(|c| c.id)
            .collect();
        Ok(self
            .list_services()?
            .into_iter()
            .filter(|s| s.details.contact_ids.iter().any(|c| providers.contains(c)))
            .map(|s| s.id)
            .collect())
    }

    /// The planned-outage notice for one channel and language (the owner's template if they
    /// changed it), with its check against the plan and the announcement: what customers will
    /// notice, when, and what they can do meanwhile. The owner's label and the
    /// announcement's source are theirs alone: never put into a notice.
    pub fn draft_planned_notice(
        &self,
        id: i64,
        channel: Channel,
        language: Language,
        now: DateTime<Utc>,
        offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<NoticeDraft> {
        let announced = self.announced(id, now)?;
        let down = &announced.details.service_ids;
        let services = self.list_services()?;
        // What customers notice first, then what only the business does.
        let mut taken: Vec<&CriticalService> =
            services.iter().filter(|s| down.contains(&s.id)).collect();
        taken.sort_by_key(|s| !s.details.customer_facing);
        let facing: Vec<String> = taken
            .iter()
            .filter(|s| s.details.customer_facing)
            .map(|s| s.details.name.clone())
            .collect();
        let what = if facing.is_empty() {
            vec![announced.details.what.customer_words(language).to_owned()]
        } else {
            facing
        };
        // For each service customers will miss (any taken down, if none of them is), a
        // workaround that does not itself need something taken down, as customers are told
        // it (its message, else its title). What only the business misses is its own affair.
        let missed: Vec<&&CriticalService> = if taken.iter().any(|s| s.details.customer_facing) {
            taken.iter().filter(|s| s.details.customer_facing).collect()
        } else {
            taken.iter().collect()
        };
        let mut workarounds: Vec<String> = Vec::new();
        for service in missed {
            let usable = service
                .workarounds
                .iter()
                .filter(|w| !w.details.service_ids.iter().any(|id| down.contains(id)))
                .find_map(|w| said_to_customers(&w.details));
            if let Some(said) = usable {
                if !workarounds.contains(&said) {
                    workarounds.push(said);
                }
            }
        }
        let workaround = if taken.is_empty() {
            // Nothing ticked: Steady cannot know, and "no alternative" might be untrue.
            Some(marker(language, "workaround"))
        } else if workarounds.is_empty() {
            None
        } else {
            Some(workarounds.join(" "))
        };
        let clock = Clock::of(self.country()?, language);
        let facts = NoticeFacts {
            business: self.business_name()?,
            what,
            expected_minutes: Some(announced.details.expected_minutes),
            workaround,
            when: Some(when_words(
                announced.details.starts_at,
                announced.ends_at,
                language,
                clock,
                offset_at,
            )),
            ..NoticeFacts::default()
        };
        let template = self.notice_template(Stage::Planned, channel, language)?;
        let draft = render(
            Stage::Planned,
            channel,
            language,
            template.subject.as_deref(),
            &template.body,
            &facts,
        )?;
        let check = self.check_planned_notice(
            id,
            channel,
            language,
            draft.subject.as_deref(),
            &draft.body,
        )?;
        Ok(NoticeDraft { draft, check })
    }

    /// Checks a planned-outage notice as the owner edits it: against the plan, and against
    /// the announcement's own label and source, which are the owner's internal notes.
    pub fn check_planned_notice(
        &self,
        id: i64,
        channel: Channel,
        language: Language,
        subject: Option<&str>,
        body: &str,
    ) -> CoreResult<NoticeCheck> {
        let context = self.planned_disclosure_context(id)?;
        check_notice_text(&context, channel, language, subject, body)
    }

    /// What a planned-outage notice must not give away: what the plan holds, and the
    /// announcement's label and source (the owner's notes; whoever announced it is most
    /// often the provider, so the names in the source count as providers).
    pub fn planned_disclosure_context(&self, id: i64) -> CoreResult<DisclosureContext> {
        let (label, source): (String, String) = self
            .conn
            .query_row(
                "SELECT label, source FROM announced_outages WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("announced outage {id}")))?;
        let mut context = self.plan_disclosure_context()?;
        context.providers.extend(names_in(&source));
        context.internal_notes = vec![label, source];
        Ok(context)
    }
}

/// A workaround as customers are told it: its message to them, else its title ("Cash
/// only."), never its steps or limits (they are the business's).
fn said_to_customers(workaround: &WorkaroundDetails) -> Option<String> {
    let message = workaround.customer_message.trim();
    if !message.is_empty() {
        return Some(message.to_owned());
    }
    let title = workaround.title.trim();
    if title.is_empty() {
        return None;
    }
    let ends = title.ends_with(['.', '!', '?', '…']);
    Some(if ends {
        title.to_owned()
    } else {
        format!("{title}.")
    })
}
