//! What an outage costs the business, and what it can claim. The plan says once what an hour
//! of outage costs (opening hours and typical takings by weekday, a service's own takings, what
//! a workaround still sells, staff paid to wait); an outage adds what it made the owner spend
//! and the stock thrown away. [`loss`] turns that into the running estimate and the loss
//! summary, line by line, every figure traced to what was entered.
//!
//! Architecture invariant: money is [`Money`], whole minor units; a share of an amount is
//! rounded once, where it is computed. Drills have no costs: every write here refuses a
//! drill's incident, and nothing here counts one.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreResult;
use crate::store::Store;

pub mod claims;
pub mod cold;
pub mod loss;
pub mod money;
mod write;
pub mod year;

pub use claims::{ClaimOutcome, ClaimPayer, Claims, InsuranceOutcome};
pub use cold::{ColdClock, ColdKind, ColdState, ColdStoreInput, ColdStores};
pub use loss::{Loss, LossSegment, Missing, ServiceLoss};
pub use money::{Currency, Money};
pub use year::YearInOutages;

#[cfg(test)]
mod tests;

/// The longest text of an expense's or a spoiled item's description.
pub use crate::fields::LINE_MAX as ITEM_MAX;
/// Most expenses, spoiled items or readings one outage may record.
pub const MAX_ENTRIES: usize = 500;

/// One day the business is open: its hours (the shop's local `HH:MM`) and what it typically
/// takes per hour then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningDay {
    /// ISO weekday: 1 is Monday, 7 Sunday.
    pub weekday: u8,
    pub opens: String,
    pub closes: String,
    pub takings_per_hour: Option<Money>,
}

/// A service's own costs: its takings by weekday (index 0 is Monday; `None`: the business's
/// that day) and what each of its workarounds still sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCosts {
    #[ts(type = "number")]
    pub service_id: i64,
    pub name: String,
    pub takings: Vec<Option<Money>>,
    pub workarounds: Vec<WorkaroundSales>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkaroundSales {
    #[ts(type = "number")]
    pub workaround_id: i64,
    pub title: String,
    /// Percent of the service's takings still made while it runs; `None`: not said.
    pub kept_percent: Option<u8>,
}

/// What an hour of outage costs, as the plan says it. Every figure is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CostSettings {
    pub currency: Currency,
    /// The days the business is open, Monday first; a day not listed is closed.
    pub days: Vec<OpeningDay>,
    pub staff_per_hour: Option<Money>,
    pub subscribed_kva: Option<u32>,
    pub utility: String,
    pub insurer: String,
    pub policy_number: String,
    /// The business-interruption cover's waiting period, in hours.
    pub waiting_hours: Option<u32>,
    /// Every service of the plan, in the plan's order, with its own costs.
    pub services: Vec<ServiceCosts>,
    /// `None` until the owner saved them once.
    pub updated_at: Option<DateTime<Utc>>,
}

/// One day as the owner fills it in: open or not, hours, takings per hour as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningDayInput {
    pub open: bool,
    pub opens: String,
    pub closes: String,
    pub takings: String,
}

/// The plan's costs as the owner fills them in: amounts as typed ("1 234,50").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CostSettingsInput {
    pub currency: Currency,
    /// Seven days, Monday first.
    pub days: Vec<OpeningDayInput>,
    pub staff_per_hour: String,
    #[ts(type = "number | null")]
    pub subscribed_kva: Option<i64>,
    pub utility: String,
    pub insurer: String,
    pub policy_number: String,
    #[ts(type = "number | null")]
    pub waiting_hours: Option<i64>,
}

/// A service's costs as the owner fills them in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCostsInput {
    /// Seven amounts, Monday first; blank: the business's takings that day.
    pub takings: Vec<String>,
    pub workarounds: Vec<WorkaroundSalesInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkaroundSalesInput {
    #[ts(type = "number")]
    pub workaround_id: i64,
    #[ts(type = "number | null")]
    pub kept_percent: Option<i64>,
}

/// Something the outage made the owner spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Expense {
    #[ts(type = "number")]
    pub id: i64,
    pub what: String,
    pub amount: Money,
    pub spent_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpenseInput {
    pub what: String,
    pub amount: String,
    pub spent_on: Option<NaiveDate>,
}

/// Stock thrown away because of the outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpoiledItem {
    #[ts(type = "number")]
    pub id: i64,
    pub item: String,
    /// Thousandths of the unit: 2.5 kg is 2500.
    #[ts(type = "number")]
    pub quantity_milli: i64,
    pub unit: String,
    pub unit_cost: Money,
    /// Quantity times unit cost, rounded once.
    pub total: Money,
    pub thrown_at: DateTime<Utc>,
    pub why: String,
    #[ts(type = "number | null")]
    pub cold_store_id: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpoiledInput {
    pub item: String,
    pub quantity: String,
    pub unit: String,
    pub unit_cost: String,
    /// When it was thrown away; `None`: now.
    pub thrown_at: Option<DateTime<Utc>>,
    pub why: String,
    #[ts(type = "number | null")]
    pub cold_store_id: Option<i64>,
}

/// An outage's own costs: what it made the owner spend and the stock thrown away.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IncidentCosts {
    pub expenses: Vec<Expense>,
    pub spoiled: Vec<SpoiledItem>,
}

/// `HH:MM` (or `24:00`) as minutes since midnight.
pub fn minutes_of(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(24 * 60),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// `quantity_milli` of `unit_cost`, rounded once.
pub fn item_total(quantity_milli: i64, unit_cost: Money) -> Money {
    Money::rounded(
        i128::from(quantity_milli) * i128::from(unit_cost.minor()),
        1000,
    )
}

impl Store {
    /// What an hour of outage costs, as the plan says it now.
    pub fn cost_settings(&self) -> CoreResult<CostSettings> {
        let country = self.business()?.and_then(|b| b.country);
        let row = self
            .conn
            .query_row(
                "SELECT currency, staff_per_hour, subscribed_kva, utility, insurer,
                        policy_number, waiting_hours, updated_at
                 FROM cost_settings WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<u32>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<u32>>(6)?,
                        crate::moments::utc_at(r, 7)?,
                    ))
                },
            )
            .optional()?;
        let days = self
            .conn
            .prepare_cached(
                "SELECT weekday, opens, closes, takings_per_hour FROM opening_days
                 ORDER BY weekday",
            )?
            .query_map([], |r| {
                Ok(OpeningDay {
                    weekday: r.get(0)?,
                    opens: r.get(1)?,
                    closes: r.get(2)?,
                    takings_per_hour: r.get::<_, Option<i64>>(3)?.map(Money),
                })
            })?
            .collect::<Result<_, _>>()?;
        let services = self.service_costs()?;
        Ok(match row {
            Some((currency, staff, kva, utility, insurer, policy, waiting, updated_at)) => {
                CostSettings {
                    currency: Currency::parse_stored(&currency)?,
                    days,
                    staff_per_hour: staff.map(Money),
                    subscribed_kva: kva,
                    utility,
                    insurer,
                    policy_number: policy,
                    waiting_hours: waiting,
                    services,
                    updated_at: Some(updated_at),
                }
            }
            None => CostSettings {
                currency: Currency::of(country),
                days,
                staff_per_hour: None,
                subscribed_kva: None,
                utility: String::new(),
                insurer: String::new(),
                policy_number: String::new(),
                waiting_hours: None,
                services,
                updated_at: None,
            },
        })
    }

    fn service_costs(&self) -> CoreResult<Vec<ServiceCosts>> {
        let mut services: Vec<ServiceCosts> = self
            .conn
            .prepare_cached("SELECT id, name FROM services ORDER BY id")?
            .query_map([], |r| {
                Ok(ServiceCosts {
                    service_id: r.get(0)?,
                    name: r.get(1)?,
                    takings: vec![None; 7],
                    workarounds: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let takings: Vec<(i64, i64, i64)> = self
            .conn
            .prepare_cached("SELECT service_id, weekday, takings_per_hour FROM service_takings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (service, weekday, amount) in takings {
            if let Some(s) = services.iter_mut().find(|s| s.service_id == service) {
                if let Some(slot) = s
                    .takings
                    .get_mut(usize::try_from(weekday - 1).unwrap_or(usize::MAX))
                {
                    *slot = Some(Money(amount));
                }
            }
        }
        let workarounds: Vec<(i64, i64, String, Option<u8>)> = self
            .conn
            .prepare_cached(
                "SELECT w.id, w.service_id, w.title, s.kept_percent
                 FROM workarounds w LEFT JOIN workaround_sales s ON s.workaround_id = w.id
                 ORDER BY w.service_id, w.position, w.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, service, title, kept) in workarounds {
            if let Some(s) = services.iter_mut().find(|s| s.service_id == service) {
                s.workarounds.push(WorkaroundSales {
                    workaround_id: id,
                    title,
                    kept_percent: kept,
                });
            }
        }
        Ok(services)
    }

    /// An outage's own costs, oldest first.
    pub fn incident_costs(&self, incident: i64) -> CoreResult<IncidentCosts> {
        let expenses = self
            .conn
            .prepare_cached(
                "SELECT id, what, amount, spent_on FROM incident_expenses
                 WHERE incident_id = ?1 ORDER BY id",
            )?
            .query_map([incident], |r| {
                Ok(Expense {
                    id: r.get(0)?,
                    what: r.get(1)?,
                    amount: Money(r.get(2)?),
                    spent_on: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let spoiled = self
            .conn
            .prepare_cached(
                "SELECT id, item, quantity_milli, unit, unit_cost, thrown_at, why, cold_store_id
                 FROM spoiled_stock WHERE incident_id = ?1 ORDER BY thrown_at, id",
            )?
            .query_map([incident], |r| {
                let quantity_milli: i64 = r.get(2)?;
                let unit_cost = Money(r.get(4)?);
                Ok(SpoiledItem {
                    id: r.get(0)?,
                    item: r.get(1)?,
                    quantity_milli,
                    unit: r.get(3)?,
                    unit_cost,
                    total: item_total(quantity_milli, unit_cost),
                    thrown_at: crate::moments::utc_at(r, 5)?,
                    why: r.get(6)?,
                    cold_store_id: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(IncidentCosts { expenses, spoiled })
    }
}
