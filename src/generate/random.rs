//! The generator's only source of chance: a small seeded generator, so that
//! the same seed always gives the same desk (tests and benchmarks rely on it),
//! and the spans of time it draws.

use chrono::TimeDelta;

/// splitmix64: small, fast, and good enough for test data.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    pub(super) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.index(xs.len())]
    }

    /// Whole seconds uniform in `[lo, hi]` (`lo` when the range is empty).
    pub(super) fn span(&mut self, lo: TimeDelta, hi: TimeDelta) -> TimeDelta {
        let (a, b) = (lo.num_seconds(), hi.num_seconds());
        if b <= a {
            return TimeDelta::seconds(a);
        }
        TimeDelta::seconds(a + self.below((b - a + 1) as u64) as i64)
    }
}

pub(super) fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

pub(super) fn hours(h: i64) -> TimeDelta {
    TimeDelta::hours(h)
}

pub(super) fn days(d: i64) -> TimeDelta {
    TimeDelta::days(d)
}

/// `d` scaled by `f`, to the second.
pub(super) fn scaled(d: TimeDelta, f: f64) -> TimeDelta {
    TimeDelta::seconds((d.num_seconds() as f64 * f) as i64)
}
