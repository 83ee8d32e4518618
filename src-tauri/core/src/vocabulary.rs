//! The words outage mode and customer notices share — severity, cause, whether it could
//! happen again, a notice's stage and channel, and the `[MARKER]` a draft leaves to fill —
//! in a leaf module, so that incidents and notices each use them without using each other.
//!
//! It is also the one vocabulary of screen and paper: every closed choice's word, durations
//! with their plurals and the names of months and days are data per language
//! (`vocabulary/<language>.json`), read here for paper and generated for the window
//! (`ui/src/lib/ipc/vocabulary.ts`), so the two cannot drift. [`PerLanguage`] is how every
//! part of the core reads its words by language: adding a language is adding data files.

/// How times are written: kept with the country it depends on, named here with the words
/// every printout and notice shares.
pub use crate::business::Clock;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::business::Language;
use crate::text_enum;

text_enum! {
    /// How fast the drill's clock runs against the real one.
    pub enum DrillSpeed {
        Real = "x1",
        Double = "x2",
        Five = "x5",
    }
}

text_enum! {
    /// How a drill ended (`stopped_for_real`: a real outage started, and the real one always
    /// wins).
    pub enum DrillOutcome {
        Resolved = "resolved",
        Abandoned = "abandoned",
        StoppedForReal = "stopped_for_real",
    }
}

impl DrillSpeed {
    /// Drill seconds per real second.
    pub fn factor(self) -> i64 {
        match self {
            Self::Real => 1,
            Self::Double => 2,
            Self::Five => 5,
        }
    }
}

/// What starts a drill's customer notice and every draft of one: a drill notice can never pass
/// for a real one.
pub const NOTICE_MARK: &str = "EXERCICE / DRILL";

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
    let markers = &Vocabulary::of(language).markers;
    let words = markers
        .get(what)
        .or_else(|| markers.get("other"))
        .map_or("…", String::as_str);
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

/// A closed choice whose values the owner reads: its words are in the vocabulary's data under
/// the type's name (`"Severity"`), one per value (`"minor"`). Every `text_enum!` is one.
pub trait Choice: Copy + 'static {
    /// The type's name, as the data and the window's generated vocabulary call it.
    const NAME: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    /// The owner's word for this value, in `language`: what the window and paper both say.
    fn label(self, language: Language) -> &'static str {
        label(language, self)
    }
}

/// The words of one language: the closed choices, durations with their plural, and the
/// names of months and days. Read from `vocabulary/<language>.json`, which the window's
/// `ui/src/lib/ipc/vocabulary.ts` is generated from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    choices: HashMap<String, HashMap<String, String>>,
    duration: DurationWords,
    months: [String; 12],
    weekdays: [String; 7],
    /// How the first day of a month is written in a date ("1", "1er").
    first_of_month: String,
    /// What an emergency number reaches where people say it otherwise than the choice's
    /// word, by country then service: "SAMU (urgences médicales)" in France.
    emergency_in_country: HashMap<String, HashMap<String, String>>,
    /// What a draft leaves for the owner to fill, by what is missing ("other": anything else).
    markers: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationWords {
    /// What zero minutes is said as ("less than a minute").
    none: String,
    /// The counts written in the singular: `[1]` in English, `[0, 1]` in French.
    singular: Vec<i64>,
    day: (String, String),
    hour: (String, String),
    minute: (String, String),
}

/// Data in each language Steady speaks, read once from JSON files: the one way the core picks
/// its words by language. Adding a language is adding a file to each such list (and its value
/// to `Language`); a test reads every file, so none fails to read in a build.
pub struct PerLanguage<T: 'static> {
    data: &'static [(Language, &'static str)],
    read: OnceLock<Vec<(Language, T)>>,
}

impl<T: Deserialize<'static> + Send + Sync + 'static> PerLanguage<T> {
    pub const fn new(data: &'static [(Language, &'static str)]) -> Self {
        Self {
            data,
            read: OnceLock::new(),
        }
    }

    /// The data of `language` (the first language's, should its file not read).
    pub fn get(&'static self, language: Language) -> &'static T {
        #[cfg(test)]
        if let Some(standing_in) = tests::standing_in::<T>(language) {
            return standing_in;
        }
        let read = self.read.get_or_init(|| {
            self.data
                .iter()
                .filter_map(|(language, json)| Some((*language, serde_json::from_str(json).ok()?)))
                .collect()
        });
        read.iter()
            .find(|(l, _)| *l == language)
            .or_else(|| read.first())
            .map(|(_, data)| data)
            .unwrap_or_else(|| unreachable!("every file reads: see the tests"))
    }

    /// Each language's file, for the tests that read them all.
    pub fn files(&self) -> &'static [(Language, &'static str)] {
        self.data
    }

    /// Each language's file by the language's name, and the test-only `pseudo` data after
    /// them: what the tests that check every file read.
    #[cfg(test)]
    pub fn files_and_pseudo(&self, pseudo: &'static str) -> Vec<(&'static str, &'static str)> {
        self.data
            .iter()
            .map(|(language, json)| (language.as_str(), *json))
            .chain([("pseudo", pseudo)])
            .collect()
    }
}

static VOCABULARIES: PerLanguage<Vocabulary> = PerLanguage::new(&[
    (Language::En, include_str!("../vocabulary/en.json")),
    (Language::Fr, include_str!("../vocabulary/fr.json")),
]);

impl Vocabulary {
    /// The data of `language`.
    pub fn of(language: Language) -> &'static Self {
        VOCABULARIES.get(language)
    }

    /// The words of every choice, by type name and value.
    #[cfg(test)]
    pub(crate) fn choices(&self) -> &HashMap<String, HashMap<String, String>> {
        &self.choices
    }

    fn label(&self, choice: &str, value: &str) -> Option<&str> {
        self.choices.get(choice)?.get(value).map(String::as_str)
    }
}

/// The owner's word for `value` in `language` (its stored text, should the data lack it: the
/// tests see that it does not).
pub fn label<C: Choice>(language: Language, value: C) -> &'static str {
    Vocabulary::of(language)
        .label(C::NAME, value.as_str())
        .unwrap_or_else(|| value.as_str())
}

/// What an emergency number reaches, as people in `country` say it.
pub fn emergency_service(
    language: Language,
    country: crate::business::Country,
    service: crate::business::EmergencyService,
) -> &'static str {
    Vocabulary::of(language)
        .emergency_in_country
        .get(country.as_str())
        .and_then(|words| words.get(service.as_str()))
        .map_or_else(|| label(language, service), String::as_str)
}

/// `template` with each `{name}` replaced by its value, in one pass: a value that holds
/// braces (an owner's text) is written as it is, never filled in turn.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let found = after.find('}').and_then(|end| {
            let name = &after[..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (end, *value))
        });
        match found {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A month's name as a date is written in running text ("November", "novembre"), from 0.
pub fn month(language: Language, month0: u32) -> &'static str {
    &Vocabulary::of(language).months[month0 as usize % 12]
}

/// A day's name as a date is written in running text ("Friday", "vendredi").
pub fn weekday(language: Language, day: chrono::Weekday) -> &'static str {
    &Vocabulary::of(language).weekdays[day.num_days_from_monday() as usize]
}

/// The day of the month as a date writes it: "1er" for the first in French.
pub fn day_of_month(language: Language, day: u32) -> String {
    if day == 1 {
        Vocabulary::of(language).first_of_month.clone()
    } else {
        day.to_string()
    }
}

/// A duration as the owner says it: "2 hours 30 minutes", "3 jours", "less than a minute".
/// The window says durations with the same data and rule (`ui/src/lib/vocabulary.ts`).
pub fn duration(minutes: i64, language: Language) -> String {
    let words = &Vocabulary::of(language).duration;
    let minutes = minutes.max(0);
    if minutes == 0 {
        return words.none.clone();
    }
    let count = |n: i64, (one, many): &(String, String)| {
        let unit = if words.singular.contains(&n) {
            one
        } else {
            many
        };
        format!("{n} {unit}")
    };
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let parts = [
        (days, &words.day),
        (hours, &words.hour),
        (mins, &words.minute),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| count(*n, unit))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A duration in the largest unit it is a whole number of ("90 minutes", "2 hours",
/// "3 days"): how a notice to customers says it, with the same words and plurals.
pub fn duration_in_one_unit(minutes: i64, language: Language) -> String {
    let words = &Vocabulary::of(language).duration;
    let minutes = minutes.max(0);
    let (n, (one, many)) = if minutes > 0 && minutes % 1440 == 0 {
        (minutes / 1440, &words.day)
    } else if minutes > 0 && minutes % 60 == 0 {
        (minutes / 60, &words.hour)
    } else {
        (minutes, &words.minute)
    };
    format!(
        "{n} {}",
        if words.singular.contains(&n) {
            one
        } else {
            many
        }
    )
}

/// The data of every language, as the window's generated vocabulary is written from it.
#[cfg(test)]
pub(crate) fn data() -> &'static [(Language, &'static str)] {
    VOCABULARIES.files()
}

/// [`data`] by the languages' names, and the test-only pseudo-language's after them.
#[cfg(test)]
pub(crate) fn data_and_pseudo() -> Vec<(&'static str, &'static str)> {
    VOCABULARIES.files_and_pseudo(tests::PSEUDO)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::any::Any;
    use std::cell::RefCell;

    use super::*;

    thread_local! {
        static STANDING_IN: RefCell<Vec<(Language, &'static (dyn Any + Sync))>> =
            const { RefCell::new(Vec::new()) };
    }

    /// A test-only language, every word of English wrapped in "⟦…⟧": data alone.
    pub(crate) const PSEUDO: &str = include_str!("../vocabulary/test/pseudo.json");

    pub(super) fn standing_in<T: 'static>(language: Language) -> Option<&'static T> {
        STANDING_IN.with_borrow(|standing| {
            standing
                .iter()
                .filter(|(l, _)| *l == language)
                .find_map(|(_, data)| (*data as &dyn Any).downcast_ref::<T>())
        })
    }

    /// Runs `f` with `json` as the data of type `T` in `language`, on this thread: how a test
    /// speaks a language that is data only, without a line of code for it.
    pub(crate) fn speaking<T, R>(language: Language, json: &'static str, f: impl FnOnce() -> R) -> R
    where
        T: Deserialize<'static> + Sync + 'static,
    {
        let data: &'static T = Box::leak(Box::new(
            serde_json::from_str::<T>(json).expect("the data reads"),
        ));
        STANDING_IN.with_borrow_mut(|standing| standing.push((language, data)));
        let out = f();
        STANDING_IN.with_borrow_mut(|standing| standing.pop());
        out
    }

    #[test]
    fn words_come_from_the_data() {
        assert_eq!(Stage::Resolved.label(Language::En), "Resolved");
        assert_eq!(Stage::Resolved.label(Language::Fr), "Rétabli");
        assert_eq!(Cause::Unknown.label(Language::En), "Not known");
        assert_eq!(Channel::Door.label(Language::Fr), "Affiche sur la porte");
        assert_eq!(marker(Language::Fr, "count"), "[COMBIEN DE CLIENTS]");
        assert_eq!(marker(Language::En, "anything"), "[TO FILL IN]");
        for language in Language::ALL {
            let keys = |l: Language| {
                let mut k: Vec<&String> = Vocabulary::of(l).markers.keys().collect();
                k.sort();
                k
            };
            assert_eq!(keys(*language), keys(Language::En), "{language:?}");
        }
        let pseudo = speaking::<Vocabulary, _>(Language::En, PSEUDO, || {
            (
                Severity::Critical.label(Language::En),
                duration(61, Language::En),
                month(Language::En, 10),
            )
        });
        assert_eq!(
            pseudo,
            ("⟦Critical⟧", "1 ⟦hour⟧ 1 ⟦minute⟧".to_owned(), "⟦November⟧")
        );
        assert_eq!(Severity::Critical.label(Language::En), "Critical");
    }

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
        check(-5, "less than a minute", "moins d’une minute");
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
        check(1440, "1 day", "1 jour");
        check(1441, "1 day 1 minute", "1 jour 1 minute");
        check(2880 + 120, "2 days 2 hours", "2 jours 2 heures");
        check(59, "59 minutes", "59 minutes");
    }

    #[test]
    fn a_notice_says_a_duration_in_one_unit() {
        let check = |minutes: i64, en: &str, fr: &str| {
            assert_eq!(duration_in_one_unit(minutes, Language::En), en, "{minutes}");
            assert_eq!(duration_in_one_unit(minutes, Language::Fr), fr, "{minutes}");
        };
        check(1, "1 minute", "1 minute");
        check(45, "45 minutes", "45 minutes");
        check(60, "1 hour", "1 heure");
        check(90, "90 minutes", "90 minutes");
        check(120, "2 hours", "2 heures");
        check(1440, "1 day", "1 jour");
        check(2880, "2 days", "2 jours");
        check(1500, "25 hours", "25 heures");
    }
}
