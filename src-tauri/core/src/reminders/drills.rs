//! The surprises of the drill in progress, as reminders: each due when the drill's clock
//! reaches its minute, marked as a drill's; those answered are done with. A paused or ended
//! drill throws nothing.

use super::{Reminder, ReminderKey, ReminderKind};
use crate::business::Language;
use crate::drills::run::open_drill_rows;
use crate::drills::scenarios::{self, data};
use crate::error::CoreResult;
use crate::store::Store;

impl Store {
    pub(super) fn drill_reminders(&self, language: Language) -> CoreResult<Vec<Reminder>> {
        let mut out = Vec::new();
        let w = scenarios::words(language);
        for row in open_drill_rows(&self.conn)? {
            if row.running_since.is_none() {
                continue;
            }
            let cast = self.drill_cast_of(&row, language)?;
            // Those of the drill still waiting for an answer.
            let waiting: Vec<String> = self
                .conn
                .prepare_cached(
                    "SELECT inject FROM drill_injects WHERE drill_id = ?1 AND answer IS NULL",
                )?
                .query_map([row.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for inject in &data(row.scenario).injects {
                if !waiting.contains(&inject.key) {
                    continue;
                }
                let Some(due_at) = row.reaches(inject.minute) else {
                    continue;
                };
                let shown = scenarios::inject(inject, &cast, language);
                out.push(Reminder {
                    key: ReminderKey::DrillInject {
                        drill: row.id,
                        inject: inject.key.clone(),
                    },
                    kind: ReminderKind::DrillInject,
                    due_at,
                    incident_id: Some(row.incident_id),
                    announced_id: None,
                    title: w.titled(&shown.text),
                    body: w.inject_body.clone(),
                    snoozed_until: None,
                });
            }
        }
        Ok(out)
    }
}
