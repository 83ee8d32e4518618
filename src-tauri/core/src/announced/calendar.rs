//! An announced outage's slot as a calendar file (RFC 5545), so the owner's own calendar
//! reminds them too, on any device it syncs to.

use chrono::{DateTime, Utc};

use super::words::words;
use crate::business::Language;
use crate::contentline::{escape, fold_into};
use crate::error::CoreResult;
use crate::store::Store;

impl Store {
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
        let day = announced.details.starts_at.format("%Y-%m-%d").to_string();
        let name = words(language).calendar_file(&day);
        Ok((name, text))
    }
}
