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

/// (step, key within the step, English, French).
const ITEMS: &[(Step, &str, &str, &str)] = &[
    (
        Step::Assess,
        "what_failed",
        "Find out exactly what failed",
        "Identifier précisément ce qui est en panne",
    ),
    (
        Step::Assess,
        "danger",
        "Check nobody is in danger",
        "Vérifier que personne n’est en danger",
    ),
    (
        Step::Assess,
        "scope",
        "Estimate how many customers are affected",
        "Estimer combien de clients sont concernés",
    ),
    (
        Step::Assess,
        "duration",
        "Estimate how long it will be down",
        "Estimer combien de temps cela va durer",
    ),
    (
        Step::Call,
        "report",
        "Call the provider and report the problem",
        "Appeler le fournisseur et signaler la panne",
    ),
    (
        Step::Call,
        "ticket",
        "Get a ticket or reference number",
        "Obtenir un numéro de ticket ou de référence",
    ),
    (
        Step::Call,
        "eta",
        "Ask when it will be fixed",
        "Demander quand ce sera réparé",
    ),
    (
        Step::Call,
        "call_back",
        "Note when to call back",
        "Noter quand rappeler",
    ),
    (
        Step::Tell,
        "know",
        "Tell customers you know and are on it",
        "Dire aux clients que vous êtes au courant et que c’est en cours",
    ),
    (
        Step::Tell,
        "duration",
        "Say roughly how long it will take",
        "Donner un délai approximatif",
    ),
    (
        Step::Tell,
        "workaround",
        "Say what they can do meanwhile, or that there is nothing",
        "Dire ce qu’ils peuvent faire en attendant, ou qu’il n’y a rien",
    ),
    (
        Step::Tell,
        "no_names",
        "Leave out the provider's name and the cause",
        "Ne pas nommer le fournisseur ni la cause",
    ),
    (
        Step::Workarounds,
        "switch",
        "Switch to a workaround, or say plainly there is none",
        "Passer sur une solution de repli, ou dire clairement qu’il n’y en a pas",
    ),
    (
        Step::Workarounds,
        "staff",
        "Tell staff what to do",
        "Dire à l’équipe ce qu’elle doit faire",
    ),
    (
        Step::Workarounds,
        "works",
        "Check the workaround really works",
        "Vérifier que la solution de repli marche vraiment",
    ),
    (
        Step::Resolve,
        "verify",
        "Check everything really works again",
        "Vérifier que tout remarche vraiment",
    ),
    (
        Step::Resolve,
        "tell_fixed",
        "Tell customers it is fixed",
        "Dire aux clients que c’est réparé",
    ),
    (
        Step::Resolve,
        "again",
        "Ask: could it happen again?",
        "Se demander : cela peut-il se reproduire ?",
    ),
    (
        Step::Resolve,
        "follow_up",
        "Tell customers what you will do about it, without details",
        "Dire aux clients ce que vous allez faire, sans détails",
    ),
];

fn full_key(step: Step, key: &str) -> String {
    format!("{}.{key}", step.as_str())
}

/// Whether `key` (`call.ticket`) is an item of a checklist.
pub fn is_item(key: &str) -> bool {
    ITEMS
        .iter()
        .any(|(step, item, _, _)| full_key(*step, item) == key)
}

/// The words of the item `key`, or the key itself for one an older Steady kept.
pub fn item_text(key: &str, language: Language) -> String {
    ITEMS
        .iter()
        .find(|(step, item, _, _)| full_key(*step, item) == key)
        .map_or_else(
            || key.to_owned(),
            |(_, _, en, fr)| match language {
                Language::En => (*en).to_owned(),
                Language::Fr => (*fr).to_owned(),
            },
        )
}

/// Every step's checklist, with what is ticked in `done`.
pub fn checklist(done: &[String], language: Language) -> Vec<ChecklistItem> {
    ITEMS
        .iter()
        .map(|(step, item, _, _)| {
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
