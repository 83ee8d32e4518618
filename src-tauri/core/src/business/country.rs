//! The country the business is in: how its phone numbers are written and checked, which
//! numbers reach emergency services, and the paper its printer takes.

use chrono::{DateTime, FixedOffset, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Language;
use crate::text_enum;

text_enum! {
    /// The countries Steady knows the numbers and the paper of. `Other` is any other: phone
    /// numbers are then checked by their shape only, and 112 is the emergency number.
    pub enum Country {
        France = "fr",
        Belgium = "be",
        Switzerland = "ch",
        Luxembourg = "lu",
        Canada = "ca",
        UnitedStates = "us",
        UnitedKingdom = "gb",
        Ireland = "ie",
        Germany = "de",
        Spain = "es",
        Italy = "it",
        Netherlands = "nl",
        Portugal = "pt",
        Other = "other",
    }
}

text_enum! {
    /// What an emergency number reaches.
    pub enum EmergencyService {
        Any = "any",
        Medical = "medical",
        Police = "police",
        Fire = "fire",
        FireAndMedical = "fire_medical",
    }
}

/// One number to call in an emergency, and what it reaches, in the owner's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyNumber {
    pub number: String,
    pub service: EmergencyService,
    pub label: String,
}

impl Country {
    /// The country of a system locale such as `fr_CA.UTF-8` or `en-GB`; `None` when it names
    /// none Steady knows (`C`, `en`).
    pub fn from_locale(locale: &str) -> Option<Self> {
        let region = locale
            .split(['.', '@'])
            .next()?
            .split(['_', '-'])
            .nth(1)?
            .to_ascii_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|c| *c != Self::Other && c.as_str() == region)
    }

    /// The region phone numbers are read in; `None` for `Other`.
    pub fn phone_region(self) -> Option<phonenumber::country::Id> {
        use phonenumber::country::Id;
        Some(match self {
            Self::France => Id::FR,
            Self::Belgium => Id::BE,
            Self::Switzerland => Id::CH,
            Self::Luxembourg => Id::LU,
            Self::Canada => Id::CA,
            Self::UnitedStates => Id::US,
            Self::UnitedKingdom => Id::GB,
            Self::Ireland => Id::IE,
            Self::Germany => Id::DE,
            Self::Spain => Id::ES,
            Self::Italy => Id::IT,
            Self::Netherlands => Id::NL,
            Self::Portugal => Id::PT,
            Self::Other => return None,
        })
    }

    /// Whether printers there take US Letter rather than A4.
    pub fn uses_letter(self) -> bool {
        matches!(self, Self::UnitedStates | Self::Canada)
    }

    /// The numbers that reach emergency services, the one to remember first.
    pub fn emergency_numbers(self, language: Language) -> Vec<EmergencyNumber> {
        use EmergencyService::{Any, Fire, FireAndMedical, Medical, Police};
        let numbers: &[(&str, EmergencyService)] = match self {
            Self::France => &[("112", Any), ("15", Medical), ("17", Police), ("18", Fire)],
            Self::Belgium => &[("112", FireAndMedical), ("101", Police)],
            Self::Switzerland => &[
                ("112", Any),
                ("117", Police),
                ("118", Fire),
                ("144", Medical),
            ],
            Self::Luxembourg => &[("112", FireAndMedical), ("113", Police)],
            Self::Germany => &[("112", FireAndMedical), ("110", Police)],
            Self::UnitedStates | Self::Canada => &[("911", Any)],
            Self::UnitedKingdom => &[("999", Any), ("112", Any)],
            Self::Ireland => &[("112", Any), ("999", Any)],
            Self::Spain | Self::Italy | Self::Netherlands | Self::Portugal | Self::Other => {
                &[("112", Any)]
            }
        };
        numbers
            .iter()
            .map(|&(number, service)| EmergencyNumber {
                number: number.to_owned(),
                service,
                label: service.words(self, language).to_owned(),
            })
            .collect()
    }
}

impl EmergencyService {
    /// What the number reaches, as people there say it.
    fn words(self, country: Country, language: Language) -> &'static str {
        match (language, self) {
            (Language::En, Self::Any) => "Emergency services",
            (Language::En, Self::Medical) => "Ambulance",
            (Language::En, Self::Police) => "Police",
            (Language::En, Self::Fire) => "Fire brigade",
            (Language::En, Self::FireAndMedical) => "Fire brigade and ambulance",
            (Language::Fr, Self::Any) => "Urgences",
            (Language::Fr, Self::Medical) if country == Country::France => {
                "SAMU (urgences médicales)"
            }
            (Language::Fr, Self::Medical) => "Ambulance",
            (Language::Fr, Self::Police) => "Police",
            (Language::Fr, Self::Fire) => "Pompiers",
            (Language::Fr, Self::FireAndMedical) => "Pompiers et ambulance",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_comes_from_the_system_locale() {
        assert_eq!(Country::from_locale("fr_FR.UTF-8"), Some(Country::France));
        assert_eq!(Country::from_locale("fr-CA"), Some(Country::Canada));
        assert_eq!(
            Country::from_locale("en_GB@euro"),
            Some(Country::UnitedKingdom)
        );
        assert_eq!(Country::from_locale("en-US"), Some(Country::UnitedStates));
        assert_eq!(Country::from_locale("de_AT.UTF-8"), None);
        assert_eq!(Country::from_locale("C.UTF-8"), None);
        assert_eq!(Country::from_locale("en"), None);
        assert_eq!(Country::from_locale("xx_OTHER"), None);
    }

    #[test]
    fn each_country_has_its_emergency_numbers() {
        let numbers = |c: Country| -> Vec<String> {
            c.emergency_numbers(Language::En)
                .into_iter()
                .map(|n| n.number)
                .collect()
        };
        assert_eq!(numbers(Country::France), ["112", "15", "17", "18"]);
        assert_eq!(numbers(Country::UnitedKingdom), ["999", "112"]);
        assert_eq!(numbers(Country::UnitedStates), ["911"]);
        assert_eq!(numbers(Country::Canada), ["911"]);
        assert_eq!(numbers(Country::Belgium), ["112", "101"]);
        assert_eq!(numbers(Country::Switzerland), ["112", "117", "118", "144"]);
        assert_eq!(numbers(Country::Other), ["112"]);
        let samu = &Country::France.emergency_numbers(Language::Fr)[1];
        assert_eq!(samu.label, "SAMU (urgences médicales)");
        for country in Country::ALL {
            assert!(!numbers(*country).is_empty(), "{country:?}");
            assert_eq!(country.phone_region().is_none(), *country == Country::Other);
        }
    }

    #[test]
    fn paper_follows_the_country() {
        assert!(Country::UnitedStates.uses_letter());
        assert!(Country::Canada.uses_letter());
        assert!(!Country::France.uses_letter());
        assert!(!Country::UnitedKingdom.uses_letter());
    }
}

text_enum! {
    /// How a time of day is written: "14:30" or "2:30 PM".
    pub enum Clock {
        H24 = "h24",
        H12 = "h12",
    }
}

impl Clock {
    /// The one rule for every time Steady writes — window, notices, pocket plan and paper:
    /// 12-hour in English where people write it so (the United States, English Canada),
    /// 24-hour everywhere else, always in French, and where the country is not known (as
    /// Steady always wrote them: never ambiguous).
    pub fn of(country: Option<Country>, language: Language) -> Self {
        match (language, country) {
            (Language::En, Some(Country::UnitedStates | Country::Canada)) => Self::H12,
            _ => Self::H24,
        }
    }

    /// A local time of day: "08:05" or "8:05 AM".
    pub fn time(self, at: DateTime<FixedOffset>) -> String {
        match self {
            Self::H24 => format!("{:02}:{:02}", at.hour(), at.minute()),
            Self::H12 => {
                let (pm, hour) = at.hour12();
                format!("{hour}:{:02} {}", at.minute(), if pm { "PM" } else { "AM" })
            }
        }
    }
}
