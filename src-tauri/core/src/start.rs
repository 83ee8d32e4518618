//! What the window needs to draw its first screen, read in one call. Start-up then waits on
//! one round trip to the core rather than a chain of them (is the data readable, then whose
//! business, then the home screen, then the reminders), each of which the owner would wait
//! for on a bad morning with an outage open.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::{Business, Language};
use crate::datafolder::{BackupsOverview, DataFolder, DataProblem, TextSize};
use crate::error::CoreResult;
use crate::home::Home;
use crate::reminders::Reminder;
use crate::store::Store;

/// The first screen's data: why the data could not be opened, the first-run questions (no
/// business yet), or the business with its home screen and what is due.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartUp {
    /// Why the data was not opened; then nothing below but the language and text size is read.
    pub problem: Option<DataProblem>,
    /// The language of the computer, for the first-run questions and the problem screen.
    pub system_language: Language,
    /// The text size chosen on this computer.
    pub text_size: TextSize,
    /// `None`: no plan yet, the first-run questions come first.
    pub business: Option<Business>,
    pub home: Option<Home>,
    #[ts(type = "number | null")]
    pub open_incident: Option<i64>,
    /// The reminders due now.
    pub reminders: Vec<Reminder>,
    pub backups: Option<BackupsOverview>,
    /// Whether the system shows notifications (`None`: not known yet); the shell fills it.
    pub notifications: Option<bool>,
    /// Steady was started to deal with an outage (`steady --outage`, the launcher's
    /// "Something's down"): the window opens on the start screen. The shell fills it.
    pub something_down: bool,
}

impl StartUp {
    /// The data was not opened: the problem screen, in the language last used on this computer.
    pub fn refused(folder: &DataFolder, problem: DataProblem, system_language: Language) -> Self {
        Self {
            problem: Some(problem),
            system_language,
            text_size: text_size(folder),
            business: None,
            home: None,
            open_incident: None,
            reminders: Vec::new(),
            backups: None,
            notifications: None,
            something_down: false,
        }
    }

    /// Everything the first screen shows, read from `store` under one lock.
    pub fn read(
        folder: &DataFolder,
        store: &mut Store,
        system_language: Language,
        now: DateTime<Utc>,
    ) -> CoreResult<Self> {
        let mut start = Self {
            problem: None,
            system_language,
            text_size: text_size(folder),
            business: store.business()?,
            home: None,
            open_incident: None,
            reminders: Vec::new(),
            backups: None,
            notifications: None,
            something_down: false,
        };
        if start.business.is_none() {
            return Ok(start);
        }
        start.home = Some(store.home(now)?);
        start.open_incident = store.open_incident_id()?;
        start.reminders = store.due_reminders(now)?;
        let mut backups = folder.backups_overview();
        backups.current = store.contents().ok();
        start.backups = Some(backups);
        Ok(start)
    }
}

fn text_size(folder: &DataFolder) -> TextSize {
    folder
        .local_settings()
        .text_size
        .unwrap_or(TextSize::Normal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::business::BusinessType;
    use crate::incidents::IncidentStart;
    use crate::testing::{at, corner_cafe};

    #[test]
    fn a_new_plan_starts_with_the_first_run_questions_and_reads_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        let mut store = folder.open(Utc::now()).unwrap();
        let start = StartUp::read(&folder, &mut store, Language::Fr, Utc::now()).unwrap();
        assert_eq!(start.business, None);
        assert_eq!(start.home, None);
        assert_eq!(start.system_language, Language::Fr);
        assert_eq!(start.text_size, TextSize::Normal);
    }

    #[test]
    fn with_an_outage_open_the_first_screen_has_it_and_its_reminders() {
        let dir = tempfile::tempdir().unwrap();
        let folder = DataFolder::new(dir.path());
        let now = at(20, 9, 0);
        let mut store = folder.open(now).unwrap();
        store
            .save_business(&corner_cafe(Language::En, None), now)
            .unwrap();
        store
            .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, now)
            .unwrap();
        let service = store.list_services().unwrap()[0].id;
        let start = IncidentStart {
            service_ids: vec![service],
            something_else: String::new(),
            started_at: Some(now - chrono::Duration::minutes(40)),
        };
        let incident = store.start_incident(&start, now).unwrap();

        let start = StartUp::read(&folder, &mut store, Language::En, now).unwrap();
        assert_eq!(start.open_incident, Some(incident.id));
        let home = start.home.unwrap();
        assert_eq!(home.outage.map(|outage| outage.id), Some(incident.id));
        assert_eq!(start.reminders, store.due_reminders(now).unwrap());
        assert!(
            !start.reminders.is_empty(),
            "40 minutes in, customers are due a word"
        );
        assert!(start.backups.is_some());
    }
}
