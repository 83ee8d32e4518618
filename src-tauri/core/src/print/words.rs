//! Every word a printout says, in each language Steady speaks, read from `print/<language>.json`
//! (a missing word is a test failure, not a blank on paper). The words of closed choices and durations are the
//! vocabulary's (`crate::vocabulary`), the same the window shows.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::business::Language;
use crate::contacts::ContactKind;
use crate::incidents::severity::Severity;
use crate::plan::services::{CustomersPer, Priority};
use crate::vocabulary::{Cause, Channel, Choice, Clock, CouldRecur, PerLanguage, Stage};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub language: Language,
    /// Between a label and its value: ":" in English, " :" in French.
    pub colon: &'static str,
    pub printed_on: &'static str,
    pub page_label: &'static str,
    pub sensitive_left_out: &'static str,
    pub hidden: &'static str,
    pub none_written: &'static str,

    pub binder_title: &'static str,
    pub binder_intro: &'static str,
    pub keep_copies: &'static str,
    pub contents: &'static str,
    pub during_outage: &'static str,
    /// The five steps; they say where the document's safety part (`{safety}`) and its
    /// messages to customers (`{scripts}`) are.
    steps: [(&'static str, &'static str); 5],
    /// In the binder, safety is on the page after the steps and the scripts at the end.
    safety_in_binder: &'static str,
    scripts_in_binder: &'static str,
    /// In the pocket plan, the emergency card is above the steps, and the drafts to send are
    /// at the top during an outage.
    safety_in_pocket: &'static str,
    scripts_in_pocket: &'static str,
    pub safety: &'static str,
    pub assembly_point: &'static str,
    pub safety_checklist: &'static str,
    pub call_tree: &'static str,
    pub called_by: &'static str,
    pub called_by_owner: &'static str,
    pub emergency_numbers: &'static str,
    pub emergency_default: &'static str,
    pub contacts: &'static str,
    pub no_contacts: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub outage_page: &'static str,
    pub status_page: &'static str,
    pub account_number: &'static str,
    pub customer_id: &'static str,
    pub support_hours: &'static str,
    pub what_to_say: &'static str,
    pub services: &'static str,
    pub no_services: &'static str,
    pub priority: &'static str,
    pub customer_facing: &'static str,
    pub behind_the_scenes: &'static str,
    pub tolerable_downtime: &'static str,
    pub customers: &'static str,
    pub per_hour: &'static str,
    pub per_day: &'static str,
    pub depends_on: &'static str,
    pub notes: &'static str,
    pub no_workaround: &'static str,
    pub workaround: &'static str,
    pub tell_customers: &'static str,
    pub limits: &'static str,
    pub also_needs: &'static str,
    pub runbooks: &'static str,
    pub runbook: &'static str,
    pub scripts: &'static str,
    pub scripts_intro: &'static str,

    pub card_title: &'static str,
    pub door_sign_title: &'static str,
    pub card_numbers: &'static str,
    pub card_first_steps: &'static str,
    pub card_first: [&'static str; 3],
    /// Beside the numbers that have a code to scan.
    pub scan_to_call: &'static str,
    /// Under the code that holds every number on the card.
    pub scan_all_contacts: &'static str,

    /// The role cards (four to a page, one for each person who holds or stands in for a role)
    /// and the binder's "Who does what".
    pub role_cards_title: &'static str,
    pub role_card: &'static str,
    pub stands_in_for: &'static str,
    pub first_things: &'static str,
    pub no_duties: &'static str,
    pub numbers_you_need: &'static str,
    /// Under the first steps, when the person's roles list more.
    pub more_steps: &'static str,
    /// Under the numbers, when more did not fit: "{n}" is how many.
    pub more_numbers: &'static str,
    /// Above the code that calls the owner.
    pub call_the_owner: &'static str,
    /// Before the name and number of who to call instead.
    pub cannot_reach_owner: &'static str,
    pub who_does_what: &'static str,
    pub held_by: &'static str,
    pub stand_in: &'static str,
    pub nobody_yet: &'static str,
    pub each_persons_roles: &'static str,

    pub pocket_title: &'static str,
    /// "Saved {date}: …", under the title of the pocket plan.
    pub pocket_saved: &'static str,
    pub pocket_outage: &'static str,
    pub pocket_drafts: &'static str,
    /// Under a draft that still holds `[MARKERS]`: "{words}" lists them.
    pub pocket_fill_in: &'static str,
    /// Under a draft the disclosure check flags: "{words}" lists what it flags.
    pub pocket_check: &'static str,

    pub report_title: &'static str,
    pub open_still: &'static str,
    pub summary: &'static str,
    pub started: &'static str,
    pub resolved: &'static str,
    pub total_downtime: &'static str,
    pub what_failed: &'static str,
    pub cause: &'static str,
    pub danger: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub customers_affected: &'static str,
    pub expected_downtime: &'static str,
    pub unknown: &'static str,
    pub severity: &'static str,
    pub severity_set_by_hand: &'static str,
    pub plan_said: &'static str,
    pub downtime_per_service: &'static str,
    pub service: &'static str,
    pub back_at: &'static str,
    pub down_for: &'static str,
    pub still_down: &'static str,
    pub calls: &'static str,
    pub no_calls: &'static str,
    pub ticket: &'static str,
    pub spoke_to: &'static str,
    pub eta: &'static str,
    pub call_back: &'static str,
    pub notices_sent: &'static str,
    pub no_notices: &'static str,
    pub workarounds_used: &'static str,
    pub no_workarounds_used: &'static str,
    pub review: &'static str,
    pub not_reviewed: &'static str,
    pub root_cause: &'static str,
    pub could_recur: &'static str,
    pub actions: &'static str,
    pub action_owner: &'static str,
    pub action_due: &'static str,
    pub timeline: &'static str,
    pub something_else: &'static str,
    /// A drill's paper: its after-action report, and the mark on every page of it.
    pub drill: DrillWords,
}

/// The words of a drill's paper.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrillWords {
    /// On every page of a drill's paper, in its title and running head.
    pub mark: &'static str,
    /// Under the title: this was an exercise.
    pub notice: &'static str,
    pub after_action_title: &'static str,
    pub scenario: &'static str,
    pub speed: &'static str,
    pub outcome: &'static str,
    pub running: &'static str,
    pub drill_time: &'static str,
    pub scorecard: &'static str,
    pub what_to_fix: &'static str,
    /// The same objective at the drill before ({rating}).
    pub last_time: &'static str,
    pub decisions: &'static str,
    pub no_decision: &'static str,
    pub not_come: &'static str,
    pub actions: &'static str,
    pub no_actions: &'static str,
    pub done: &'static str,
}

/// Paper's words in every language, as data (with the vocabulary's, `crate::vocabulary`). The
/// texts are borrowed from the files as they are, so they hold no escapes (a test reads each).
static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../print/en.json")),
    (Language::Fr, include_str!("../../print/fr.json")),
]);

/// The words of paper in `language`.
pub fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

impl Words {
    /// The five steps as the binder prints them.
    pub fn binder_steps(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps_pointing_to(self.safety_in_binder, self.scripts_in_binder)
    }

    /// The five steps as the pocket plan shows them.
    pub fn pocket_steps(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps_pointing_to(self.safety_in_pocket, self.scripts_in_pocket)
    }

    fn steps_pointing_to(
        &self,
        safety: &'static str,
        scripts: &'static str,
    ) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps.iter().map(move |(step, says)| {
            let says = says.replace("{safety}", safety);
            (*step, says.replace("{scripts}", scripts))
        })
    }

    /// "28 November 2026" / "28 novembre 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        let month = crate::vocabulary::month(self.language, date.month0());
        let day = crate::vocabulary::day_of_month(self.language, date.day());
        format!("{day} {month} {}", date.year())
    }

    /// A stored time as the shop's local date and time.
    pub fn date_time(&self, at: DateTime<Utc>, offset: FixedOffset, clock: Clock) -> String {
        let local = at.with_timezone(&offset);
        format!("{} {}", self.date(local.date_naive()), clock.time(local))
    }

    /// "2 hours 30 minutes", "3 days".
    pub fn duration(&self, minutes: i64) -> String {
        crate::vocabulary::duration(minutes, self.language)
    }

    pub fn kind(&self, kind: ContactKind) -> &'static str {
        kind.label(self.language)
    }

    pub fn priority(&self, priority: Priority) -> &'static str {
        priority.label(self.language)
    }

    pub fn customers_per(&self, count: u32, per: CustomersPer) -> String {
        let template = match per {
            CustomersPer::Hour => self.per_hour,
            CustomersPer::Day => self.per_day,
        };
        template.replace("{n}", &count.to_string())
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        severity.label(self.language)
    }

    pub fn cause(&self, cause: Cause) -> &'static str {
        cause.label(self.language)
    }

    pub fn could_recur_answer(&self, answer: CouldRecur) -> &'static str {
        answer.label(self.language)
    }

    pub fn stage(&self, stage: Stage) -> &'static str {
        stage.label(self.language)
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        channel.label(self.language)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Paper's words in a test-only language, every English text wrapped in "⟦…⟧".
    pub(crate) const PSEUDO: &str = include_str!("../../print/test/pseudo.json");

    #[test]
    fn every_language_has_every_word_on_paper() {
        for (language, json) in WORDS.files_and_pseudo(PSEUDO) {
            let read: Result<Words, _> = serde_json::from_str(json);
            assert!(read.is_ok(), "{language}: {:?}", read.err());
        }
        for language in Language::ALL {
            assert_eq!(words(*language).language, *language);
        }
    }
}
