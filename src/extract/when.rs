//! Dates and periods as intervals of days ([`When`]): the database's spelling, overlap and
//! the calendar.

use crate::policy::Policy;

/// How precisely a date or period is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// A fiscal year (U.S. federal: October to September).
    Fiscal,
    /// A span of years or dates ("2017–2021").
    Span,
    /// "since 2018": from then on.
    Since,
    /// A month with no year ("a February hearing"): `lo`/`hi` hold month and day in 0000.
    MonthOnly,
    /// A month and day with no year ("March 13").
    MonthDay,
    /// "last year", "last month": a period that is stated but cannot be resolved.
    Relative,
}

/// A date or period as an inclusive interval of days, each written `yyyymmdd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub lo: u32,
    pub hi: u32,
    pub precision: Precision,
}

/// The open end of "since 2018".
pub const OPEN_END: u32 = 99_991_231;

impl When {
    /// A period that is stated but cannot be resolved ("last year").
    pub const RELATIVE: When = When {
        lo: 0,
        hi: 0,
        precision: Precision::Relative,
    };

    /// The calendar years `a` to `b` (a span).
    pub fn years(a: u32, b: u32) -> When {
        When {
            lo: a * 10000 + 101,
            hi: b * 10000 + 1231,
            precision: Precision::Span,
        }
    }

    pub fn year(y: u32) -> When {
        When {
            lo: y * 10000 + 101,
            hi: y * 10000 + 1231,
            precision: Precision::Year,
        }
    }

    pub(crate) fn fiscal(y: u32) -> When {
        When {
            lo: (y - 1) * 10000 + 1001,
            hi: y * 10000 + 930,
            precision: Precision::Fiscal,
        }
    }

    pub(crate) fn month(y: u32, m: u32) -> When {
        When {
            lo: y * 10000 + m * 100 + 1,
            hi: y * 10000 + m * 100 + days_in_month(y, m),
            precision: Precision::Month,
        }
    }

    pub(crate) fn day(y: u32, m: u32, d: u32) -> When {
        let v = y * 10000 + m * 100 + d;
        When {
            lo: v,
            hi: v,
            precision: Precision::Day,
        }
    }

    /// Parses the database spelling: `2021`, `FY2021`, `2017..2021`, `since 2018`, `2023-10`,
    /// `2023-10-03`, `2023-10-07..2023-10-10`.
    pub fn parse(s: &str) -> Option<When> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("since ") {
            return When::parse(rest).map(|w| When::since(&w));
        }
        if let Some((a, b)) = s.split_once("..") {
            let (a, b) = (When::parse(a)?, When::parse(b)?);
            if a.lo > b.hi {
                return None;
            }
            return Some(When {
                lo: a.lo,
                hi: b.hi,
                precision: Precision::Span,
            });
        }
        if let Some(y) = s.strip_prefix("FY") {
            let y: u32 = y.trim().parse().ok()?;
            return valid_year(y).then(|| When::fiscal(y));
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| -> Option<u32> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return None;
            }
            p.parse().ok()
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y)?;
                valid_year(y).then(|| When::year(y))
            }
            [y, m] => {
                let (y, m) = (num(y)?, num(m)?);
                (valid_year(y) && (1..=12).contains(&m)).then(|| When::month(y, m))
            }
            [y, m, d] => {
                let (y, m, d) = (num(y)?, num(m)?, num(d)?);
                valid_date(y, m, d).then(|| When::day(y, m, d))
            }
            _ => None,
        }
    }

    /// Whether two stated periods overlap.
    pub fn overlaps(&self, other: &When) -> bool {
        match (self.precision, other.precision) {
            (Precision::Relative, _) | (_, Precision::Relative) => false,
            (Precision::MonthOnly | Precision::MonthDay, _) => month_day_overlap(self, other),
            (_, Precision::MonthOnly | Precision::MonthDay) => month_day_overlap(other, self),
            _ => self.lo <= other.hi && other.lo <= self.hi,
        }
    }

    /// The same period (used for claims whose figures cover a period).
    pub fn same_period(&self, other: &When) -> bool {
        self.lo == other.lo && self.hi == other.hi && self.precision != Precision::Relative
    }

    /// A month, or a month and day, with no year ("a February hearing", "March 13").
    pub(crate) fn yearless(m: u32, day: Option<u32>) -> When {
        match day {
            Some(d) => When {
                lo: m * 100 + d,
                hi: m * 100 + d,
                precision: Precision::MonthDay,
            },
            None => When {
                lo: m * 100,
                hi: m * 100 + 31,
                precision: Precision::MonthOnly,
            },
        }
    }

    /// "since X": from X on.
    pub(crate) fn since(from: &When) -> When {
        When {
            lo: from.lo,
            hi: OPEN_END,
            precision: Precision::Since,
        }
    }

    /// A span of whole calendar years ("2014–2021"), as opposed to one of dates.
    pub fn is_whole_years(&self) -> bool {
        self.precision == Precision::Span && self.lo % 10000 == 101 && self.hi % 10000 == 1231
    }

    /// The first and last calendar year the period touches.
    pub fn year_range(&self) -> (u32, u32) {
        (self.lo / 10000, self.hi / 10000)
    }

    /// Whether the period names a year only in part (no year given).
    pub fn is_yearless(&self) -> bool {
        matches!(self.precision, Precision::MonthOnly | Precision::MonthDay)
    }
}

/// A yearless month (and day) against a dated interval: compares month and day only.
fn month_day_overlap(partial: &When, full: &When) -> bool {
    if full.is_yearless() {
        return partial.lo % 10000 / 100 == full.lo % 10000 / 100;
    }
    let m = partial.lo % 10000 / 100;
    let d = partial.lo % 100;
    let reach = Policy::DEFAULT.yearless_reach_years * 10000;
    let (lo, hi) = (full.lo, full.hi.min(full.lo + reach));
    let mut y = lo / 10000;
    while y <= hi / 10000 {
        let (a, b) = if partial.precision == Precision::MonthDay {
            (y * 10000 + m * 100 + d, y * 10000 + m * 100 + d)
        } else {
            (y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31)
        };
        if a <= full.hi && full.lo <= b {
            return true;
        }
        y += 1;
    }
    false
}

/// Years we read in text and in the database (see [`Policy::years`]).
pub(crate) fn valid_year(y: u32) -> bool {
    Policy::DEFAULT.is_year(y)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

pub(crate) fn valid_date(y: u32, m: u32, d: u32) -> bool {
    valid_year(y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}
