//! Each phase's checklist, in both languages, and ticking its items. The file keeps an
//! item as `phase.key` (`day_before.tell`).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Announced, AnnouncedCheck, Phase};
use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldError, FieldProblem};
use crate::field_paths::ChecklistField;
use crate::store::Store;

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

/// The items of `phase` in `language`, ticked as `done` says.
pub(super) fn phase_items(
    phase: Phase,
    language: Language,
    done: &[String],
) -> Vec<AnnouncedCheck> {
    ITEMS
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
        .collect()
}

fn is_item(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|(phase, item, _, _)| key.split_once('.') == Some((phase.as_str(), item)))
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
