//! What an incident's record says in words, in each language Steady speaks: the reasons for
//! a severity and each line of the timeline. The window and the printed report both say
//! them from here.

use std::collections::HashMap;

use serde::Deserialize;

use super::checklist::item_text;
use super::severity::SeverityReason;
use super::Happened;
use crate::business::Language;
use crate::plan::services::Priority;
use crate::vocabulary::{duration, fill, Choice, PerLanguage};

/// The words of an incident's record in one language, from `incidents/<language>.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentWords {
    /// A priority as said in a reason ("something that can wait").
    priority: HashMap<Priority, String>,
    /// Each reason, while the incident is open and after (the report is read afterwards).
    reasons: HashMap<String, Tense>,
    /// Each line of the timeline, by what happened.
    timeline: HashMap<String, String>,
    /// Each checklist item's words, by its key (`call.ticket`).
    pub(super) checklist: HashMap<String, String>,
    /// The report's Team section.
    pub team: TeamWords,
}

/// The words of the report's Team section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamWords {
    pub heading: String,
    /// Who was reached, and when: each check-in.
    pub reached: String,
    /// Who did what: each task handed over.
    pub did: String,
    /// After a check-in "on the way" ({time}: the expected arrival).
    pub arriving: String,
}

/// The report's Team words in `language`.
pub fn team_words(language: Language) -> &'static TeamWords {
    &words(language).team
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tense {
    open: String,
    after: String,
}

static WORDS: PerLanguage<IncidentWords> = PerLanguage::new(&[
    (Language::En, include_str!("../../incidents/en.json")),
    (Language::Fr, include_str!("../../incidents/fr.json")),
]);

pub(super) fn words(language: Language) -> &'static IncidentWords {
    WORDS.get(language)
}

impl IncidentWords {
    fn line<'a>(&'a self, what: &'a str) -> &'a str {
        self.timeline.get(what).map_or(what, String::as_str)
    }
}

/// One reason for a severity, as a sentence fragment: in the present while the incident is
/// open, in the past once it is resolved (the report is read afterwards).
pub fn reason_text(reason: &SeverityReason, language: Language, resolved: bool) -> String {
    use SeverityReason::*;
    let words = words(language);
    let (key, service, priority, minutes, tolerated) = match reason {
        Danger => ("danger", None, None, None, None),
        SuspectedAttack => ("suspected_attack", None, None, None, None),
        NotInPlan => ("not_in_plan", None, None, None, None),
        ExceedsTolerance {
            service,
            priority,
            expected_minutes,
            tolerated_minutes,
        } => (
            "exceeds_tolerance",
            Some(service),
            Some(priority),
            Some(expected_minutes),
            Some(tolerated_minutes),
        ),
        WithinTolerance {
            service,
            priority,
            expected_minutes,
            tolerated_minutes,
        } => (
            "within_tolerance",
            Some(service),
            Some(priority),
            Some(expected_minutes),
            Some(tolerated_minutes),
        ),
        UnknownDuration { service, priority } => (
            "unknown_duration",
            Some(service),
            Some(priority),
            None,
            None,
        ),
        AlreadyDown {
            service,
            priority,
            down_minutes,
            tolerated_minutes,
        } => (
            "already_down",
            Some(service),
            Some(priority),
            Some(down_minutes),
            Some(tolerated_minutes),
        ),
    };
    let template =
        words.reasons.get(key).map_or(
            key,
            |tense| {
                if resolved {
                    &tense.after
                } else {
                    &tense.open
                }
            },
        );
    let said = |m: Option<&u32>| m.map_or(String::new(), |m| duration(i64::from(*m), language));
    let priority = priority.map_or(String::new(), |p| {
        words
            .priority
            .get(p)
            .cloned()
            .unwrap_or_else(|| p.as_str().to_owned())
    });
    fill(
        template,
        &[
            ("service", service.map_or("", String::as_str)),
            ("priority", &priority),
            ("minutes", &said(minutes)),
            ("tolerated", &said(tolerated)),
        ],
    )
}

/// A timeline entry in words.
pub fn event_text(happened: &Happened, language: Language) -> String {
    use Happened::*;
    let words = words(language);
    let line = |what: &str, values: &[(&str, &str)]| fill(words.line(what), values);
    match happened {
        Started { what } => line("started", &[("what", what)]),
        Assessed => line("assessed", &[]),
        SeverityChanged { severity } => line(
            "severity_changed",
            &[("severity", severity.label(language))],
        ),
        SeverityOverridden { severity: None, .. } => line("severity_back", &[]),
        SeverityOverridden {
            severity: Some(severity),
            reason,
        } => line(
            "severity_overridden",
            &[("severity", severity.label(language)), ("reason", reason)],
        ),
        CallLogged { contact, ticket } if ticket.is_empty() => {
            line("call_logged", &[("contact", contact)])
        }
        CallLogged { contact, ticket } => line(
            "call_logged_ticket",
            &[("contact", contact), ("ticket", ticket)],
        ),
        NoticeSent { stage, channel } => line(
            "notice_sent",
            &[
                ("stage", stage.label(language)),
                ("channel", channel.label(language)),
            ],
        ),
        WorkaroundActivated { title } => line("workaround_activated", &[("title", title)]),
        ServiceRestored { service } => line("service_restored", &[("service", service)]),
        Resolved => line("resolved", &[]),
        Reopened => line("reopened", &[]),
        Joined { what } => line("joined", &[("what", what)]),
        Reviewed => line("reviewed", &[]),
        Note { text } => text.clone(),
        Checked { item } => line("checked", &[("item", &item_text(item, language))]),
        Unchecked { item } => line("unchecked", &[("item", &item_text(item, language))]),
        CheckedIn {
            person,
            state,
            arriving_in: None,
        } => line(
            "checked_in",
            &[("person", person), ("state", state.label(language))],
        ),
        CheckedIn {
            person,
            state,
            arriving_in: Some(minutes),
        } => line(
            "checked_in_arriving",
            &[
                ("person", person),
                ("state", state.label(language)),
                ("minutes", &duration(i64::from(*minutes), language)),
            ],
        ),
        HandedOff {
            label,
            person: None,
            ..
        } => line("taken_back", &[("label", label)]),
        HandedOff {
            task,
            label,
            person: Some(person),
        } => {
            let what = match task.split_once(':').map(|(kind, _)| kind) {
                Some("call") => "handed_call",
                Some("workaround") => "handed_workaround",
                _ => "handed_step",
            };
            line(what, &[("person", person), ("label", label)])
        }
        ResolvedNotAllSafe { names } => {
            line("resolved_not_all_safe", &[("names", &names.join(", "))])
        }
        DrillStarted { title, what, .. } => {
            line("drill_started", &[("title", title), ("what", what)])
        }
        InjectThrown { text, .. } => line("inject_thrown", &[("text", text)]),
        InjectAnswered { text, .. } => line("inject_answered", &[("text", text)]),
        NumberBad { name, number } if name.is_empty() => {
            line("number_bad_unnamed", &[("number", number)])
        }
        NumberBad { name, number } => line("number_bad", &[("name", name), ("number", number)]),
        DrillPaused => line("drill_paused", &[]),
        DrillResumed => line("drill_resumed", &[]),
        DrillSpeedChanged { speed } => {
            line("drill_speed_changed", &[("speed", speed.label(language))])
        }
        DrillEnded { outcome } => line("drill_ended", &[("outcome", outcome.label(language))]),
        ExpenseAdded { what, amount } => {
            line("expense_added", &[("what", what), ("amount", amount)])
        }
        ExpenseRemoved { what } => line("expense_removed", &[("what", what)]),
        StockSpoiled {
            item,
            quantity,
            amount,
        } => line(
            "stock_spoiled",
            &[("item", item), ("quantity", quantity), ("amount", amount)],
        ),
        SpoiledRemoved { item } => line("spoiled_removed", &[("item", item)]),
        TemperatureRead { store, reading } => line(
            "temperature_read",
            &[("store", store), ("reading", reading)],
        ),
        ClaimSent { claim } => line("claim_sent", &[("claim", claim)]),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An incident's words in a test-only language, every English text wrapped in "⟦…⟧".
    pub(crate) const PSEUDO: &str = include_str!("../../incidents/test/pseudo.json");

    #[test]
    fn every_language_words_every_reason_line_and_item() {
        let english = words(Language::En);
        for (language, json) in WORDS.files_and_pseudo(PSEUDO) {
            let read: IncidentWords = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{language}: the words do not read: {e}"));
            let keys = |m: &HashMap<String, String>| {
                let mut k: Vec<String> = m.keys().cloned().collect();
                k.sort();
                k
            };
            assert_eq!(keys(&read.timeline), keys(&english.timeline), "{language}");
            assert_eq!(
                keys(&read.checklist),
                keys(&english.checklist),
                "{language}"
            );
            assert_eq!(read.reasons.len(), 7, "{language}");
            assert_eq!(read.priority.len(), Priority::ALL.len(), "{language}");
        }
    }
    use crate::incidents::severity::SeverityReason::*;
    use crate::vocabulary::{Channel, Severity, Stage};

    #[test]
    fn every_severity_reason_reads_in_both_languages_while_open_and_after() {
        let card = || "Card payments".to_owned();
        let check = |reason: SeverityReason, resolved: bool, en: &str, fr: &str| {
            assert_eq!(reason_text(&reason, Language::En, resolved), en);
            assert_eq!(reason_text(&reason, Language::Fr, resolved), fr);
        };
        let exceeds = || ExceedsTolerance {
            service: card(),
            priority: Priority::Essential,
            expected_minutes: 360,
            tolerated_minutes: 120,
        };
        check(
            exceeds(),
            false,
            "Card payments is essential and the expected 6 hours exceeds the 2 hours your plan tolerates",
            "Card payments est indispensable et la durée prévue (6 heures) dépasse les 2 heures que votre plan tolère",
        );
        check(
            exceeds(),
            true,
            "Card payments is essential and the expected 6 hours exceeded the 2 hours the plan tolerates",
            "Card payments est indispensable et la durée prévue (6 heures) dépassait les 2 heures que le plan tolère",
        );
        check(
            WithinTolerance {
                service: card(),
                priority: Priority::Important,
                expected_minutes: 30,
                tolerated_minutes: 60,
            },
            false,
            "Card payments is important; the expected 30 minutes is within the 1 hour your plan tolerates",
            "Card payments est important ; la durée prévue (30 minutes) reste dans les 1 heure que votre plan tolère",
        );
        check(
            UnknownDuration {
                service: card(),
                priority: Priority::CanWait,
            },
            true,
            "Card payments is something that can wait and nobody knew how long it would last",
            "Card payments est quelque chose qui peut attendre et personne ne savait combien de temps cela durerait",
        );
        check(
            AlreadyDown {
                service: card(),
                priority: Priority::Essential,
                down_minutes: 90,
                tolerated_minutes: 60,
            },
            false,
            "Card payments is essential and has already been down 1 hour 30 minutes, more than the 1 hour your plan tolerates",
            "Card payments est indispensable et est déjà en panne depuis 1 heure 30 minutes, plus que les 1 heure que votre plan tolère",
        );
        check(
            Danger,
            false,
            "someone may be in danger",
            "quelqu’un est peut-être en danger",
        );
        check(
            NotInPlan,
            true,
            "only something outside the plan was down",
            "seul un élément hors du plan était en panne",
        );
    }

    #[test]
    fn every_timeline_line_reads_in_both_languages() {
        let check = |happened: Happened, en: &str, fr: &str| {
            assert_eq!(event_text(&happened, Language::En), en);
            assert_eq!(event_text(&happened, Language::Fr), fr);
        };
        check(
            Happened::SeverityOverridden {
                severity: Some(Severity::Critical),
                reason: "the till is down too".into(),
            },
            "Severity set by hand: Critical (the till is down too)",
            "Gravité fixée à la main : Critique (the till is down too)",
        );
        check(
            Happened::SeverityOverridden {
                severity: None,
                reason: String::new(),
            },
            "Severity back to the plan's",
            "Gravité revenue à celle du plan",
        );
        check(
            Happened::NoticeSent {
                stage: Stage::Update,
                channel: Channel::Sms,
            },
            "Notice sent: Update · SMS",
            "Message envoyé : Point d’étape · SMS",
        );
        check(
            Happened::CallLogged {
                contact: "SumUp".into(),
                ticket: "INC-42".into(),
            },
            "Call: SumUp · INC-42",
            "Appel : SumUp · INC-42",
        );
        check(
            Happened::Checked {
                item: "call.ticket".into(),
            },
            "Done: Get a ticket or reference number",
            "Fait : Obtenir un numéro de ticket ou de référence",
        );
        check(
            Happened::SeverityChanged {
                severity: Severity::Major,
            },
            "Severity now Major",
            "Gravité désormais Majeure",
        );
    }
}
