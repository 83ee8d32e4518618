//! Which phase of its countdown an announced outage is in, by the clock: a few days, a day,
//! an hour before, during, after.

use chrono::{DateTime, Duration, Utc};

use super::Phase;

impl Phase {
    /// When this phase begins for an outage starting at `start` and ending at `end`.
    pub(super) fn begins(self, start: DateTime<Utc>, end: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Self::DaysBefore => start - Duration::days(3),
            Self::DayBefore => start - Duration::days(1),
            Self::HourBefore => start - Duration::hours(1),
            Self::During => start,
            Self::After => end,
        }
    }
}

pub(super) fn phase_at(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> Phase {
    [
        Phase::After,
        Phase::During,
        Phase::HourBefore,
        Phase::DayBefore,
    ]
    .into_iter()
    .find(|p| now >= p.begins(start, end))
    .unwrap_or(Phase::DaysBefore)
}
