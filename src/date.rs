//! Calendar dates for study plans, on `jiff`'s civil dates: parse and print `YYYY-MM-DD`, add
//! days, count days between two dates. "Today" is the day in the person's own time zone, so a
//! plan made near midnight east or west of Greenwich starts on the day they see.
//!
//! A thin newtype rather than `jiff::civil::Date` itself: it keeps one error message that says
//! how to write a date, and the documented JSON schema (`"format": "date"`) of every document.

use std::fmt;
use std::str::FromStr;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day in the proleptic Gregorian calendar (years -9999 to 9999, as `jiff` supports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    /// `None` when the day does not exist (2026-02-30) or a part is out of range.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        let year = i16::try_from(year).ok()?;
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Today in the local time zone (the system's, or `TZ`).
    pub fn today() -> Date {
        Date(jiff::ZonedDateTime::now().date())
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        (
            i64::from(self.0.year()),
            self.0.month() as u32,
            self.0.day() as u32,
        )
    }

    /// `days` later (earlier when negative); clamped to the last (first) day `jiff` supports.
    pub fn add_days(self, days: i64) -> Date {
        Date(
            self.0
                .saturating_add(jiff::SignedDuration::from_hours(days.saturating_mul(24))),
        )
    }

    /// Days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0.duration_since(earlier.0).as_hours() / 24
    }

    /// The `jiff` date, for callers that need more calendar arithmetic.
    pub fn civil(self) -> civil::Date {
        self.0
    }
}

impl From<civil::Date> for Date {
    fn from(date: civil::Date) -> Date {
        Date(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// Why a date did not parse; the message says what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")]
pub struct BadDate(pub String);

impl FromStr for Date {
    type Err = BadDate;

    /// Exactly `YYYY-MM-DD` (jiff would also take other ISO 8601 forms; the documents say
    /// this one).
    fn from_str(text: &str) -> Result<Date, BadDate> {
        let bad = || BadDate(text.to_string());
        let mut parts = text.trim().splitn(3, '-');
        let mut next = |width: usize| {
            parts
                .next()
                .filter(|part| part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|part| part.parse::<u32>().ok())
        };
        let (Some(year), Some(month), Some(day)) = (next(4), next(2), next(2)) else {
            return Err(bad());
        };
        Date::from_ymd(i64::from(year), month, day).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_prints_real_days_only() {
        let date: Date = "2024-02-29".parse().expect("leap day");
        assert_eq!(date.to_string(), "2024-02-29");
        assert_eq!(date.add_days(1).to_string(), "2024-03-01");
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-5",
            "tomorrow",
            "",
            "2026-04-31",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should not parse");
        }
        let error = "2026-02-30".parse::<Date>().unwrap_err();
        assert!(error.to_string().contains("YYYY-MM-DD"));
    }

    #[test]
    fn counts_days_across_years() {
        let start: Date = "2026-11-21".parse().expect("date");
        let end: Date = "2027-11-21".parse().expect("date");
        assert_eq!(end.days_since(start), 365);
        assert_eq!(start.days_since(end), -365);
        let epoch = Date::from_ymd(1970, 1, 1).expect("date");
        assert_eq!(epoch.add_days(20_513).to_string(), "2026-03-01");
    }

    proptest! {
        #[test]
        fn adding_days_and_counting_them_agree(days in -1_000_000i64..1_000_000) {
            let epoch = Date::from_ymd(1970, 1, 1).expect("date");
            prop_assert_eq!(epoch.add_days(days).days_since(epoch), days);
        }
    }
}
