//! What to do at each step of the response protocol, as a checklist the owner ticks. The
//! items are the core's: their keys are what the file keeps, their words are said in the
//! owner's language on screen and in the timeline.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::text_enum;

text_enum! {
    /// The five steps of the response protocol, in order.
    pub enum Step {
        Assess = "assess",
        Call = "call",
        Tell = "tell",
        Workarounds = "workarounds",
        Resolve = "resolve",
    }
}

/// One item of a step's checklist, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub step: Step,
    /// What the file keeps when it is ticked: `assess.danger`.
    pub key: String,
    pub text: String,
    pub done: bool,
}

/// (step, key within the step): their words are the data's (`incidents/<language>.json`).
const ITEMS: &[(Step, &str)] = &[
    (Step::Assess, "what_failed"),
    (Step::Assess, "danger"),
    (Step::Assess, "scope"),
    (Step::Assess, "duration"),
    (Step::Call, "report"),
    (Step::Call, "ticket"),
    (Step::Call, "eta"),
    (Step::Call, "call_back"),
    (Step::Tell, "know"),
    (Step::Tell, "duration"),
    (Step::Tell, "workaround"),
    (Step::Tell, "no_names"),
    (Step::Workarounds, "switch"),
    (Step::Workarounds, "staff"),
    (Step::Workarounds, "works"),
    (Step::Resolve, "verify"),
    (Step::Resolve, "tell_fixed"),
    (Step::Resolve, "again"),
    (Step::Resolve, "follow_up"),
];

fn full_key(step: Step, key: &str) -> String {
    format!("{}.{key}", step.as_str())
}

/// Whether `key` (`call.ticket`) is an item of a checklist.
pub fn is_item(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|(step, item)| full_key(*step, item) == key)
}

/// The words of the item `key`, or the key itself for one an older Steady kept.
pub fn item_text(key: &str, language: Language) -> String {
    super::words::words(language)
        .checklist
        .get(key)
        .map_or_else(|| key.to_owned(), String::clone)
}

/// Every step's checklist, with what is ticked in `done`.
pub fn checklist(done: &[String], language: Language) -> Vec<ChecklistItem> {
    ITEMS
        .iter()
        .map(|(step, item)| {
            let key = full_key(*step, item);
            ChecklistItem {
                step: *step,
                text: item_text(&key, language),
                done: done.contains(&key),
                key,
            }
        })
        .collect()
}
