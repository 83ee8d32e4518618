//! The words outage mode and customer notices share — severity, cause, whether it could
//! happen again, a notice's stage and channel, and the `[MARKER]` a draft leaves to fill —
//! in a leaf module, so that incidents and notices each use them without using each other.

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
