//! The words outage mode and customer notices share — severity, cause, whether it could
//! happen again, a notice's stage and channel, and the `[MARKER]` a draft leaves to fill —
//! in a leaf module, so that incidents and notices each use them without using each other.

/// How times are written: kept with the country it depends on, named here with the words
/// every printout and notice shares.
pub use crate::business::Clock;
use crate::business::Language;
use crate::text_enum;

text_enum! {
    /// Ordered from least to most severe.
    pub enum Severity {
        Minor = "minor",
        Major = "major",
        Critical = "critical",
    }
}

impl Severity {
    pub(crate) fn rank(self) -> u8 {
        match self {
            Self::Minor => 0,
            Self::Major => 1,
            Self::Critical => 2,
        }
    }

    pub fn max(self, other: Self) -> Self {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

text_enum! {
    /// Where the outage comes from, as far as the owner can tell.
    pub enum Cause {
        Unknown = "unknown",
        Power = "power",
        Internet = "internet",
        Phone = "phone",
        Vendor = "vendor",
        Attack = "attack",
        Hardware = "hardware",
        Weather = "weather",
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Cause {
    fn default() -> Self {
        Self::Unknown
    }
}

text_enum! {
    pub enum CouldRecur {
        Yes = "yes",
        No = "no",
        Unsure = "unsure",
    }
}

#[allow(clippy::derivable_impls)]
impl Default for CouldRecur {
    fn default() -> Self {
        Self::Unsure
    }
}

text_enum! {
    pub enum Stage {
        Initial = "initial",
        Update = "update",
        Resolved = "resolved",
        FollowUp = "follow_up",
        Planned = "planned",
    }
}

text_enum! {
    pub enum Channel {
        Sms = "sms",
        Email = "email",
        Social = "social",
        Website = "website",
        Phone = "phone",
        Door = "door",
    }
}

/// The marker an owner must replace before a draft can be sent.
pub fn marker(language: Language, what: &str) -> String {
    let words = match (language, what) {
        (Language::En, "what") => "WHAT IS DOWN",
        (Language::Fr, "what") => "CE QUI EST EN PANNE",
        (Language::En, "count") => "HOW MANY CUSTOMERS",
        (Language::Fr, "count") => "COMBIEN DE CLIENTS",
        (Language::En, "when") => "WHEN",
        (Language::Fr, "when") => "QUAND",
        (Language::En, "workaround") => "WHAT CUSTOMERS CAN DO INSTEAD",
        (Language::Fr, "workaround") => "CE QUE LES CLIENTS PEUVENT FAIRE",
        (Language::En, _) => "TO FILL IN",
        (Language::Fr, _) => "À COMPLÉTER",
    };
    format!("[{words}]")
}

/// Markers still in a text: any `[UPPER CASE WORDS]`.
pub fn unfilled_markers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        let inside = &rest[start + 1..start + len];
        let is_marker = !inside.is_empty()
            && inside.chars().any(char::is_alphabetic)
            && inside.chars().all(|c| !c.is_lowercase());
        if is_marker {
            found.push(rest[start..=start + len].to_owned());
        }
        rest = &rest[start + len + 1..];
    }
    found
}

fn pick(language: Language, en: &'static str, fr: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Fr => fr,
    }
}

impl Severity {
    /// "Critical" / "Critique".
    pub fn name(self, language: Language) -> &'static str {
        match self {
            Self::Minor => pick(language, "Minor", "Mineure"),
            Self::Major => pick(language, "Major", "Majeure"),
            Self::Critical => pick(language, "Critical", "Critique"),
        }
    }
}

impl Stage {
    pub fn name(self, language: Language) -> &'static str {
        match self {
            Self::Initial => pick(language, "First notice", "Premier message"),
            Self::Update => pick(language, "Update", "Point d’étape"),
            Self::Resolved => pick(language, "Fixed", "Rétabli"),
            Self::FollowUp => pick(language, "Follow-up", "Suivi"),
            Self::Planned => pick(language, "Planned outage", "Coupure prévue"),
        }
    }
}

impl Channel {
    pub fn name(self, language: Language) -> &'static str {
        match self {
            Self::Sms => "SMS",
            Self::Email => pick(language, "Email", "E-mail"),
            Self::Social => pick(language, "Social post", "Réseaux sociaux"),
            Self::Website => pick(language, "Website banner", "Bandeau du site"),
            Self::Phone => pick(language, "Phone or voicemail", "Téléphone ou répondeur"),
            Self::Door => pick(language, "Door sign", "Affiche sur la porte"),
        }
    }
}

/// `n` of a unit, with the plural each language wants: "0 minutes", "1 minute" in English;
/// "0 minute", "1 minute", "2 minutes" in French.
pub fn count(n: i64, language: Language, en: (&str, &str), fr: (&str, &str)) -> String {
    let (one, many) = match language {
        Language::En => en,
        Language::Fr => fr,
    };
    let plural = match language {
        Language::En => n != 1,
        Language::Fr => n.abs() > 1,
    };
    format!("{n} {}", if plural { many } else { one })
}

/// A duration as the owner says it: "2 hours 30 minutes", "3 jours", "less than a minute".
pub fn duration(minutes: i64, language: Language) -> String {
    let minutes = minutes.max(0);
    if minutes == 0 {
        return match language {
            Language::En => "less than a minute",
            Language::Fr => "moins d’une minute",
        }
        .to_owned();
    }
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(count(days, language, ("day", "days"), ("jour", "jours")));
    }
    if hours > 0 {
        parts.push(count(
            hours,
            language,
            ("hour", "hours"),
            ("heure", "heures"),
        ));
    }
    if mins > 0 {
        parts.push(count(
            mins,
            language,
            ("minute", "minutes"),
            ("minute", "minutes"),
        ));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_clock_per_country_and_language() {
        use crate::business::Country;
        use chrono::{FixedOffset, TimeZone};
        let check =
            |country: Option<Country>, language: Language, at: (u32, u32), expected: &str| {
                let offset = FixedOffset::east_opt(3600).expect("offset");
                let when = offset
                    .with_ymd_and_hms(2026, 12, 6, at.0, at.1, 0)
                    .single()
                    .expect("time");
                assert_eq!(
                    Clock::of(country, language).time(when),
                    expected,
                    "{country:?} {language:?}"
                );
            };
        check(Some(Country::France), Language::En, (8, 0), "08:00");
        check(Some(Country::France), Language::Fr, (14, 30), "14:30");
        check(Some(Country::UnitedKingdom), Language::En, (19, 5), "19:05");
        check(Some(Country::Belgium), Language::Fr, (0, 15), "00:15");
        check(Some(Country::UnitedStates), Language::En, (8, 0), "8:00 AM");
        check(
            Some(Country::UnitedStates),
            Language::En,
            (0, 15),
            "12:15 AM",
        );
        check(
            Some(Country::UnitedStates),
            Language::En,
            (12, 0),
            "12:00 PM",
        );
        check(
            Some(Country::UnitedStates),
            Language::En,
            (19, 5),
            "7:05 PM",
        );
        check(Some(Country::UnitedStates), Language::Fr, (19, 5), "19:05");
        check(Some(Country::Canada), Language::En, (19, 5), "7:05 PM");
        check(Some(Country::Canada), Language::Fr, (19, 5), "19:05");
        check(None, Language::En, (9, 30), "09:30");
        check(Some(Country::Other), Language::En, (9, 30), "09:30");
    }

    #[test]
    fn durations_with_each_languages_plurals() {
        let check = |minutes: i64, en: &str, fr: &str| {
            assert_eq!(duration(minutes, Language::En), en, "{minutes}");
            assert_eq!(duration(minutes, Language::Fr), fr, "{minutes}");
        };
        check(0, "less than a minute", "moins d’une minute");
        check(1, "1 minute", "1 minute");
        check(2, "2 minutes", "2 minutes");
        check(60, "1 hour", "1 heure");
        check(150, "2 hours 30 minutes", "2 heures 30 minutes");
        check(
            1440 * 3 + 61,
            "3 days 1 hour 1 minute",
            "3 jours 1 heure 1 minute",
        );
    }
}
