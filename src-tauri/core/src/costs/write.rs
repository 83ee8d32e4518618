//! Saving what an outage costs: the plan's figures, and an outage's expenses and spoiled
//! stock. Each is one transaction; refused input names its field and changes nothing.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::money::{format_quantity, parse_amount, parse_quantity, Money};
use super::*;
use crate::error::{CoreError, FieldProblem};
use crate::field_paths::{
    CostSettingsField, ExpenseField, FieldPath, ServiceCostsField, SpoiledField,
};
use crate::fields::{Problems, LINE_MAX, NOTES_MAX};
use crate::incidents::write::event;
use crate::incidents::Happened;

/// Reads an amount typed in `field`; a refusal is added to `p`.
fn amount<F: FieldPath>(p: &mut Problems<F>, field: F, text: &str) -> Option<Money> {
    match parse_amount(text) {
        Ok(money) => money,
        Err(problem) => {
            p.add(field, problem);
            None
        }
    }
}

/// A whole number that must lie in `0..=max`.
fn bounded<F: FieldPath>(
    p: &mut Problems<F>,
    field: F,
    value: Option<i64>,
    max: u32,
) -> Option<u32> {
    let value = value?;
    if value < 0 {
        p.add(field, FieldProblem::Negative);
        None
    } else if value > i64::from(max) {
        p.add(field, FieldProblem::TooLarge { max });
        None
    } else {
        u32::try_from(value).ok()
    }
}

/// When the incident an outage's cost is written to started: it exists and is not a drill's
/// (refused at `field` if it is).
pub(crate) fn real_incident(
    tx: &Transaction<'_>,
    incident: i64,
    field: impl FieldPath,
) -> CoreResult<DateTime<Utc>> {
    let row: Option<(bool, DateTime<Utc>)> = tx
        .query_row(
            "SELECT drill, started_at FROM incidents WHERE id = ?1",
            [incident],
            |r| Ok((r.get(0)?, crate::moments::utc_at(r, 1)?)),
        )
        .optional()?;
    match row {
        None => Err(CoreError::NotFound(format!("incident {incident}"))),
        Some((true, _)) => Err(CoreError::Validation(vec![crate::error::FieldError::new(
            field,
            FieldProblem::NotForDrills,
        )])),
        Some((false, started_at)) => Ok(started_at),
    }
}

fn count(tx: &Transaction<'_>, table: &str, incident: i64) -> CoreResult<usize> {
    let n: i64 = tx.query_row(
        &format!("SELECT count(*) FROM {table} WHERE incident_id = ?1"),
        [incident],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

impl Store {
    /// Saves what an hour of outage costs the whole business.
    pub fn save_cost_settings(&mut self, input: &CostSettingsInput) -> CoreResult<CostSettings> {
        self.save_cost_settings_at(input, Utc::now())
    }

    pub fn save_cost_settings_at(
        &mut self,
        input: &CostSettingsInput,
        now: DateTime<Utc>,
    ) -> CoreResult<CostSettings> {
        use CostSettingsField as F;
        let mut p = Problems::default();
        if input.days.len() != 7 {
            p.add(F::Days, FieldProblem::Required);
        }
        let mut days = Vec::new();
        for (i, day) in input.days.iter().enumerate().take(7) {
            let takings = amount(&mut p, F::Takings(i), &day.takings);
            if !day.open {
                continue;
            }
            let opens = minutes_of(&day.opens);
            let closes = minutes_of(&day.closes);
            if opens.is_none() {
                p.add(F::Opens(i), FieldProblem::NotATime);
            }
            if closes.is_none() {
                p.add(F::Closes(i), FieldProblem::NotATime);
            }
            if let (Some(o), Some(c)) = (opens, closes) {
                // Closing earlier than opening is closing after midnight (18:00 to 02:00);
                // the same time for both says nothing.
                if c == o {
                    p.add(F::Closes(i), FieldProblem::EndsBeforeStart);
                }
                days.push((i as i64 + 1, hh_mm(o), hh_mm(c), takings));
            }
        }
        let staff = amount(&mut p, F::StaffPerHour, &input.staff_per_hour);
        let kva = bounded(&mut p, F::SubscribedKva, input.subscribed_kva, 100_000);
        if kva == Some(0) {
            p.add(F::SubscribedKva, FieldProblem::NotPositive);
        }
        let waiting = bounded(&mut p, F::WaitingHours, input.waiting_hours, 8760);
        let utility = p.text(F::Utility, &input.utility, LINE_MAX);
        let insurer = p.text(F::Insurer, &input.insurer, LINE_MAX);
        let policy = p.text(F::PolicyNumber, &input.policy_number, LINE_MAX);
        p.into_result().map_err(CoreError::Validation)?;

        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO cost_settings (id, currency, staff_per_hour, subscribed_kva, utility,
                 insurer, policy_number, waiting_hours, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET currency = ?1, staff_per_hour = ?2,
                 subscribed_kva = ?3, utility = ?4, insurer = ?5, policy_number = ?6,
                 waiting_hours = ?7, updated_at = ?8",
            params![
                input.currency.as_str(),
                staff.map(Money::minor),
                kva,
                utility,
                insurer,
                policy,
                waiting,
                now
            ],
        )?;
        tx.execute("DELETE FROM opening_days", [])?;
        for (weekday, opens, closes, takings) in days {
            tx.execute(
                "INSERT INTO opening_days (weekday, opens, closes, takings_per_hour)
                 VALUES (?1, ?2, ?3, ?4)",
                params![weekday, opens, closes, takings.map(Money::minor)],
            )?;
        }
        tx.commit()?;
        self.cost_settings()
    }

    /// Saves a service's own takings and what its workarounds still sell.
    pub fn save_service_costs(
        &mut self,
        service: i64,
        input: &ServiceCostsInput,
    ) -> CoreResult<CostSettings> {
        use ServiceCostsField as F;
        let known: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM workarounds WHERE service_id = ?1")?
            .query_map([service], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let exists: bool = self
            .conn
            .prepare_cached("SELECT 1 FROM services WHERE id = ?1")?
            .exists([service])?;
        if !exists {
            return Err(CoreError::NotFound(format!("service {service}")));
        }
        // Capped before any item is looked at: a service has at most its own workarounds.
        if input.workarounds.len() > known.len() {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                F::Workarounds,
                FieldProblem::TooLarge {
                    max: u32::try_from(known.len()).unwrap_or(u32::MAX),
                },
            )]));
        }
        let mut p = Problems::default();
        if input.takings.len() != 7 {
            p.add(F::Takings, FieldProblem::Required);
        }
        let takings: Vec<(i64, Option<Money>)> = input
            .takings
            .iter()
            .take(7)
            .enumerate()
            .map(|(i, text)| (i as i64 + 1, amount(&mut p, F::Day(i), text)))
            .collect();
        let mut kept = Vec::new();
        for (i, w) in input.workarounds.iter().enumerate() {
            if !known.contains(&w.workaround_id) {
                p.add(F::Workaround(i), FieldProblem::Unknown);
            } else if kept.iter().any(|(id, _)| *id == w.workaround_id) {
                p.add(F::Workaround(i), FieldProblem::Twice);
            }
            let percent = bounded(&mut p, F::KeptPercent(i), w.kept_percent, 100);
            kept.push((w.workaround_id, percent));
        }
        p.into_result().map_err(CoreError::Validation)?;

        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM service_takings WHERE service_id = ?1",
            [service],
        )?;
        for (weekday, amount) in takings {
            if let Some(amount) = amount {
                tx.execute(
                    "INSERT INTO service_takings (service_id, weekday, takings_per_hour)
                     VALUES (?1, ?2, ?3)",
                    params![service, weekday, amount.minor()],
                )?;
            }
        }
        for (workaround, percent) in kept {
            match percent {
                Some(percent) => tx.execute(
                    "INSERT INTO workaround_sales (workaround_id, kept_percent) VALUES (?1, ?2)
                     ON CONFLICT (workaround_id) DO UPDATE SET kept_percent = ?2",
                    params![workaround, percent],
                )?,
                None => tx.execute(
                    "DELETE FROM workaround_sales WHERE workaround_id = ?1",
                    [workaround],
                )?,
            };
        }
        tx.commit()?;
        self.cost_settings()
    }

    /// Records something the outage made the owner spend.
    pub fn add_expense(
        &mut self,
        incident: i64,
        input: &ExpenseInput,
        now: DateTime<Utc>,
    ) -> CoreResult<IncidentCosts> {
        use ExpenseField as F;
        let mut p = Problems::default();
        let what = p.text(F::What, &input.what, LINE_MAX);
        if what.is_empty() {
            p.add(F::What, FieldProblem::Required);
        }
        let amount = amount(&mut p, F::Amount, &input.amount);
        if amount.is_none() && input.amount.trim().is_empty() {
            p.add(F::Amount, FieldProblem::Required);
        }
        // Today as the shop counts it: the form fills in the local date.
        let today = now.with_timezone(&self.local_offset(now)).date_naive();
        if input.spent_on.is_some_and(|day| day > today) {
            p.add(F::SpentOn, FieldProblem::OutsideOutage);
        }
        let tx = self.conn.transaction()?;
        let started_at = real_incident(&tx, incident, F::What)?;
        if input
            .spent_on
            .is_some_and(|day| day < started_at.date_naive() - chrono::Days::new(1))
        {
            p.add(F::SpentOn, FieldProblem::OutsideOutage);
        }
        if count(&tx, "incident_expenses", incident)? >= MAX_ENTRIES {
            p.add(
                F::What,
                FieldProblem::TooLarge {
                    max: MAX_ENTRIES as u32,
                },
            );
        }
        p.into_result().map_err(CoreError::Validation)?;
        let amount = amount.unwrap_or(Money::ZERO);
        tx.execute(
            "INSERT INTO incident_expenses (incident_id, what, amount, spent_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![incident, what, amount.minor(), input.spent_on, now],
        )?;
        let currency = currency_in(&tx)?;
        let language = language_in(&tx)?;
        event(
            &tx,
            incident,
            now,
            Happened::ExpenseAdded {
                what,
                amount: amount.format(currency, language),
            },
        )?;
        tx.commit()?;
        self.incident_costs(incident)
    }

    pub fn delete_expense(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<IncidentCosts> {
        let tx = self.conn.transaction()?;
        let (incident, what): (i64, String) = tx
            .query_row(
                "SELECT incident_id, what FROM incident_expenses WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("expense {id}")))?;
        real_incident(&tx, incident, ExpenseField::What)?;
        tx.execute("DELETE FROM incident_expenses WHERE id = ?1", [id])?;
        event(&tx, incident, now, Happened::ExpenseRemoved { what })?;
        tx.commit()?;
        self.incident_costs(incident)
    }

    /// Records stock thrown away because of the outage.
    pub fn add_spoiled(
        &mut self,
        incident: i64,
        input: &SpoiledInput,
        now: DateTime<Utc>,
    ) -> CoreResult<IncidentCosts> {
        use SpoiledField as F;
        let mut p = Problems::default();
        let item = p.text(F::Item, &input.item, LINE_MAX);
        if item.is_empty() {
            p.add(F::Item, FieldProblem::Required);
        }
        let quantity = match parse_quantity(&input.quantity) {
            Ok(Some(q)) => Some(q),
            Ok(None) => {
                p.add(F::Quantity, FieldProblem::Required);
                None
            }
            Err(problem) => {
                p.add(F::Quantity, problem);
                None
            }
        };
        let unit = p.text(F::Unit, &input.unit, 40);
        let unit_cost = amount(&mut p, F::UnitCost, &input.unit_cost);
        if unit_cost.is_none() && input.unit_cost.trim().is_empty() {
            p.add(F::UnitCost, FieldProblem::Required);
        }
        let why = p.text(F::Why, &input.why, NOTES_MAX);
        let thrown_at = input.thrown_at.unwrap_or(now);
        let tx = self.conn.transaction()?;
        let started_at = real_incident(&tx, incident, F::Item)?;
        if thrown_at < started_at || thrown_at > now + chrono::Duration::minutes(1) {
            p.add(F::ThrownAt, FieldProblem::OutsideOutage);
        }
        if let Some(store) = input.cold_store_id {
            let known: bool = tx
                .prepare_cached("SELECT 1 FROM cold_stores WHERE id = ?1")?
                .exists([store])?;
            if !known {
                p.add(F::ColdStoreId, FieldProblem::Unknown);
            }
        }
        if let (Some(q), Some(c)) = (quantity, unit_cost) {
            if item_total(q, c).minor() > money::MINOR_MAX {
                p.add(
                    F::Quantity,
                    FieldProblem::TooLarge {
                        max: money::AMOUNT_MAX,
                    },
                );
            }
        }
        if count(&tx, "spoiled_stock", incident)? >= MAX_ENTRIES {
            p.add(
                F::Item,
                FieldProblem::TooLarge {
                    max: MAX_ENTRIES as u32,
                },
            );
        }
        p.into_result().map_err(CoreError::Validation)?;
        let (quantity, unit_cost) = (quantity.unwrap_or(1), unit_cost.unwrap_or(Money::ZERO));
        tx.execute(
            "INSERT INTO spoiled_stock (incident_id, cold_store_id, item, quantity_milli, unit,
                 unit_cost, thrown_at, why, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                incident,
                input.cold_store_id,
                item,
                quantity,
                unit,
                unit_cost.minor(),
                thrown_at,
                why,
                now
            ],
        )?;
        let currency = currency_in(&tx)?;
        let language = language_in(&tx)?;
        let quantity_text = format!("{} {unit}", format_quantity(quantity, language))
            .trim_end()
            .to_owned();
        event(
            &tx,
            incident,
            now,
            Happened::StockSpoiled {
                item,
                quantity: quantity_text,
                amount: item_total(quantity, unit_cost).format(currency, language),
            },
        )?;
        tx.commit()?;
        self.incident_costs(incident)
    }

    pub fn delete_spoiled(&mut self, id: i64, now: DateTime<Utc>) -> CoreResult<IncidentCosts> {
        let tx = self.conn.transaction()?;
        let (incident, item): (i64, String) = tx
            .query_row(
                "SELECT incident_id, item FROM spoiled_stock WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("spoiled item {id}")))?;
        real_incident(&tx, incident, SpoiledField::Item)?;
        tx.execute("DELETE FROM spoiled_stock WHERE id = ?1", [id])?;
        event(&tx, incident, now, Happened::SpoiledRemoved { item })?;
        tx.commit()?;
        self.incident_costs(incident)
    }
}

fn currency_in(tx: &Transaction<'_>) -> CoreResult<Currency> {
    let stored: Option<String> = tx
        .query_row("SELECT currency FROM cost_settings WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    match stored {
        Some(code) => Currency::parse_stored(&code),
        None => {
            let country: Option<String> = tx
                .query_row("SELECT country FROM business", [], |r| r.get(0))
                .optional()?
                .flatten();
            let country = country
                .as_deref()
                .and_then(|c| crate::business::Country::parse_stored(c).ok());
            Ok(Currency::of(country))
        }
    }
}

pub(crate) fn language_in(tx: &Transaction<'_>) -> CoreResult<crate::business::Language> {
    let stored: Option<String> = tx
        .query_row("SELECT language FROM business", [], |r| r.get(0))
        .optional()?;
    Ok(stored
        .as_deref()
        .and_then(|l| crate::business::Language::parse_stored(l).ok())
        .unwrap_or(crate::business::Language::En))
}

/// Minutes since midnight as `HH:MM`.
fn hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
