//! R5: weekly open hours: the open periods of each day of the week.

use chrono::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// One open period of a day, in minutes after the local midnight that starts
/// the day: `open < close`, `open < 1440`. A period that runs past midnight
/// (written `22:00-06:00`) has `close > 1440`, before the next day's time it
/// opened at: it belongs to the day it starts, also when the next date is a
/// holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct OpenPeriod {
    pub open: u16,
    pub close: u16,
}

impl OpenPeriod {
    pub fn new(open: u16, close: u16) -> Result<Self, String> {
        let same_day = close <= 1440;
        if open < close && open < 1440 && (same_day || close - 1440 < open) {
            Ok(OpenPeriod { open, close })
        } else {
            Err(format!(
                "open period {}-{} must open before it closes, within one day (00:00-24:00), or run past midnight by less than a day (22:00-06:00)",
                hhmm(open),
                hhmm(close % 1440)
            ))
        }
    }

    pub fn minutes(&self) -> u32 {
        u32::from(self.close - self.open)
    }

    /// Whether it runs past midnight into the next date.
    pub fn is_overnight(&self) -> bool {
        self.close > 1440
    }

    /// How far into the next date it runs, in minutes after that midnight.
    pub fn spill(&self) -> u16 {
        self.close.saturating_sub(1440)
    }
}

pub(crate) fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl fmt::Display for OpenPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let close = if self.is_overnight() { self.close - 1440 } else { self.close };
        write!(f, "{}-{}", hhmm(self.open), hhmm(close))
    }
}

impl FromStr for OpenPeriod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            || format!("'{s}' is not an open period: expected HH:MM-HH:MM, e.g. 08:00-17:00 or 22:00-06:00");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let open = parse_hhmm(a).ok_or_else(bad)?;
        let close = parse_hhmm(b).ok_or_else(bad)?;
        if open == close || (open == 1440 && close == 0) {
            return Err(format!(
                "'{s}' is an empty open period: it closes when it opens; write e.g. 08:00-17:00"
            ));
        }
        if open == 1440 {
            return Err(format!(
                "'{s}' opens at 24:00, which is the next day's 00:00: write 00:00 on that day"
            ));
        }
        // Ending before it starts: it runs past midnight (22:00-06:00).
        OpenPeriod::new(open, if close < open { close + 1440 } else { close })
    }
}

impl Serialize for OpenPeriod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OpenPeriod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Open periods for each day of the week, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mon: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tue: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wed: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thu: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fri: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sat: Vec<OpenPeriod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sun: Vec<OpenPeriod>,
}

impl WeeklyHours {
    /// The same period on Monday to Friday, closed at the weekend.
    pub fn weekdays(period: OpenPeriod) -> Self {
        let day = vec![period];
        WeeklyHours {
            mon: day.clone(),
            tue: day.clone(),
            wed: day.clone(),
            thu: day.clone(),
            fri: day,
            ..Default::default()
        }
    }

    pub fn day(&self, wd: Weekday) -> &[OpenPeriod] {
        match wd {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    pub fn day_mut(&mut self, wd: Weekday) -> &mut Vec<OpenPeriod> {
        match wd {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }

    /// Open minutes in a whole week.
    pub fn weekly_minutes(&self) -> u32 {
        ALL_DAYS.iter().flat_map(|d| self.day(*d)).map(OpenPeriod::minutes).sum()
    }

    /// Periods of a day must be in order and must not overlap, and a period
    /// that runs past midnight must end before the next day's first opens.
    pub fn validate(&self) -> Result<(), String> {
        for d in ALL_DAYS {
            let periods = self.day(d);
            in_order(periods, &d.to_string())?;
            runs_into(periods, self.day(d.succ()), &d.to_string(), &d.succ().to_string())?;
        }
        Ok(())
    }

    /// Parses a compact form such as `mon-fri 08:00-17:00; sat 09:00-12:00`.
    pub fn parse_spec(spec: &str) -> Result<Self, String> {
        let mut hours = WeeklyHours::default();
        for part in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let mut words = part.split_whitespace();
            let days = words.next().unwrap_or_default();
            let days = parse_day_range(days)?;
            let periods: Vec<OpenPeriod> = words.map(str::parse).collect::<Result<_, _>>()?;
            if periods.is_empty() {
                return Err(format!("'{part}' names days but no open period (e.g. 08:00-17:00)"));
            }
            for d in days {
                let day = hours.day_mut(d);
                day.extend(periods.iter().copied());
                day.sort();
            }
        }
        hours.validate()?;
        Ok(hours)
    }
}

impl fmt::Display for WeeklyHours {
    /// Compact: consecutive days with the same periods share one entry,
    /// `mon-fri 08:00-17:00; sat 09:00-12:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < ALL_DAYS.len() {
            let periods = self.day(ALL_DAYS[i]);
            let mut j = i;
            while j + 1 < ALL_DAYS.len() && self.day(ALL_DAYS[j + 1]) == periods {
                j += 1;
            }
            if !periods.is_empty() {
                let days = if i == j {
                    day_name(ALL_DAYS[i]).to_string()
                } else {
                    format!("{}-{}", day_name(ALL_DAYS[i]), day_name(ALL_DAYS[j]))
                };
                let times: Vec<String> = periods.iter().map(ToString::to_string).collect();
                parts.push(format!("{days} {}", times.join(" ")));
            }
            i = j + 1;
        }
        if parts.is_empty() { f.write_str("never open") } else { f.write_str(&parts.join("; ")) }
    }
}

/// The periods of one day are in order and do not overlap.
pub(crate) fn in_order(periods: &[OpenPeriod], day: &str) -> Result<(), String> {
    for w in periods.windows(2) {
        if w[1].open < w[0].close {
            return Err(format!(
                "open periods {} and {} on {day} overlap or are out of order: write them in order, one after the other",
                w[0], w[1]
            ));
        }
    }
    Ok(())
}

/// A period of `day` running past midnight ends before `next`'s first opens.
pub(crate) fn runs_into(
    periods: &[OpenPeriod],
    next: &[OpenPeriod],
    day: &str,
    next_day: &str,
) -> Result<(), String> {
    let (Some(last), Some(first)) = (periods.last(), next.first()) else { return Ok(()) };
    if last.spill() > first.open {
        return Err(format!(
            "the period {last} on {day} runs past midnight into {first} on {next_day}: end it by {} or open {next_day} later",
            hhmm(first.open)
        ));
    }
    Ok(())
}

pub const ALL_DAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn parse_day(s: &str) -> Result<Weekday, String> {
    ALL_DAYS
        .into_iter()
        .find(|d| day_name(*d).eq_ignore_ascii_case(s))
        .ok_or_else(|| format!("'{s}' is not a day: use mon, tue, wed, thu, fri, sat or sun"))
}

fn parse_day_range(s: &str) -> Result<Vec<Weekday>, String> {
    let mut out = Vec::new();
    for item in s.split(',') {
        match item.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (parse_day(a)?, parse_day(b)?);
                let mut d = a;
                out.push(d);
                while d != b {
                    d = d.succ();
                    out.push(d);
                }
            }
            None => out.push(parse_day(item)?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_weekly_spec() {
        let h = WeeklyHours::parse_spec("mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00").unwrap();
        assert_eq!(h.mon.len(), 2);
        assert_eq!(h.sat, vec![OpenPeriod { open: 540, close: 720 }]);
        assert!(h.sun.is_empty());
        assert_eq!(h.weekly_minutes(), 5 * 480 + 180);
        assert_eq!(h.to_string(), "mon-fri 08:00-12:00 13:00-17:00; sat 09:00-12:00");
        assert_eq!(WeeklyHours::parse_spec(&h.to_string()).unwrap(), h, "the display form parses back");
    }

    #[test]
    fn refuses_bad_periods() {
        assert!(
            "17:00-08:00".parse::<OpenPeriod>().unwrap().is_overnight(),
            "ends before it starts: past midnight"
        );
        assert!("08:00-24:01".parse::<OpenPeriod>().is_err());
        assert!("8-17".parse::<OpenPeriod>().is_err());
        assert_eq!("00:00-24:00".parse::<OpenPeriod>().unwrap().minutes(), 1440);
        assert!(WeeklyHours::parse_spec("mon 08:00-12:00 11:00-13:00").is_err());
        assert!(WeeklyHours::parse_spec("funday 08:00-12:00").is_err());
        assert!(WeeklyHours::parse_spec("mon").is_err());
    }

    #[test]
    fn overnight_periods_belong_to_the_day_they_start() {
        let p: OpenPeriod = "22:00-06:00".parse().unwrap();
        assert_eq!((p.open, p.close, p.minutes(), p.spill()), (1320, 1800, 480, 360));
        assert_eq!(p.to_string(), "22:00-06:00");
        assert_eq!("22:00-00:00".parse::<OpenPeriod>().unwrap(), OpenPeriod { open: 1320, close: 1440 });
        let h = WeeklyHours::parse_spec("mon-fri 08:00-12:00 22:00-06:00").unwrap();
        assert_eq!(WeeklyHours::parse_spec(&h.to_string()).unwrap(), h);
        let err = WeeklyHours::parse_spec("mon 22:00-06:00; tue 05:00-09:00").unwrap_err();
        assert!(err.contains("runs past midnight into 05:00-09:00 on Tue"), "{err}");
        assert!(
            WeeklyHours::parse_spec("sun 22:00-06:00; mon 05:00-09:00").is_err(),
            "sunday runs into monday"
        );
        let err = "08:00-08:00".parse::<OpenPeriod>().unwrap_err();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn wraps_day_ranges_over_the_weekend() {
        let h = WeeklyHours::parse_spec("sat-mon 10:00-11:00").unwrap();
        assert_eq!((h.sat.len(), h.sun.len(), h.mon.len(), h.tue.len()), (1, 1, 1, 0));
    }
}
