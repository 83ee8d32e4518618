//! Each phase's checklist, and ticking its items. The file keeps an
//! item as `phase.key` (`day_before.tell`).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::words::words;
use super::{Announced, AnnouncedCheck, Phase};
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldError, FieldProblem};
use crate::field_paths::ChecklistField;
use crate::store::Store;

/// Each phase's items in order, by their key within the phase; their words are data
/// (`announced/<language>.json`, under `phase.key`).
pub(super) const ITEMS: &[(Phase, &str)] = &[
    (Phase::DaysBefore, "workarounds"),
    (Phase::DaysBefore, "cash"),
    (Phase::DaysBefore, "charge"),
    (Phase::DaysBefore, "card"),
    (Phase::DayBefore, "tell"),
    (Phase::DayBefore, "door"),
    (Phase::HourBefore, "save"),
    (Phase::HourBefore, "switch"),
    (Phase::During, "follow"),
    (Phase::After, "check"),
    (Phase::After, "over"),
];

/// The items of `phase` in `language`, ticked as `done` says.
pub(super) fn phase_items(
    phase: Phase,
    language: Language,
    done: &[String],
) -> Vec<AnnouncedCheck> {
    ITEMS
        .iter()
        .filter(|(p, ..)| *p == phase)
        .map(|(p, key)| {
            let key = format!("{}.{key}", p.as_str());
            AnnouncedCheck {
                phase,
                done: done.contains(&key),
                text: words(language).item(&key).to_owned(),
                key,
            }
        })
        .collect()
}

fn is_item(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|(phase, item)| key.split_once('.') == Some((phase.as_str(), item)))
}

impl Store {
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
}
