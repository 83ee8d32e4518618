//! Moments as the store keeps them: text in rusqlite's form, `2026-12-01 09:00:00.123456789+00:00`
//! (always UTC). Read back by hand here, because chrono's general parser, which rusqlite uses,
//! took a quarter of the time to list a thousand contacts (`make bench`). Any other text falls
//! back to that parser, so what an older Steady or an import wrote still reads.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::Row;

/// The moment in column `idx` of `row`.
pub(crate) fn utc_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    if let ValueRef::Text(text) = row.get_ref(idx)? {
        if let Some(at) = parse(text) {
            return Ok(at);
        }
    }
    row.get(idx)
}

/// The moment in column `idx` of `row`, if there is one.
pub(crate) fn utc_at_opt(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    match row.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        _ => utc_at(row, idx).map(Some),
    }
}

/// `YYYY-MM-DD HH:MM:SS`, a fraction of up to nine digits, then `+00:00`, `Z` or nothing;
/// `None` for anything else.
fn parse(text: &[u8]) -> Option<DateTime<Utc>> {
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0_u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let field = |from: usize, to: usize| text.get(from..to).and_then(number);
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if text.len() < 19
        || !separators.iter().all(|&(i, c)| text[i] == c)
        || !matches!(text[10], b' ' | b'T')
    {
        return None;
    }
    let year = i32::try_from(field(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, field(5, 7)?, field(8, 10)?)?;
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = number(&fraction[..digits])? * 10_u32.pow(9 - digits as u32);
        rest = &fraction[digits..];
    }
    if !matches!(rest, b"" | b"+00:00" | b"Z") {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(field(11, 13)?, field(14, 16)?, field(17, 19)?, nanos)?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use rusqlite::Connection;

    /// What `text`, stored, reads as: by hand, and by rusqlite's own reader.
    fn both(
        text: &str,
    ) -> (
        rusqlite::Result<DateTime<Utc>>,
        rusqlite::Result<DateTime<Utc>>,
    ) {
        let conn = Connection::open_in_memory().unwrap();
        conn.query_row("SELECT ?1", [text], |row| {
            Ok((utc_at(row, 0), row.get::<_, DateTime<Utc>>(0)))
        })
        .unwrap()
    }

    proptest! {
        #[test]
        fn every_moment_written_reads_back_as_rusqlite_reads_it(
            seconds in -62_000_000_000_i64..250_000_000_000,
            nanos in 0_u32..1_000_000_000,
        ) {
            let at = Utc.timestamp_opt(seconds, nanos).unwrap();
            let conn = Connection::open_in_memory().unwrap();
            let (ours, theirs) = conn
                .query_row("SELECT ?1", [at], |row| {
                    Ok((utc_at(row, 0).unwrap(), row.get::<_, DateTime<Utc>>(0).unwrap()))
                })
                .unwrap();
            prop_assert_eq!(ours, at);
            prop_assert_eq!(theirs, at);
        }
    }

    #[test]
    fn the_forms_it_reads_by_hand_agree_with_rusqlite() {
        for text in [
            "2026-12-01 09:00:00+00:00",
            "2026-12-01 09:00:00.5+00:00",
            "2026-12-01T09:00:00.123456789Z",
            "2026-12-01 09:00:00",
            "2024-02-29 23:59:59.000000001+00:00",
        ] {
            assert!(parse(text.as_bytes()).is_some(), "{text}");
            let (ours, theirs) = both(text);
            assert_eq!(ours.unwrap(), theirs.unwrap(), "{text}");
        }
    }

    #[test]
    fn other_text_is_left_to_rusqlite() {
        for text in [
            "2026-12-01 10:00:00+01:00",
            "2026-12-01 09:00:00.1234567890+00:00",
            "2026-02-30 09:00:00+00:00",
            "2026-12-01 24:00:00+00:00",
            "2026-12-01 09:00",
            "2026-12-01 09:00:00 UTC",
            "not a date",
            "",
        ] {
            assert_eq!(parse(text.as_bytes()), None, "{text}");
            let (ours, theirs) = both(text);
            assert_eq!(ours.ok(), theirs.ok(), "{text}");
        }
        assert_eq!(
            both("2026-12-01 10:00:00+01:00").0.unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
        );
        let conn = Connection::open_in_memory().unwrap();
        let empty = conn
            .query_row("SELECT NULL", [], |row| utc_at_opt(row, 0))
            .unwrap();
        assert_eq!(empty, None);
    }
}
