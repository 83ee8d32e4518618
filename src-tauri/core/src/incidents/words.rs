//! What an incident's record says in words, in each language Steady speaks: the reasons for
//! a severity and each line of the timeline. The window and the printed report both say
//! them from here.

use super::checklist::item_text;
use super::severity::SeverityReason;
use super::Happened;
use crate::business::Language;
use crate::plan::services::Priority;
use crate::vocabulary::{duration, Choice};

fn pick(language: Language, en: &'static str, fr: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// "essential" / "indispensable", as said in a reason.
fn priority_words(priority: Priority, language: Language) -> &'static str {
    match priority {
        Priority::Essential => pick(language, "essential", "indispensable"),
        Priority::Important => pick(language, "important", "important"),
        Priority::CanWait => pick(
            language,
            "something that can wait",
            "quelque chose qui peut attendre",
        ),
    }
}

/// One reason for a severity, as a sentence fragment: in the present while the incident is
/// open, in the past once it is resolved (the report is read afterwards).
pub fn reason_text(reason: &SeverityReason, language: Language, resolved: bool) -> String {
    use SeverityReason::*;
    let tense = |open: (&'static str, &'static str), past: (&'static str, &'static str)| {
        let (en, fr) = if resolved { past } else { open };
        pick(language, en, fr)
    };
    let (template, service, priority, minutes, tolerated) = match reason {
        Danger => {
            return tense(
                ("someone may be in danger", "quelqu’un est peut-être en danger"),
                ("someone may have been in danger", "quelqu’un était peut-être en danger"),
            )
            .into()
        }
        SuspectedAttack => {
            return tense(
                ("a suspected attack", "une attaque est soupçonnée"),
                ("a suspected attack", "une attaque était soupçonnée"),
            )
            .into()
        }
        NotInPlan => {
            return tense(
                (
                    "only something outside your plan is down",
                    "seul un élément hors de votre plan est en panne",
                ),
                (
                    "only something outside the plan was down",
                    "seul un élément hors du plan était en panne",
                ),
            )
            .into()
        }
        ExceedsTolerance {
            service,
            priority,
            expected_minutes,
            tolerated_minutes,
        } => (
            tense(
                (
                    "{service} is {priority} and the expected {minutes} exceeds the {tolerated} your plan tolerates",
                    "{service} est {priority} et la durée prévue ({minutes}) dépasse les {tolerated} que votre plan tolère",
                ),
                (
                    "{service} is {priority} and the expected {minutes} exceeded the {tolerated} the plan tolerates",
                    "{service} est {priority} et la durée prévue ({minutes}) dépassait les {tolerated} que le plan tolère",
                ),
            ),
            service,
            priority,
            Some(expected_minutes),
            Some(tolerated_minutes),
        ),
        WithinTolerance {
            service,
            priority,
            expected_minutes,
            tolerated_minutes,
        } => (
            tense(
                (
                    "{service} is {priority}; the expected {minutes} is within the {tolerated} your plan tolerates",
                    "{service} est {priority} ; la durée prévue ({minutes}) reste dans les {tolerated} que votre plan tolère",
                ),
                (
                    "{service} is {priority}; the expected {minutes} was within the {tolerated} the plan tolerates",
                    "{service} est {priority} ; la durée prévue ({minutes}) restait dans les {tolerated} que le plan tolère",
                ),
            ),
            service,
            priority,
            Some(expected_minutes),
            Some(tolerated_minutes),
        ),
        UnknownDuration { service, priority } => (
            tense(
                (
                    "{service} is {priority} and nobody knows yet how long it will last",
                    "{service} est {priority} et personne ne sait encore combien de temps cela va durer",
                ),
                (
                    "{service} is {priority} and nobody knew how long it would last",
                    "{service} est {priority} et personne ne savait combien de temps cela durerait",
                ),
            ),
            service,
            priority,
            None,
            None,
        ),
        AlreadyDown {
            service,
            priority,
            down_minutes,
            tolerated_minutes,
        } => (
            tense(
                (
                    "{service} is {priority} and has already been down {minutes}, more than the {tolerated} your plan tolerates",
                    "{service} est {priority} et est déjà en panne depuis {minutes}, plus que les {tolerated} que votre plan tolère",
                ),
                (
                    "{service} is {priority} and had been down {minutes}, more than the {tolerated} the plan tolerates",
                    "{service} est {priority} et était en panne depuis {minutes}, plus que les {tolerated} que le plan tolère",
                ),
            ),
            service,
            priority,
            Some(down_minutes),
            Some(tolerated_minutes),
        ),
    };
    let words = |m: Option<&u32>| m.map_or(String::new(), |m| duration(i64::from(*m), language));
    template
        .replace("{service}", service)
        .replace("{priority}", priority_words(*priority, language))
        .replace("{minutes}", &words(minutes))
        .replace("{tolerated}", &words(tolerated))
}

/// A timeline entry in words.
pub fn event_text(happened: &Happened, language: Language) -> String {
    use Happened::*;
    let label = |en: &'static str, fr: &'static str, detail: &str| {
        format!("{}{detail}", pick(language, en, fr))
    };
    match happened {
        Started { what } => label("Started: ", "Début : ", what),
        Assessed => pick(language, "Assessment updated", "Évaluation mise à jour").into(),
        SeverityChanged { severity } => label(
            "Severity now ",
            "Gravité désormais ",
            severity.label(language),
        ),
        SeverityOverridden { severity: None, .. } => pick(
            language,
            "Severity back to the plan's",
            "Gravité revenue à celle du plan",
        )
        .into(),
        SeverityOverridden {
            severity: Some(severity),
            reason,
        } => label(
            "Severity set by hand: ",
            "Gravité fixée à la main : ",
            &format!("{} ({reason})", severity.label(language)),
        ),
        CallLogged { contact, ticket } if ticket.is_empty() => label("Call: ", "Appel : ", contact),
        CallLogged { contact, ticket } => {
            label("Call: ", "Appel : ", &format!("{contact} · {ticket}"))
        }
        NoticeSent { stage, channel } => label(
            "Notice sent: ",
            "Message envoyé : ",
            &format!("{} · {}", stage.label(language), channel.label(language)),
        ),
        WorkaroundActivated { title } => label(
            "Workaround in use: ",
            "Solution de repli utilisée : ",
            title,
        ),
        ServiceRestored { service } => label("Working again: ", "Remarche : ", service),
        Resolved => pick(language, "Resolved", "Rétabli").into(),
        Reopened => pick(
            language,
            "Reopened: down again",
            "Rouvert : de nouveau en panne",
        )
        .into(),
        Reviewed => pick(language, "Review saved", "Analyse enregistrée").into(),
        Note { text } => text.clone(),
        Checked { item } => label("Done: ", "Fait : ", &item_text(item, language)),
        Unchecked { item } => label(
            "Not done after all: ",
            "Finalement pas fait : ",
            &item_text(item, language),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
