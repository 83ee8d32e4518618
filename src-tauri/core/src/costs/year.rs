//! The year in outages: hours down and money lost over the 12 months ending now, by month and
//! service, by service and by provider, and what a backup would have saved.
//!
//! The rules, as the owner reads them:
//! - real outages only (a drill is never counted), each in the month it started (the shop's
//!   local month), counted up to now when still open;
//! - a service's hours down are its own downtime, its money its own takings lost (the loss's
//!   per-service figure); the totals count services down together once ([`Store::loss`]'s
//!   rule, the same code);
//! - a provider counts the outages in which the owner called them (the `calls` record, which
//!   keeps the name as it was): the record of who was actually turned to, not who the plan
//!   links to a service today. An outage with two providers called counts for both;
//! - a backup (`costs/backups.json`, typical prices per currency) applies to an outage whose
//!   cause is its cause, or, when the cause is not known, to one where a service named like it
//!   was down; it would have kept the takings lost while it covered (all of the outage for a
//!   4G router, its first minutes for a UPS), counted by the same loss rules.
//!
//! Each outage is read light (times, services, workarounds, calls) in a few statements for the
//! whole year, not incident by incident: a busy shop has more than a thousand a year.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::loss::{compute_outage, Activation, Outage, COUNTED_DAYS_MAX};
use super::{Currency, Loss, Missing, Money};
use crate::business::Language;
use crate::error::CoreResult;
use crate::incidents::IncidentService;
use crate::moments::{utc_at, utc_at_opt};
use crate::plan::services::{CustomersPer, Priority};
use crate::store::Store;
use crate::vocabulary::{Cause, PerLanguage};

/// An amount with its text in the owner's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    pub amount: Money,
    pub text: String,
}

/// One month of the year: what each service was down and lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthOutages {
    /// The month's first day.
    pub first_day: NaiveDate,
    /// Its short name ("Jan", "janv.").
    pub label: String,
    pub outages: u32,
    /// Minutes down of each service of [`YearInOutages::services`], in that order.
    pub minutes: Vec<u32>,
    /// Takings lost by each service, in that order.
    pub lost: Vec<Money>,
    /// The month's money lost, services down together counted once.
    pub total: Money,
}

/// A row of the table by service or by provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearRow {
    pub name: String,
    pub outages: u32,
    pub minutes: u32,
    /// Hours down as the owner reads them ("31.5 h").
    pub hours: String,
    pub lost: Amount,
}

/// What a backup would have saved over the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSaving {
    /// Its key in `costs/backups.json` (`router_4g`, `ups`).
    pub key: String,
    /// The outages it applies to.
    pub outages: u32,
    /// Minutes of those outages it would have covered while the business was open.
    pub covered_minutes: u32,
    /// The takings it would have kept.
    pub kept: Money,
    /// What it costs over a year (a monthly price times 12), or once.
    pub cost: Money,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearTotals {
    pub outages: u32,
    /// The outages' downtime, end to end (not service by service).
    pub minutes: u32,
    pub hours: String,
    pub lost_takings: Amount,
    pub staff_cost: Amount,
    pub expenses: Amount,
    pub spoiled: Amount,
    pub total: Amount,
}

/// The 12 months ending now, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearInOutages {
    pub currency: Currency,
    pub language: Language,
    /// The services down in the year, most hours first: the chart's legend and stacks.
    pub services: Vec<String>,
    pub months: Vec<MonthOutages>,
    pub by_service: Vec<YearRow>,
    pub by_provider: Vec<YearRow>,
    pub totals: YearTotals,
    pub backups: Vec<BackupSaving>,
    /// What Steady could not count, for want of a figure in the plan.
    pub missing: Vec<Missing>,
}

/// A backup as `costs/backups.json` says it: the causes and service names it answers, its
/// typical price per currency (monthly or once), and how long it covers (`None`: all).
#[derive(Deserialize)]
struct Backup {
    key: String,
    causes: Vec<Cause>,
    names: Vec<String>,
    per: Per,
    covers_minutes: Option<u32>,
    price: HashMap<Currency, i64>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Per {
    Month,
    Once,
}

#[derive(Deserialize)]
struct Backups {
    checked: NaiveDate,
    backups: Vec<Backup>,
}

const BACKUPS_JSON: &str = include_str!("../../costs/backups.json");

fn backups() -> &'static Backups {
    static READ: std::sync::OnceLock<Backups> = std::sync::OnceLock::new();
    READ.get_or_init(|| {
        serde_json::from_str(BACKUPS_JSON).unwrap_or(Backups {
            checked: NaiveDate::MIN,
            backups: Vec::new(),
        })
    })
}

/// The words of the year's view and paper, per language (`costs/year/<language>.json`).
#[derive(Deserialize)]
pub(crate) struct Words {
    pub title: &'static str,
    pub months: Vec<&'static str>,
    pub hours: &'static str,
    pub decimal: &'static str,
    pub period: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub axis_hours: &'static str,
    pub by_service: &'static str,
    pub by_provider: &'static str,
    pub service: &'static str,
    pub provider: &'static str,
    pub outages: &'static str,
    pub hours_down: &'static str,
    pub money_lost: &'static str,
    pub total: &'static str,
    pub lost_takings: &'static str,
    pub staff: &'static str,
    pub expenses: &'static str,
    pub spoiled: &'static str,
    pub service_rule: &'static str,
    pub provider_rule: &'static str,
    pub no_providers: &'static str,
    pub backups: &'static str,
    pub backup_note: &'static str,
    pub no_outages: &'static str,
    pub missing: &'static str,
    pub router_4g: &'static str,
    pub ups: &'static str,
}

static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../../costs/year/en.json")),
    (Language::Fr, include_str!("../../costs/year/fr.json")),
]);

pub(crate) fn words(language: Language) -> &'static Words {
    WORDS.get(language)
}

impl Words {
    /// Minutes as hours with one decimal ("31.5 h", "31,5 h").
    pub fn hours(&self, minutes: u32) -> String {
        let tenths = (u64::from(minutes) + 3) / 6;
        let number = format!("{}{}{}", tenths / 10, self.decimal, tenths % 10);
        self.hours.replace("{hours}", &number)
    }

    /// The note under the backups: typical prices and when they were checked.
    pub fn backup_note(&self) -> String {
        self.backup_note
            .replace("{date}", &backups().checked.format("%Y-%m-%d").to_string())
    }
}

/// One outage of the year, read light.
struct Light {
    id: i64,
    started_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    cause: Cause,
    services: Vec<IncidentService>,
    activations: Vec<Activation>,
    expenses: Money,
    spoiled: Money,
    /// Providers called: (contact id, name as written then).
    calls: Vec<(Option<i64>, String)>,
}

/// Where a name is counted: a plan service or contact by id, else by the name written.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Id(i64),
    Name(String),
}

/// A month as it is counted: its outages, each service's (minutes, takings lost), its total.
type MonthCells = (u32, HashMap<Key, (u32, Money)>, Money);

#[derive(Default)]
struct Tally {
    name: String,
    outages: u32,
    minutes: u32,
    lost: Money,
}

impl Store {
    /// The year in outages: the 12 months ending `now` (the shop's local months, with `local`
    /// its UTC offset at a given time), real outages only.
    pub fn year_in_outages(
        &self,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<YearInOutages> {
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let settings = self.cost_settings()?;
        let currency = settings.currency;
        let w = words(language);
        let amount = |m: Money| Amount {
            amount: m,
            text: m.format(currency, language),
        };

        let today = now.with_timezone(&local(now)).date_naive();
        let firsts = month_starts(today);
        let from = local_midnight(firsts[0], local);
        let outages = self.light_outages(from, now)?;

        let mut services: Vec<(Key, Tally)> = Vec::new();
        let mut providers: Vec<(Key, Tally)> = Vec::new();
        // Per month, per service key: (minutes, lost).
        let mut months: Vec<MonthCells> = vec![(0, HashMap::new(), Money::ZERO); 12];
        let mut totals = (
            0u32,
            0u32,
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
        );
        let mut missing: Vec<Missing> = Vec::new();
        let mut saved: Vec<(u32, u32, Money, Vec<String>)> =
            vec![(0, 0, Money::ZERO, Vec::new()); backups().backups.len()];

        for outage in &outages {
            let loss = loss_of(outage, &settings, None, now, local);
            let month_start = outage.started_at.with_timezone(&local(outage.started_at));
            let month = firsts
                .iter()
                .rposition(|first| *first <= month_start.date_naive())
                .unwrap_or(0);
            let minutes = outage_minutes(outage, now);
            let slot = &mut months[month];
            slot.0 += 1;
            slot.2 += loss.total;
            for s in &loss.services {
                let key = s
                    .service_id
                    .map_or_else(|| Key::Name(s.name.clone()), Key::Id);
                let cell = slot.1.entry(key.clone()).or_insert((0, Money::ZERO));
                cell.0 += s.down_minutes;
                cell.1 += s.lost;
                let tally = tally(&mut services, key, &s.name);
                tally.outages += 1;
                tally.minutes += s.down_minutes;
                tally.lost += s.lost;
            }
            let mut called: Vec<Key> = Vec::new();
            for (id, name) in &outage.calls {
                let key = id.map_or_else(|| Key::Name(name.clone()), Key::Id);
                if called.contains(&key) {
                    continue;
                }
                called.push(key.clone());
                let tally = tally(&mut providers, key, name);
                tally.outages += 1;
                tally.minutes += minutes;
                tally.lost += loss.total;
            }
            totals.0 += 1;
            totals.1 += minutes;
            totals.2 += loss.lost_takings;
            totals.3 += loss.staff_cost;
            totals.4 += loss.expenses;
            totals.5 += loss.spoiled;
            for m in &loss.missing {
                if !missing.contains(m) {
                    missing.push(*m);
                }
            }
            for (backup, saving) in backups().backups.iter().zip(saved.iter_mut()) {
                if !applies(backup, outage) {
                    continue;
                }
                let covered = match backup.covers_minutes {
                    None => loss.clone(),
                    Some(first) => loss_of(outage, &settings, Some(first), now, local),
                };
                saving.0 += 1;
                saving.1 += covered
                    .services
                    .iter()
                    .map(|s| s.open_minutes)
                    .max()
                    .unwrap_or(0);
                saving.2 += covered.lost_takings;
                for s in &outage.services {
                    if !saving.3.contains(&s.name) {
                        saving.3.push(s.name.clone());
                    }
                }
            }
        }

        services.sort_by(|a, b| b.1.minutes.cmp(&a.1.minutes).then(a.1.name.cmp(&b.1.name)));
        providers.sort_by(|a, b| b.1.lost.cmp(&a.1.lost).then(b.1.minutes.cmp(&a.1.minutes)));
        let row = |t: &Tally| YearRow {
            name: t.name.clone(),
            outages: t.outages,
            minutes: t.minutes,
            hours: w.hours(t.minutes),
            lost: amount(t.lost),
        };
        let months = months
            .into_iter()
            .zip(&firsts)
            .map(|((count, cells, total), first)| MonthOutages {
                first_day: *first,
                label: w
                    .months
                    .get(first.month0() as usize)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                outages: count,
                minutes: services
                    .iter()
                    .map(|(key, _)| cells.get(key).map_or(0, |c| c.0))
                    .collect(),
                lost: services
                    .iter()
                    .map(|(key, _)| cells.get(key).map_or(Money::ZERO, |c| c.1))
                    .collect(),
                total,
            })
            .collect();
        let backups = backups()
            .backups
            .iter()
            .zip(saved)
            .filter(|(_, (count, ..))| *count > 0)
            .filter_map(|(backup, (count, covered, kept, names))| {
                let price = Money(*backup.price.get(&currency)?);
                let cost = match backup.per {
                    Per::Month => Money(price.minor() * 12),
                    Per::Once => price,
                };
                let template = match backup.key.as_str() {
                    "router_4g" => w.router_4g,
                    "ups" => w.ups,
                    _ => return None,
                };
                let sentence = crate::vocabulary::fill(
                    template,
                    &[
                        ("price", &price.format(currency, language)),
                        ("yearly", &cost.format(currency, language)),
                        ("services", &names.join(", ")),
                        ("count", &count.to_string()),
                        ("hours", &w.hours(covered)),
                        ("kept", &kept.format(currency, language)),
                        (
                            "minutes",
                            &backup.covers_minutes.unwrap_or_default().to_string(),
                        ),
                    ],
                );
                Some(BackupSaving {
                    key: backup.key.clone(),
                    outages: count,
                    covered_minutes: covered,
                    kept,
                    cost,
                    sentence,
                })
            })
            .collect();
        let (count, minutes, lost_takings, staff, expenses, spoiled) = totals;
        Ok(YearInOutages {
            currency,
            language,
            services: services.iter().map(|(_, t)| t.name.clone()).collect(),
            months,
            by_service: services.iter().map(|(_, t)| row(t)).collect(),
            by_provider: providers.iter().map(|(_, t)| row(t)).collect(),
            totals: YearTotals {
                outages: count,
                minutes,
                hours: w.hours(minutes),
                lost_takings: amount(lost_takings),
                staff_cost: amount(staff),
                expenses: amount(expenses),
                spoiled: amount(spoiled),
                total: amount(lost_takings + staff + expenses + spoiled),
            },
            backups,
            missing,
        })
    }

    /// The real outages started from `from` to `now`, oldest first, read light: a handful of
    /// statements for all of them.
    fn light_outages(&self, from: DateTime<Utc>, now: DateTime<Utc>) -> CoreResult<Vec<Light>> {
        // Times compared as times: an imported file may write them in another form.
        const YEAR: &str = "i.drill = 0 AND julianday(i.started_at) >= julianday(?1)
                            AND julianday(i.started_at) <= julianday(?2)";
        let mut outages: Vec<Light> = self
            .conn
            .prepare_cached(&format!(
                "SELECT i.id, i.started_at, i.resolved_at, i.cause FROM incidents i
                 WHERE {YEAR} ORDER BY i.started_at, i.id"
            ))?
            .query_map([from, now], |r| {
                Ok((r.get(0)?, utc_at(r, 1)?, utc_at_opt(r, 2)?, r.get(3)?))
            })?
            .map(|row| {
                let (id, started_at, resolved_at, cause): (i64, _, _, String) = row?;
                Ok(Light {
                    id,
                    started_at,
                    resolved_at,
                    cause: Cause::parse_stored(&cause)?,
                    services: Vec::new(),
                    activations: Vec::new(),
                    expenses: Money::ZERO,
                    spoiled: Money::ZERO,
                    calls: Vec::new(),
                })
            })
            .collect::<CoreResult<_>>()?;
        let index: HashMap<i64, usize> =
            outages.iter().enumerate().map(|(n, o)| (o.id, n)).collect();
        let at = |id: i64| index.get(&id).copied();

        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.incident_id, s.id, s.service_id, s.name, s.priority, s.customer_facing,
                    s.max_downtime_minutes, s.customers_affected, s.customers_per, s.restored_at
             FROM incident_services s JOIN incidents i ON i.id = s.incident_id
             WHERE {YEAR} ORDER BY s.id"
        ))?;
        let mut rows = stmt.query([from, now])?;
        while let Some(r) = rows.next()? {
            let Some(n) = at(r.get(0)?) else { continue };
            let priority: String = r.get(4)?;
            let per: String = r.get(8)?;
            outages[n].services.push(IncidentService {
                id: r.get(1)?,
                service_id: r.get(2)?,
                name: r.get(3)?,
                priority: Priority::parse_stored(&priority)?,
                customer_facing: r.get(5)?,
                max_downtime_minutes: r.get(6)?,
                customers_affected: r.get(7)?,
                customers_per: CustomersPer::parse_stored(&per)?,
                restored_at: utc_at_opt(r, 9)?,
            });
        }
        drop(rows);

        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.incident_id, a.activated_at, w.service_id, s.kept_percent
             FROM workaround_activations a JOIN incidents i ON i.id = a.incident_id
             JOIN workarounds w ON w.id = a.workaround_id
             LEFT JOIN workaround_sales s ON s.workaround_id = w.id
             WHERE {YEAR}"
        ))?;
        let mut rows = stmt.query([from, now])?;
        while let Some(r) = rows.next()? {
            let Some(n) = at(r.get(0)?) else { continue };
            outages[n]
                .activations
                .push((utc_at(r, 1)?, r.get(2)?, r.get(3)?));
        }
        drop(rows);

        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.incident_id, c.contact_id, c.contact_name
             FROM calls c JOIN incidents i ON i.id = c.incident_id
             WHERE {YEAR} ORDER BY c.called_at, c.id"
        ))?;
        let mut rows = stmt.query([from, now])?;
        while let Some(r) = rows.next()? {
            let Some(n) = at(r.get(0)?) else { continue };
            outages[n].calls.push((r.get(1)?, r.get(2)?));
        }
        drop(rows);

        // Few outages have expenses or spoiled stock: read theirs as the loss does.
        let with_costs: Vec<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT i.id FROM incidents i
                 WHERE {YEAR} AND (EXISTS (SELECT 1 FROM incident_expenses e
                                           WHERE e.incident_id = i.id)
                                   OR EXISTS (SELECT 1 FROM spoiled_stock p
                                              WHERE p.incident_id = i.id))"
            ))?
            .query_map([from, now], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in with_costs {
            let Some(n) = at(id) else { continue };
            let costs = self.incident_costs(id)?;
            outages[n].expenses = costs.expenses.iter().map(|e| e.amount).sum();
            outages[n].spoiled = costs.spoiled.iter().map(|s| s.total).sum();
        }
        Ok(outages)
    }
}

/// The loss of `outage` as [`Store::loss`] counts it; with `first`, only of its first
/// minutes (what a backup lasting that long would have covered), and takings only.
fn loss_of(
    outage: &Light,
    settings: &super::CostSettings,
    first: Option<u32>,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
) -> Loss {
    match first {
        None => compute_outage(
            &Outage {
                started_at: outage.started_at,
                resolved_at: outage.resolved_at,
                services: &outage.services,
            },
            settings,
            &outage.activations,
            outage.expenses,
            outage.spoiled,
            now,
            local,
        ),
        Some(first) => {
            let until = outage.started_at + Duration::minutes(i64::from(first));
            let end = outage.resolved_at.unwrap_or(now).min(until);
            let services: Vec<IncidentService> = outage
                .services
                .iter()
                .map(|s| IncidentService {
                    restored_at: Some(s.restored_at.unwrap_or(end).min(end)),
                    ..s.clone()
                })
                .collect();
            compute_outage(
                &Outage {
                    started_at: outage.started_at,
                    resolved_at: Some(end),
                    services: &services,
                },
                settings,
                &outage.activations,
                Money::ZERO,
                Money::ZERO,
                now,
                local,
            )
        }
    }
}

/// The outage's downtime end to end, up to now, at most the days a loss counts.
fn outage_minutes(outage: &Light, now: DateTime<Utc>) -> u32 {
    let end = outage
        .resolved_at
        .unwrap_or(now)
        .min(now)
        .min(outage.started_at + Duration::days(COUNTED_DAYS_MAX));
    u32::try_from(((end - outage.started_at).num_seconds().max(0) + 30) / 60).unwrap_or(u32::MAX)
}

/// Whether `backup` answers `outage`: by its cause, or, when the cause is not known, by a
/// service named like what the backup keeps going.
fn applies(backup: &Backup, outage: &Light) -> bool {
    if outage.cause != Cause::Unknown {
        return backup.causes.contains(&outage.cause);
    }
    outage.services.iter().any(|s| {
        let name = s.name.to_lowercase();
        name.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|word| backup.names.iter().any(|n| n == word))
    })
}

fn tally<'t>(tallies: &'t mut Vec<(Key, Tally)>, key: Key, name: &str) -> &'t mut Tally {
    let n = match tallies.iter().position(|(k, _)| *k == key) {
        Some(n) => n,
        None => {
            tallies.push((
                key,
                Tally {
                    name: name.to_owned(),
                    ..Tally::default()
                },
            ));
            tallies.len() - 1
        }
    };
    &mut tallies[n].1
}

/// The first days of the 12 months ending with `today`'s, oldest first.
fn month_starts(today: NaiveDate) -> Vec<NaiveDate> {
    let mut first = today.with_day(1).unwrap_or(today);
    let mut out = vec![first];
    for _ in 0..11 {
        first = (first - chrono::Days::new(1)).with_day(1).unwrap_or(first);
        out.push(first);
    }
    out.reverse();
    out
}

/// Midnight of `day` in the shop's time, as a moment.
fn local_midnight(day: NaiveDate, local: &dyn Fn(DateTime<Utc>) -> FixedOffset) -> DateTime<Utc> {
    let naive = day.and_time(chrono::NaiveTime::MIN);
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or(naive).and_utc();
    local(noon)
        .from_local_datetime(&naive)
        .single()
        .map_or(naive.and_utc(), |at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests;
