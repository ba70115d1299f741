//! R5: weekly open hours: the open periods of each day of the week.

use chrono::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// One open period of a day, in minutes after local midnight: `open < close <= 1440`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct OpenPeriod {
    pub open: u16,
    pub close: u16,
}

impl OpenPeriod {
    pub fn new(open: u16, close: u16) -> Result<Self, String> {
        if open < close && close <= 1440 {
            Ok(OpenPeriod { open, close })
        } else {
            Err(format!(
                "open period {}-{} must open before it closes, within one day (00:00-24:00)",
                hhmm(open),
                hhmm(close)
            ))
        }
    }

    pub fn minutes(&self) -> u32 {
        u32::from(self.close - self.open)
    }
}

fn hhmm(m: u16) -> String {
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
        write!(f, "{}-{}", hhmm(self.open), hhmm(self.close))
    }
}

impl FromStr for OpenPeriod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not an open period: expected HH:MM-HH:MM, e.g. 08:00-17:00");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let open = parse_hhmm(a).ok_or_else(bad)?;
        let close = parse_hhmm(b).ok_or_else(bad)?;
        OpenPeriod::new(open, close)
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

    /// Periods of a day must be in order and must not overlap.
    pub fn validate(&self) -> Result<(), String> {
        for d in ALL_DAYS {
            let periods = self.day(d);
            for w in periods.windows(2) {
                if w[1].open < w[0].close {
                    return Err(format!(
                        "open periods {} and {} on {d} overlap or are out of order",
                        w[0], w[1]
                    ));
                }
            }
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
        assert!("17:00-08:00".parse::<OpenPeriod>().is_err());
        assert!("08:00-24:01".parse::<OpenPeriod>().is_err());
        assert!("8-17".parse::<OpenPeriod>().is_err());
        assert_eq!("00:00-24:00".parse::<OpenPeriod>().unwrap().minutes(), 1440);
        assert!(WeeklyHours::parse_spec("mon 08:00-12:00 11:00-13:00").is_err());
        assert!(WeeklyHours::parse_spec("funday 08:00-12:00").is_err());
        assert!(WeeklyHours::parse_spec("mon").is_err());
    }

    #[test]
    fn wraps_day_ranges_over_the_weekend() {
        let h = WeeklyHours::parse_spec("sat-mon 10:00-11:00").unwrap();
        assert_eq!((h.sat.len(), h.sun.len(), h.mon.len(), h.tue.len()), (1, 1, 1, 0));
    }
}
