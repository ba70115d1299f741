//! A zone's rules read from a TZif file (the system's database), with the
//! changes its closing rule gives (daylight saving each year, e.g.
//! `CET-1CEST,M3.5.0,M10.5.0/3`) worked out once, so that reading the offset
//! at an instant is a binary search, as with the bundled rules, instead of
//! working the rule out again for every instant the due-time engine asks.

use tz::LocalTimeType;

/// Until when the rule's changes are worked out (2100-01-01T00:00:00Z);
/// later instants ask the rule itself.
const TABLE_END: i64 = 4_102_444_800;

/// Changes a rule makes are months apart (twice a year at most), so
/// sampling a week apart sees each one.
const STEP: i64 = 7 * 86_400;

pub(crate) struct TzifRules {
    rules: tz::TimeZone,
    /// From this instant (the file's last listed change) to [`TABLE_END`],
    /// the type in force is `first`, then each of `changes` from its instant.
    from: i64,
    first: LocalTimeType,
    changes: Vec<(i64, LocalTimeType)>,
}

impl TzifRules {
    /// The rules of a TZif file; `None` if it is not one or can't say the
    /// offset of the instants the desk uses.
    pub(crate) fn parse(bytes: &[u8]) -> Option<TzifRules> {
        let rules = tz::TimeZone::from_tz_data(bytes).ok()?;
        let at = |unix: i64| rules.find_local_time_type(unix).ok().copied();
        let from = rules.as_ref().transitions().last().map_or(0, |t| t.unix_leap_time()).min(TABLE_END);
        let first = at(from)?;
        at(TABLE_END)?;
        let mut changes = Vec::new();
        let (mut t, mut current) = (from, first);
        while t < TABLE_END {
            let next = (t + STEP).min(TABLE_END);
            let there = at(next)?;
            if there != current {
                // The change lies in (t, next]: the first second of `there`.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if at(mid)? == current { lo = mid } else { hi = mid }
                }
                let changed = at(hi)?;
                changes.push((hi, changed));
                current = changed;
                t = hi;
            } else {
                t = next;
            }
        }
        Some(TzifRules { rules, from, first, changes })
    }

    /// The local time type in force at a Unix time (seconds).
    pub(crate) fn type_at(&self, unix: i64) -> LocalTimeType {
        if (self.from..TABLE_END).contains(&unix) {
            let i = self.changes.partition_point(|(t, _)| *t <= unix);
            return if i == 0 { self.first } else { self.changes[i - 1].1 };
        }
        // Outside what the file can say (far past or future): UTC.
        self.rules.find_local_time_type(unix).copied().unwrap_or(LocalTimeType::utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_out_changes_agree_with_the_rule_every_hour_for_years() {
        // Only where the machine has the database.
        let Ok(bytes) = std::fs::read("/usr/share/zoneinfo/Europe/Stockholm") else { return };
        let table = TzifRules::parse(&bytes).unwrap();
        let rules = tz::TimeZone::from_tz_data(&bytes).unwrap();
        for unix in (1_577_836_800..1_893_456_000).step_by(3600) {
            assert_eq!(table.type_at(unix), *rules.find_local_time_type(unix).unwrap(), "{unix}");
        }
        // Two changes a year after the file's last listed one (2037 or before).
        for unix in (2_082_758_400..2_208_988_800).step_by(3600) {
            assert_eq!(table.type_at(unix), *rules.find_local_time_type(unix).unwrap(), "{unix}");
        }
        let in_2050 =
            table.changes.iter().filter(|(t, _)| (2_524_608_000..2_556_144_000).contains(t)).count();
        assert_eq!(in_2050, 2);
    }
}
