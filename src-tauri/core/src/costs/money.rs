//! Money as Steady keeps it: whole minor units (cents, pence) of one currency, never a float.
//! The owner types amounts as text in their own way ("1 234,50 €", "$1,234.5"); they are read
//! here, once, and written back in the owner's language.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::{Country, Language};
use crate::error::FieldProblem;
use crate::text_enum;

/// The largest amount Steady takes, in major units: anything above is a typing slip.
pub const AMOUNT_MAX: u32 = 10_000_000;
/// [`AMOUNT_MAX`] in minor units.
pub const MINOR_MAX: i64 = AMOUNT_MAX as i64 * 100;

text_enum! {
    /// The currencies of the countries Steady knows; all have cents.
    pub enum Currency {
        Eur = "EUR",
        Usd = "USD",
        Gbp = "GBP",
        Cad = "CAD",
        Chf = "CHF",
    }
}

impl Currency {
    /// The currency of `country`; the euro where Steady does not know the country.
    pub fn of(country: Option<Country>) -> Self {
        match country {
            Some(Country::UnitedStates) => Self::Usd,
            Some(Country::UnitedKingdom) => Self::Gbp,
            Some(Country::Canada) => Self::Cad,
            Some(Country::Switzerland) => Self::Chf,
            _ => Self::Eur,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Self::Eur => "€",
            Self::Usd => "$",
            Self::Gbp => "£",
            Self::Cad => "$",
            Self::Chf => "CHF",
        }
    }
}

/// An amount in minor units. Sums of amounts stay exact; a share of one (a percentage, a
/// fraction of an hour) is rounded once, where it is computed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[ts(type = "number")]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Self = Self(0);

    pub fn minor(self) -> i64 {
        self.0
    }

    /// `numerator / denominator` of minor units, rounded half away from zero, once.
    pub fn rounded(numerator: i128, denominator: i128) -> Self {
        debug_assert!(denominator > 0);
        let half = denominator / 2;
        let rounded = if numerator >= 0 {
            (numerator + half) / denominator
        } else {
            (numerator - half) / denominator
        };
        Self(i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN }))
    }

    /// The amount as the owner reads it: `1 234,50 €` in French, `€1,234.50` in English.
    pub fn format(self, currency: Currency, language: Language) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (units, cents) = (abs / 100, abs % 100);
        let (group, decimal) = match language {
            Language::Fr => ('\u{202f}', ','),
            Language::En => (',', '.'),
        };
        let digits = units.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let number = format!("{grouped}{decimal}{cents:02}");
        let sign = if negative { "−" } else { "" };
        match (language, currency) {
            (Language::Fr, c) => format!("{sign}{number}\u{a0}{}", c.symbol()),
            (Language::En, Currency::Chf) => format!("{sign}CHF\u{a0}{number}"),
            (Language::En, Currency::Cad) => format!("{sign}CA${number}"),
            (Language::En, c) => format!("{sign}{}{number}", c.symbol()),
        }
    }
}

impl std::ops::Add for Money {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self(self.0.saturating_add(other.0))
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, other: Self) {
        *self = *self + other;
    }
}

impl std::ops::Sub for Money {
    type Output = Self;
    fn sub(self, other: Self) -> Self {
        Self(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

/// An amount as the owner typed it, in minor units: `12`, `12.5`, `12,50`, `1 234,56 €`,
/// `$1,234.56`. The last `.` or `,` followed by one or two digits is the decimal point; any
/// other separator must group digits by three. `None` for a blank field.
pub fn parse_amount(text: &str) -> Result<Option<Money>, FieldProblem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let mut body = trimmed;
    for symbol in [
        "CA$", "US$", "CHF", "EUR", "USD", "GBP", "CAD", "€", "$", "£",
    ] {
        if let Some(rest) = body.strip_prefix(symbol) {
            body = rest.trim_start();
        }
        if let Some(rest) = body.strip_suffix(symbol) {
            body = rest.trim_end();
        }
    }
    let negative = body.starts_with('-') || body.starts_with('−');
    if negative {
        return Err(FieldProblem::Negative);
    }
    let body: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’'))
        .collect();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(FieldProblem::NotAnAmount);
    }
    let (whole, cents) = match body.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(body.len() - at - 1)) => {
            let fraction = &body[at + 1..];
            let cents = if fraction.len() == 1 {
                fraction.parse::<i64>().map(|c| c * 10)
            } else {
                fraction.parse::<i64>()
            }
            .map_err(|_| FieldProblem::NotAnAmount)?;
            // The decimal point cannot also group the digits before it (`12.345.6`).
            let point = body.as_bytes()[at] as char;
            if body[..at].contains(point) {
                return Err(FieldProblem::NotAnAmount);
            }
            (&body[..at], cents)
        }
        _ => (body.as_str(), 0),
    };
    let groups: Vec<&str> = whole.split(['.', ',']).collect();
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    if whole.is_empty() && cents == 0 && !body.starts_with(['.', ',']) || !grouped_well {
        return Err(FieldProblem::NotAnAmount);
    }
    let digits: String = groups.concat();
    let units = if digits.is_empty() {
        0
    } else if digits.len() > 12 {
        return Err(FieldProblem::TooLarge { max: AMOUNT_MAX });
    } else {
        digits
            .parse::<i64>()
            .map_err(|_| FieldProblem::NotAnAmount)?
    };
    let minor = units * 100 + cents;
    if minor > MINOR_MAX {
        return Err(FieldProblem::TooLarge { max: AMOUNT_MAX });
    }
    Ok(Some(Money(minor)))
}

/// A quantity as typed (`2`, `2.5`, `0,75`) in thousandths; `None` for a blank field.
pub fn parse_quantity(text: &str) -> Result<Option<i64>, FieldProblem> {
    let body: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty() {
        return Ok(None);
    }
    if body.starts_with(['-', '−']) {
        return Err(FieldProblem::Negative);
    }
    let (whole, fraction) = match body.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (body.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 3 || whole.len() > 7 {
        return Err(if whole.len() > 7 && digits(whole) {
            FieldProblem::TooLarge { max: AMOUNT_MAX }
        } else {
            FieldProblem::NotAnAmount
        });
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(FieldProblem::NotAnAmount);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().unwrap_or(0)
    };
    let padded = format!("{fraction:0<3}");
    let milli = whole * 1000 + padded.parse::<i64>().unwrap_or(0);
    if milli == 0 {
        return Err(FieldProblem::NotPositive);
    }
    Ok(Some(milli))
}

/// A quantity in thousandths as the owner reads it: `2`, `2.5` / `2,5`.
pub fn format_quantity(milli: i64, language: Language) -> String {
    let whole = milli / 1000;
    let fraction = milli % 1000;
    if fraction == 0 {
        return whole.to_string();
    }
    let decimals = format!("{fraction:03}");
    let decimals = decimals.trim_end_matches('0');
    let point = if language == Language::Fr { ',' } else { '.' };
    format!("{whole}{point}{decimals}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_owners_type_them() {
        let cases = [
            ("12", 1200),
            ("12.5", 1250),
            ("12,50", 1250),
            ("1 234,56 €", 123_456),
            ("$1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1,234", 123_400),
            ("1.234", 123_400),
            ("0,05", 5),
            ("£40", 4000),
            ("CHF 1'200.00", 120_000),
            ("10000000", 1_000_000_000),
        ];
        for (text, minor) in cases {
            assert_eq!(parse_amount(text), Ok(Some(Money(minor))), "{text}");
        }
        assert_eq!(parse_amount("  "), Ok(None));
    }

    #[test]
    fn amounts_that_are_not_amounts_are_refused() {
        for text in ["12,5,0", "abc", "1,23,4", "12.345.6", "1e5", "12,"] {
            assert_eq!(parse_amount(text), Err(FieldProblem::NotAnAmount), "{text}");
        }
        assert_eq!(parse_amount("-5"), Err(FieldProblem::Negative));
        assert_eq!(
            parse_amount("10000000,01"),
            Err(FieldProblem::TooLarge { max: AMOUNT_MAX })
        );
        assert_eq!(
            parse_amount("99999999999999999999"),
            Err(FieldProblem::TooLarge { max: AMOUNT_MAX })
        );
    }

    #[test]
    fn amounts_are_written_in_the_owners_language() {
        let m = Money(123_456);
        assert_eq!(
            m.format(Currency::Eur, Language::Fr),
            "1\u{202f}234,56\u{a0}€"
        );
        assert_eq!(m.format(Currency::Eur, Language::En), "€1,234.56");
        assert_eq!(m.format(Currency::Gbp, Language::En), "£1,234.56");
        assert_eq!(Money(5).format(Currency::Usd, Language::En), "$0.05");
        assert_eq!(Money(-250).format(Currency::Eur, Language::En), "−€2.50");
    }

    #[test]
    fn shares_are_rounded_once_half_away_from_zero() {
        assert_eq!(Money::rounded(5, 10), Money(1));
        assert_eq!(Money::rounded(4, 10), Money(0));
        assert_eq!(Money::rounded(-5, 10), Money(-1));
        assert_eq!(Money::rounded(100, 3), Money(33));
    }

    #[test]
    fn quantities_are_read_in_thousandths() {
        assert_eq!(parse_quantity("2"), Ok(Some(2000)));
        assert_eq!(parse_quantity("2,5"), Ok(Some(2500)));
        assert_eq!(parse_quantity("0.125"), Ok(Some(125)));
        assert_eq!(parse_quantity(""), Ok(None));
        assert_eq!(parse_quantity("0"), Err(FieldProblem::NotPositive));
        assert_eq!(parse_quantity("-1"), Err(FieldProblem::Negative));
        assert_eq!(parse_quantity("1.2345"), Err(FieldProblem::NotAnAmount));
        assert_eq!(format_quantity(2500, Language::Fr), "2,5");
        assert_eq!(format_quantity(3000, Language::En), "3");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// Money never drifts: 10,000 random amounts, each written in the owner's language
        /// and read back as typed, add up to their exact sum.
        #[test]
        fn money_never_drifts(amounts in proptest::collection::vec(0_i64..=MINOR_MAX, 10_000)) {
            let mut sum = Money::ZERO;
            for (i, &minor) in amounts.iter().enumerate() {
                let language = if i % 2 == 0 { Language::Fr } else { Language::En };
                let currency = Currency::ALL[i % Currency::ALL.len()];
                let text = Money(minor).format(currency, language);
                let read = parse_amount(&text);
                proptest::prop_assert_eq!(read.clone(), Ok(Some(Money(minor))), "{}", text);
                sum += read.unwrap().unwrap();
            }
            proptest::prop_assert_eq!(sum.minor(), amounts.iter().sum::<i64>());
        }
    }
}
