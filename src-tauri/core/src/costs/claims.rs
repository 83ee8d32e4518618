//! What the owner may claim after an outage: the compensation rules of the business's country
//! (`costs/claims.json`, each with its source and the day it was checked) weighed against
//! this outage (how long the power was out, its cause, whether it was announced), and the
//! insurance side (the policy's waiting period, the documents an insurer asks for).
//!
//! Every outcome is worded "you may be entitled to" with "check with your provider": Steady
//! reads the rules as researched, it does not decide a claim.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::TS;

use super::{Currency, Money};
use crate::business::{Country, Language};
use crate::error::{CoreError, CoreResult};
use crate::incidents::write::event;
use crate::incidents::{Happened, Incident};
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::{Cause, Choice, PerLanguage};

/// The rule key under which the insurance notice is marked as sent.
pub const INSURANCE: &str = "insurance";
/// How many days before a claim's deadline its reminder comes.
pub const REMIND_DAYS_BEFORE: u64 = 7;

text_enum! {
    /// Who pays a claim.
    pub enum ClaimPayer {
        Utility = "utility",
        Isp = "isp",
        Insurer = "insurer",
    }
}

/// How a rule treats rolling cuts (load shedding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rolling {
    /// Excluded, and Steady cannot tell one apart: the owner is told to check.
    ExcludedNotTold,
    /// The rule does not speak of them.
    NotCovered,
}

/// One step of a per-kVA rate: up to `up_to_kva` (`None`: above every other step).
#[derive(Debug, Clone, Deserialize)]
pub struct KvaRate {
    pub up_to_kva: Option<u32>,
    pub amount: i64,
}

/// How a rule's amount is estimated.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimate {
    /// A fixed amount per subscribed kVA for each whole block of `block_minutes`.
    PerBlock {
        block_minutes: u32,
        max_blocks: Option<u32>,
        per_kva: Vec<KvaRate>,
    },
    /// `first` once past the minimum, then `further` for each further `every_minutes`.
    FirstAndFurther {
        first: i64,
        further: i64,
        every_minutes: u32,
        cap: Option<i64>,
    },
    /// The stock thrown away, up to `cap`, on receipts.
    Spoilage { cap: i64 },
}

/// A compensation rule as researched (`costs/claims.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub key: String,
    pub country: Country,
    pub who: ClaimPayer,
    pub currency: Currency,
    pub causes: Vec<Cause>,
    pub min_minutes: u32,
    pub planned_excluded: bool,
    pub rolling_cuts: Rolling,
    pub estimate: Estimate,
    pub automatic: bool,
    pub deadline_days: Option<u32>,
    pub source: String,
    #[serde(default)]
    pub also: Vec<String>,
    pub checked_on: NaiveDate,
    pub note: String,
    /// When the rule is one utility's own (Con Edison's), the names the owner may write for it
    /// in the plan, folded; empty: any utility of the country.
    #[serde(default)]
    pub utility_names: Vec<String>,
}

#[derive(Deserialize)]
struct RuleFile {
    rules: Vec<Rule>,
}

/// Every rule, read once from the data file.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str::<RuleFile>(include_str!("../../costs/claims.json"))
            .map(|f| f.rules)
            .unwrap_or_default()
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleWords {
    pub title: String,
    pub send: String,
    pub to: String,
}

/// The words of claims in one language (`costs/claims.<language>.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    entitled: String,
    entitled_unknown: String,
    long_enough: String,
    too_short: String,
    still_open: String,
    planned: String,
    wrong_cause: String,
    rolling_excluded: String,
    /// A rule of one utility's, and the plan names another ({names}, {utility}).
    other_utility: String,
    /// A rule of one utility's, and the plan names none ({names}).
    utility_unknown: String,
    automatic: String,
    per_block: String,
    per_block_no_kva: String,
    blocks_capped: String,
    first_and_further: String,
    capped: String,
    spoilage: String,
    spoilage_none: String,
    pub insurance_title: String,
    insurance_passed: String,
    insurance_not_passed: String,
    insurance_unknown: String,
    insurance_documents: Vec<String>,
    pub(crate) rules: HashMap<String, RuleWords>,
    /// The claim pack's own words (`print::claim_pack`).
    pub(crate) pack: PackWords,
}

/// The words of the claim pack, a printout (`print::claim_pack`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackWords {
    pub title: String,
    pub intro: String,
    pub summary: String,
    pub started: String,
    pub ended: String,
    pub still_open: String,
    pub lasted: String,
    pub cause: String,
    pub planned: String,
    pub calls: String,
    pub no_calls: String,
    pub when: String,
    pub who: String,
    pub ticket: String,
    pub promised: String,
    pub missed: String,
    pub met: String,
    pub none_given: String,
    pub missed_count: String,
    pub downtime: String,
    pub service: String,
    pub down_from: String,
    pub back_at: String,
    pub down_for: String,
    pub still_down: String,
    pub loss: String,
    pub from: String,
    pub to: String,
    pub minutes: String,
    pub per_hour: String,
    pub kept: String,
    pub amount: String,
    pub own_takings: String,
    pub service_lost: String,
    pub no_segments: String,
    pub counted_once: String,
    pub lost_takings: String,
    pub staff: String,
    pub staff_missing: String,
    pub expenses: String,
    pub spoiled: String,
    pub total: String,
    pub missing: String,
    pub cold: String,
    pub no_readings: String,
    pub store: String,
    pub at: String,
    pub temperature: String,
    pub no_spoiled: String,
    pub item: String,
    pub quantity: String,
    pub unit_cost: String,
    pub line_total: String,
    pub thrown_at: String,
    pub why: String,
    pub no_expenses: String,
    pub what: String,
    pub spent_on: String,
    pub spent: String,
    pub claims: String,
    pub no_rules: String,
    pub applies: String,
    pub does_not_apply: String,
    pub deadline: String,
    pub no_deadline: String,
    pub send: String,
    pub send_to: String,
    pub source: String,
    pub sent_on: String,
    pub insurance: String,
    pub insurer: String,
    pub policy: String,
    pub documents: String,
    pub not_entered: String,
    pub letters: String,
    pub letter_to: String,
    pub letter_from: String,
    pub dear: String,
    pub regards: String,
    pub isp_title: String,
    pub isp_subject: String,
    pub isp_body: String,
    pub isp_ask: String,
    pub isp_ticket_line: String,
    pub utility_title: String,
    pub utility_subject: String,
    pub utility_body: String,
    pub utility_rule: String,
    pub utility_spoiled: String,
    pub utility_ask: String,
    pub insurer_title: String,
    pub insurer_subject: String,
    pub insurer_body: String,
    pub insurer_loss: String,
    pub insurer_ask: String,
}

static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../costs/claims.en.json")),
    (Language::Fr, include_str!("../../costs/claims.fr.json")),
]);

pub fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

/// One rule weighed against one outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimOutcome {
    pub key: String,
    pub who: ClaimPayer,
    pub title: String,
    /// Whether the outage meets every condition Steady can check.
    pub applies: bool,
    /// Why, one sentence per condition weighed.
    pub why: Vec<String>,
    pub currency: Currency,
    /// The amount, when it can be counted from what was entered.
    pub estimate: Option<Money>,
    /// "You may be entitled to …. Check with your provider."
    pub estimate_text: String,
    /// Paid without a claim.
    pub automatic: bool,
    /// The last day to claim, counted from the outage's end; `None`: no deadline known, or
    /// the outage is not over.
    pub deadline: Option<NaiveDate>,
    pub send: String,
    pub to: String,
    pub source: String,
    pub checked_on: NaiveDate,
    /// What the research did and did not confirm.
    pub source_note: String,
    pub sent_on: Option<NaiveDate>,
}

/// The insurance side of an outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InsuranceOutcome {
    pub title: String,
    pub insurer: String,
    pub policy_number: String,
    pub waiting_hours: Option<u32>,
    /// Whether the outage lasted longer than the waiting period; `None`: not said.
    pub passed: Option<bool>,
    pub why: String,
    pub documents: Vec<String>,
    pub sent_on: Option<NaiveDate>,
}

/// What the owner may claim for one outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Claims {
    /// How long the power (the longest service down) was out, in minutes.
    pub lasted_minutes: u32,
    /// An announced outage became this incident.
    pub planned: bool,
    pub ongoing: bool,
    pub rules: Vec<ClaimOutcome>,
    pub insurance: InsuranceOutcome,
}

/// How long `incident` kept its services down up to `now`: the longest of them (the power
/// takes everything with it), or the incident's own span when it lists none.
pub fn lasted_minutes(incident: &Incident, now: DateTime<Utc>) -> u32 {
    let end_of_all = incident.resolved_at.unwrap_or(now).min(now);
    let longest = incident
        .services
        .iter()
        .map(|s| s.restored_at.unwrap_or(end_of_all).min(end_of_all))
        .max()
        .unwrap_or(end_of_all);
    let minutes = (longest - incident.started_at).num_minutes().max(0);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

/// What the rule says, given what the outage was. Pure, for the tests on each boundary.
pub struct Facts<'a> {
    pub lasted_minutes: u32,
    pub ongoing: bool,
    pub cause: Cause,
    pub planned: bool,
    pub subscribed_kva: Option<u32>,
    pub spoiled: Money,
    /// The local day the outage ended.
    pub ended_on: Option<NaiveDate>,
    pub language: Language,
    pub sent_on: Option<NaiveDate>,
    /// The utility as the plan names it (empty: not said).
    pub utility: &'a str,
    pub words: &'a Words,
}

pub fn weigh(rule: &Rule, facts: &Facts<'_>) -> ClaimOutcome {
    let w = facts.words;
    let language = facts.language;
    let duration = |m: u32| crate::vocabulary::duration(i64::from(m), language);
    let mut why = Vec::new();
    let mut applies = true;
    if facts.ongoing {
        why.push(
            w.still_open
                .replace("{lasted}", &duration(facts.lasted_minutes)),
        );
    }
    let long_enough = facts.lasted_minutes >= rule.min_minutes;
    why.push(
        if long_enough {
            &w.long_enough
        } else {
            &w.too_short
        }
        .replace("{lasted}", &duration(facts.lasted_minutes))
        .replace("{min}", &duration(rule.min_minutes)),
    );
    applies &= long_enough;
    if !rule.causes.contains(&facts.cause) {
        applies = false;
        let causes: Vec<&str> = rule.causes.iter().map(|c| c.label(language)).collect();
        why.push(
            w.wrong_cause
                .replace("{causes}", &causes.join(", "))
                .replace("{cause}", facts.cause.label(language)),
        );
    }
    if rule.planned_excluded && facts.planned {
        applies = false;
        why.push(w.planned.clone());
    }
    if rule.rolling_cuts == Rolling::ExcludedNotTold {
        why.push(w.rolling_excluded.clone());
    }
    if !rule.utility_names.is_empty() {
        let names = rule.utility_names.join(", ");
        let utility = crate::fields::fold_for_search(facts.utility);
        if utility.trim().is_empty() {
            applies = false;
            why.push(w.utility_unknown.replace("{names}", &names));
        } else if !rule
            .utility_names
            .iter()
            .any(|name| utility.contains(&crate::fields::fold_for_search(name)))
        {
            applies = false;
            why.push(
                w.other_utility
                    .replace("{names}", &names)
                    .replace("{utility}", facts.utility),
            );
        }
    }
    let (estimate, detail) = estimate(rule, facts);
    let mut estimate_text = match &detail {
        Some(detail) => w.entitled.replace("{estimate}", detail),
        None => w.entitled_unknown.clone(),
    };
    if rule.automatic {
        estimate_text = format!("{estimate_text} {}", w.automatic);
    }
    let rule_words = w.rules.get(&rule.key);
    ClaimOutcome {
        key: rule.key.clone(),
        who: rule.who,
        title: rule_words.map_or_else(|| rule.key.clone(), |r| r.title.clone()),
        applies,
        why,
        currency: rule.currency,
        estimate: if applies { estimate } else { None },
        estimate_text,
        automatic: rule.automatic,
        deadline: match (rule.deadline_days, facts.ended_on, facts.ongoing) {
            (Some(days), Some(ended), false) => {
                ended.checked_add_days(chrono::Days::new(u64::from(days)))
            }
            _ => None,
        },
        send: rule_words.map(|r| r.send.clone()).unwrap_or_default(),
        to: rule_words.map(|r| r.to.clone()).unwrap_or_default(),
        source: rule.source.clone(),
        checked_on: rule.checked_on,
        source_note: rule.note.clone(),
        sent_on: facts.sent_on,
    }
}

/// The amount a rule gives for the facts, and the words of how it is counted.
fn estimate(rule: &Rule, facts: &Facts<'_>) -> (Option<Money>, Option<String>) {
    let w = facts.words;
    let language = facts.language;
    let money = |m: i64| Money(m).format(rule.currency, language);
    match &rule.estimate {
        Estimate::PerBlock {
            block_minutes,
            max_blocks,
            per_kva,
        } => {
            let Some(kva) = facts.subscribed_kva else {
                let first = per_kva.first().map_or(0, |r| r.amount);
                return (
                    None,
                    Some(w.per_block_no_kva.replace("{rate}", &money(first))),
                );
            };
            let Some(rate) = per_kva
                .iter()
                .find(|r| r.up_to_kva.is_none_or(|up_to| kva <= up_to))
            else {
                return (None, None);
            };
            let mut blocks = facts.lasted_minutes / (*block_minutes).max(1);
            let mut text_blocks = blocks.to_string();
            if let Some(max) = max_blocks {
                if blocks > *max {
                    blocks = *max;
                    text_blocks = format!(
                        "{blocks}, {}",
                        w.blocks_capped.replace("{max}", &max.to_string())
                    );
                }
            }
            let per_block = rate.amount * i64::from(kva);
            let total = per_block * i64::from(blocks);
            let detail = format!(
                "{} ({})",
                money(total),
                w.per_block
                    .replace("{per_block}", &money(per_block))
                    .replace("{kva}", &kva.to_string())
                    .replace("{rate}", &money(rate.amount))
                    .replace("{blocks}", &text_blocks)
            );
            (Some(Money(total)), Some(detail))
        }
        Estimate::FirstAndFurther {
            first,
            further,
            every_minutes,
            cap,
        } => {
            let further_count =
                facts.lasted_minutes.saturating_sub(rule.min_minutes) / (*every_minutes).max(1);
            let mut total = first + further * i64::from(further_count);
            let mut detail = w
                .first_and_further
                .replace("{first}", &money(*first))
                .replace("{further}", &money(*further))
                .replace("{further_count}", &further_count.to_string());
            if let Some(cap) = cap {
                if total > *cap {
                    total = *cap;
                    detail = format!("{detail}, {}", w.capped.replace("{cap}", &money(*cap)));
                }
            }
            (
                Some(Money(total)),
                Some(format!("{} ({detail})", money(total))),
            )
        }
        Estimate::Spoilage { cap } => {
            if facts.spoiled == Money::ZERO {
                return (None, Some(w.spoilage_none.replace("{cap}", &money(*cap))));
            }
            let total = facts.spoiled.minor().min(*cap);
            (
                Some(Money(total)),
                Some(
                    w.spoilage
                        .replace("{spoiled}", &money(facts.spoiled.minor()))
                        .replace("{cap}", &money(*cap)),
                ),
            )
        }
    }
}

impl Store {
    /// What the owner may claim for outage `incident` as of `now`, for the business's
    /// country's rules; `local` gives the shop's UTC offset at a given time. A drill has
    /// nothing to claim: refused as not found.
    pub fn claims(
        &self,
        incident: i64,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<Claims> {
        let found = self.incident(incident, now)?;
        if found.drill {
            return Err(CoreError::NotFound(format!("incident {incident}")));
        }
        let business = self.business()?;
        let country = business.as_ref().and_then(|b| b.country);
        let language = business.map_or(Language::En, |b| b.language);
        let settings = self.cost_settings()?;
        let spoiled: Money = self
            .incident_costs(incident)?
            .spoiled
            .iter()
            .map(|s| s.total)
            .sum();
        let planned = self.was_announced(incident)?;
        let sent = self.claims_sent(incident)?;
        let lasted = lasted_minutes(&found, now);
        let ongoing = found.resolved_at.is_none();
        let ended_on = found
            .resolved_at
            .map(|at| at.with_timezone(&local(at)).date_naive());
        let w = words(language);
        let sent_on = |key: &str| sent.iter().find(|(k, _)| k == key).map(|(_, d)| *d);
        let outcomes = rules()
            .iter()
            .filter(|r| Some(r.country) == country)
            .map(|rule| {
                weigh(
                    rule,
                    &Facts {
                        lasted_minutes: lasted,
                        ongoing,
                        cause: found.cause,
                        planned,
                        subscribed_kva: settings.subscribed_kva,
                        spoiled,
                        ended_on,
                        language,
                        sent_on: sent_on(&rule.key),
                        utility: &settings.utility,
                        words: w,
                    },
                )
            })
            .collect();
        let duration = |m: i64| crate::vocabulary::duration(m, language);
        let passed = settings
            .waiting_hours
            .map(|hours| i64::from(lasted) > i64::from(hours) * 60);
        let why = match (settings.waiting_hours, passed) {
            (Some(hours), Some(passed)) => if passed {
                &w.insurance_passed
            } else {
                &w.insurance_not_passed
            }
            .replace("{lasted}", &duration(i64::from(lasted)))
            .replace("{waiting}", &duration(i64::from(hours) * 60)),
            _ => w.insurance_unknown.clone(),
        };
        Ok(Claims {
            lasted_minutes: lasted,
            planned,
            ongoing,
            rules: outcomes,
            insurance: InsuranceOutcome {
                title: w.insurance_title.clone(),
                insurer: settings.insurer,
                policy_number: settings.policy_number,
                waiting_hours: settings.waiting_hours,
                passed,
                why,
                documents: w.insurance_documents.clone(),
                sent_on: sent_on(INSURANCE),
            },
        })
    }

    /// Whether an announced outage became `incident` (planned works).
    pub(crate) fn was_announced(&self, incident: i64) -> CoreResult<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM announced_outages WHERE incident_id = ?1 LIMIT 1",
                [incident],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn claims_sent(&self, incident: i64) -> CoreResult<Vec<(String, NaiveDate)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT rule, sent_on FROM claims_sent WHERE incident_id = ?1")?
            .query_map([incident], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    }

    /// Marks the claim `rule` of outage `incident` as sent on `sent_on` (`None`: not sent
    /// after all). One transaction, one timeline event when marked.
    pub fn mark_claim_sent(
        &mut self,
        incident: i64,
        rule: &str,
        sent_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let known = rule == INSURANCE || rules().iter().any(|r| r.key == rule);
        if !known {
            return Err(CoreError::NotFound(format!("claim rule {rule}")));
        }
        let tx = self.conn.transaction()?;
        // A drill has no claims: its incident is not one to claim for.
        let drill: Option<bool> = tx
            .query_row(
                "SELECT drill FROM incidents WHERE id = ?1",
                [incident],
                |r| r.get(0),
            )
            .optional()?;
        if drill != Some(false) {
            return Err(CoreError::NotFound(format!("incident {incident}")));
        }
        match sent_on {
            Some(day) => {
                tx.execute(
                    "INSERT INTO claims_sent (incident_id, rule, sent_on) VALUES (?1, ?2, ?3)
                     ON CONFLICT (incident_id, rule) DO UPDATE SET sent_on = excluded.sent_on",
                    params![incident, rule, day],
                )?;
                let language: String = tx
                    .query_row("SELECT language FROM business", [], |r| r.get(0))
                    .optional()?
                    .unwrap_or_else(|| "en".into());
                let language = Language::parse_stored(&language).unwrap_or(Language::En);
                let w = words(language);
                let claim = if rule == INSURANCE {
                    w.insurance_title.clone()
                } else {
                    w.rules
                        .get(rule)
                        .map_or_else(|| rule.to_owned(), |r| r.title.clone())
                };
                event(&tx, incident, now, Happened::ClaimSent { claim })?;
            }
            None => {
                tx.execute(
                    "DELETE FROM claims_sent WHERE incident_id = ?1 AND rule = ?2",
                    params![incident, rule],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The claim deadlines still to meet, for the calm-day reminders: (incident, rule key,
    /// title, deadline) of every claim that applies to a real outage resolved in the last
    /// `days`, not marked as sent, whose deadline has not passed on `today`.
    pub(crate) fn open_claim_deadlines(
        &self,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<(i64, String, String, NaiveDate)>> {
        // Only the rules of the business's country can apply (`claims`): with none that has a
        // deadline, no outage is read at all (this runs on every reminders pass and before the
        // first screen).
        let country = self.business()?.and_then(|b| b.country);
        let Some(longest) = rules()
            .iter()
            .filter(|r| Some(r.country) == country)
            .filter_map(|r| r.deadline_days)
            .max()
        else {
            return Ok(Vec::new());
        };
        let since = now - Duration::days(i64::from(longest) + 1);
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM incidents WHERE drill = 0 AND resolved_at IS NOT NULL
                 AND resolved_at >= ?1 ORDER BY id",
            )?
            .query_map([since], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Days as the shop counts them, as the claims panel and the pack say them.
        let local = |at: DateTime<Utc>| self.local_offset(at);
        let today = now.with_timezone(&local(now)).date_naive();
        let mut out = Vec::new();
        for id in ids {
            let claims = self.claims(id, now, &local)?;
            for rule in claims.rules {
                if let (true, None, Some(deadline)) = (rule.applies, rule.sent_on, rule.deadline) {
                    if deadline >= today {
                        out.push((id, rule.key, rule.title, deadline));
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
