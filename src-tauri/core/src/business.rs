//! The business the plan is for: its name, what kind of business it is, the language the
//! owner wants and the country it is in. Its absence means Steady has never been set up on
//! this machine.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::BusinessField;
use crate::fields::{Problems, LINE_MAX};
use crate::store::Store;
use crate::text_enum;

mod country;

pub use country::{Clock, Country, EmergencyNumber, EmergencyService};

text_enum! {
    /// The kinds of business Steady has starter plans for.
    pub enum BusinessType {
        RetailShop = "retail_shop",
        CafeRestaurant = "cafe_restaurant",
        Salon = "salon",
        Office = "office",
        Other = "other",
    }
}

text_enum! {
    /// The languages Steady speaks.
    pub enum Language {
        En = "en",
        Fr = "fr",
    }
}

impl Language {
    /// The language for a system locale such as `fr-FR` or `fr_CA.UTF-8`; English otherwise.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("fr") {
            Self::Fr
        } else {
            Self::En
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Business {
    pub name: String,
    pub business_type: BusinessType,
    pub language: Language,
    /// `None` for a plan made before Steady asked (then numbers are checked by shape only).
    pub country: Option<Country>,
    /// How times are written for this business in its language: the window follows it too.
    pub clock: Clock,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the owner fills in at first run (and may change later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BusinessInput {
    pub name: String,
    pub business_type: BusinessType,
    pub language: Language,
    #[serde(default)]
    pub country: Option<Country>,
}

impl Store {
    /// The business profile, or `None` before the first-run questions were answered.
    pub fn business(&self) -> CoreResult<Option<Business>> {
        self.conn
            .query_row(
                "SELECT name, business_type, language, country, created_at, updated_at
                 FROM business WHERE id = 1",
                [],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                },
            )
            .optional()?
            .map(
                |(name, business_type, language, country, created_at, updated_at)| {
                    let language = Language::parse_stored(&language)?;
                    let country = country.as_deref().map(Country::parse_stored).transpose()?;
                    Ok(Business {
                        name,
                        business_type: BusinessType::parse_stored(&business_type)?,
                        language,
                        country,
                        clock: Clock::of(country, language),
                        created_at,
                        updated_at,
                    })
                },
            )
            .transpose()
    }

    /// The business's name alone, read the same way at every schema (an export of an older
    /// file names its business too); empty before the first run.
    pub fn business_name(&self) -> CoreResult<String> {
        Ok(self
            .conn
            .query_row("SELECT name FROM business WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()?
            .unwrap_or_default())
    }

    /// The country the business is in, once the owner said.
    pub fn country(&self) -> CoreResult<Option<Country>> {
        Ok(self.business()?.and_then(|b| b.country))
    }

    /// Creates or updates the business profile.
    pub fn save_business(
        &mut self,
        input: &BusinessInput,
        now: DateTime<Utc>,
    ) -> CoreResult<Business> {
        let mut problems = Problems::default();
        let name = problems.text(BusinessField::Name, &input.name, LINE_MAX);
        if name.is_empty() {
            problems.add(BusinessField::Name, FieldProblem::Required);
        }
        problems.into_result().map_err(CoreError::Validation)?;

        // A savepoint, so that the first run can make this and the starter plan one transaction.
        let tx = self.conn.savepoint()?;
        let before: Option<String> = tx
            .query_row("SELECT country FROM business WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        tx.execute(
            "INSERT INTO business (id, name, business_type, language, country, created_at, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, business_type = excluded.business_type,
                language = excluded.language, country = excluded.country,
                updated_at = excluded.updated_at",
            params![
                name,
                input.business_type.as_str(),
                input.language.as_str(),
                input.country.map(Country::as_str),
                now
            ],
        )?;
        if let Some(country) = input.country {
            if before.as_deref() != Some(country.as_str()) {
                emergency_numbers_follow(&tx, country, input.language)?;
            }
        }
        tx.commit()?;
        self.business()?
            .ok_or_else(|| CoreError::NotFound("business".into()))
    }

    /// The first run: the business and, when the owner asked for it, the starter plan for its
    /// type in its language, in one transaction — a Steady closed halfway would otherwise keep
    /// a business with an empty plan and never show the welcome screen again.
    pub fn start_business(
        &mut self,
        input: &BusinessInput,
        with_starter: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<Business> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let written = self.save_business(input, now).and_then(|business| {
            if with_starter {
                self.apply_starter_plan(business.business_type, business.language, now)?;
            }
            Ok(business)
        });
        match written.and_then(|business| {
            self.conn.execute_batch("COMMIT")?;
            Ok(business)
        }) {
            Ok(business) => Ok(business),
            Err(err) => {
                if !self.conn.is_autocommit() {
                    self.conn.execute_batch("ROLLBACK")?;
                }
                Err(err)
            }
        }
    }
}

/// A business that moved to `country`: every emergency contact still holding a country's
/// numbers exactly as Steady wrote them (the starter plan's) gets `country`'s instead. Numbers
/// the owner wrote themselves are theirs and stay.
fn emergency_numbers_follow(
    tx: &rusqlite::Connection,
    country: Country,
    language: Language,
) -> CoreResult<()> {
    let generated: Vec<Vec<String>> = Country::ALL
        .iter()
        .map(|c| {
            c.emergency_numbers(language)
                .into_iter()
                .map(|n| n.number)
                .collect()
        })
        .collect();
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM contacts WHERE kind = 'emergency'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        let numbers: Vec<String> = tx
            .prepare("SELECT number FROM contact_phones WHERE contact_id = ?1 ORDER BY position")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if numbers.is_empty() || !generated.contains(&numbers) {
            continue;
        }
        tx.execute("DELETE FROM contact_phones WHERE contact_id = ?1", [id])?;
        for (position, number) in country.emergency_numbers(language).into_iter().enumerate() {
            tx.execute(
                "INSERT INTO contact_phones (contact_id, position, label, number)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    id,
                    i64::try_from(position).unwrap_or(i64::MAX),
                    number.label,
                    number.number
                ],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, hour, 0, 0).unwrap()
    }

    #[test]
    fn business_is_absent_until_saved_then_updated_in_place() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.business().unwrap(), None);

        let input = BusinessInput {
            name: "  Café du Coin ".into(),
            business_type: BusinessType::CafeRestaurant,
            language: Language::Fr,
            country: None,
        };
        let first = store.save_business(&input, at(9)).unwrap();
        assert_eq!(first.name, "Café du Coin");
        assert_eq!(first.created_at, at(9));

        let renamed = BusinessInput {
            name: "Le Coin".into(),
            ..input
        };
        let second = store.save_business(&renamed, at(10)).unwrap();
        assert_eq!(second.name, "Le Coin");
        assert_eq!(second.created_at, at(9));
        assert_eq!(second.updated_at, at(10));
        assert_eq!(store.business().unwrap(), Some(second));
    }

    /// A store whose next service cannot be written: the starter plan fails halfway, as it
    /// would if Steady were closed (or the disk filled) between the business and the plan.
    fn failing_starter_plan() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER halfway BEFORE INSERT ON services
                 BEGIN SELECT RAISE(ABORT, 'halfway'); END;",
            )
            .unwrap();
        store
    }

    fn cafe() -> BusinessInput {
        BusinessInput {
            name: "Corner Café".into(),
            business_type: BusinessType::CafeRestaurant,
            language: Language::En,
            country: Some(Country::France),
        }
    }

    #[test]
    fn the_first_run_writes_the_business_and_its_starter_plan_together_or_not_at_all() {
        // Two writes, as the welcome screen made them: the business stays without its plan,
        // and the welcome screen is never shown again.
        let mut store = failing_starter_plan();
        store.save_business(&cafe(), at(9)).unwrap();
        assert!(store
            .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, at(9))
            .is_err());
        assert!(store.business().unwrap().is_some());
        assert!(store.list_services().unwrap().is_empty());

        // One: nothing at all, so the welcome screen comes again.
        let mut store = failing_starter_plan();
        assert!(store.start_business(&cafe(), true, at(9)).is_err());
        assert_eq!(store.business().unwrap(), None);
        assert!(store
            .list_contacts(&crate::contacts::ContactFilter::default())
            .unwrap()
            .is_empty());
        assert!(store.conn.is_autocommit(), "no transaction left open");

        // And the same store then takes a first run that goes through.
        store.conn.execute_batch("DROP TRIGGER halfway").unwrap();
        let business = store.start_business(&cafe(), true, at(10)).unwrap();
        assert_eq!(business.name, "Corner Café");
        assert!(!store.list_services().unwrap().is_empty());
        assert!(store
            .list_contacts(&crate::contacts::ContactFilter::default())
            .unwrap()
            .iter()
            .any(|c| c.details.kind == crate::contacts::ContactKind::Emergency));

        // Without the starter plan, only the business; a refused name writes nothing.
        let mut store = Store::open_in_memory().unwrap();
        store.start_business(&cafe(), false, at(9)).unwrap();
        assert!(store.list_services().unwrap().is_empty());
        let mut store = Store::open_in_memory().unwrap();
        let blank = BusinessInput {
            name: " ".into(),
            ..cafe()
        };
        assert!(matches!(
            store.start_business(&blank, true, at(9)),
            Err(CoreError::Validation(_))
        ));
        assert_eq!(store.business().unwrap(), None);
        assert!(store.conn.is_autocommit());
    }

    #[test]
    fn a_blank_name_is_refused_and_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let input = BusinessInput {
            name: "   ".into(),
            business_type: BusinessType::Salon,
            language: Language::En,
            country: None,
        };
        let err = store.save_business(&input, at(9)).unwrap_err();
        assert!(matches!(&err, CoreError::Validation(f) if f[0].field == "name"));
        assert_eq!(store.business().unwrap(), None);
    }

    #[test]
    fn language_from_locale() {
        for (locale, expected) in [
            ("fr-FR", Language::Fr),
            ("fr_CA.UTF-8", Language::Fr),
            ("FR", Language::Fr),
            ("en-US", Language::En),
            ("C", Language::En),
            ("de-DE", Language::En),
            ("", Language::En),
        ] {
            assert_eq!(Language::from_locale(locale), expected, "{locale:?}");
        }
    }
}
