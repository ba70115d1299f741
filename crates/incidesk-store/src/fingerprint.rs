//! A fingerprint of a file's content (its length and a 128-bit hash), kept
//! instead of the bytes themselves to tell whether the data file changed
//! since it was read or saved: holding the bytes cost one file's worth of
//! memory in every running incidesk.
//!
//! The hash is xxHash64's round on four lanes, finished into two 64-bit
//! halves. It is not cryptographic: it guards against edits by people and
//! other programs (which the file's stamp can miss within one clock tick),
//! not against crafted collisions, and anyone able to craft one could just
//! as well edit the desk. It only lives in memory, so it may change between
//! versions of incidesk.

use std::io::{self, Write};

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

/// The length and hash of some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    len: u64,
    hash: (u64, u64),
}

impl Fingerprint {
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// The fingerprint of `bytes`.
pub(crate) fn of(bytes: &[u8]) -> Fingerprint {
    let mut h = Hasher::new();
    h.update(bytes);
    h.finish()
}

/// Fingerprints bytes given in pieces (the same result however they are cut).
pub(crate) struct Hasher {
    lanes: [u64; 4],
    /// The start of a stripe not complete yet.
    stripe: [u8; 32],
    held: usize,
    len: u64,
}

impl Hasher {
    pub(crate) fn new() -> Self {
        Hasher { lanes: [P1.wrapping_add(P2), P2, 0, P1.wrapping_neg()], stripe: [0; 32], held: 0, len: 0 }
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.held > 0 {
            let take = (32 - self.held).min(bytes.len());
            self.stripe[self.held..self.held + take].copy_from_slice(&bytes[..take]);
            self.held += take;
            bytes = &bytes[take..];
            if self.held < 32 {
                return;
            }
            let stripe = self.stripe;
            self.round(&stripe);
            self.held = 0;
        }
        let mut stripes = bytes.chunks_exact(32);
        for s in &mut stripes {
            self.round(s);
        }
        let rest = stripes.remainder();
        self.stripe[..rest.len()].copy_from_slice(rest);
        self.held = rest.len();
    }

    fn round(&mut self, stripe: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(stripe.chunks_exact(8)) {
            let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            *lane = lane.wrapping_add(w.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1);
        }
    }

    pub(crate) fn finish(mut self) -> Fingerprint {
        // Zero padding can't be confused with zero bytes: the length is mixed in.
        if self.held > 0 {
            self.stripe[self.held..].fill(0);
            let stripe = self.stripe;
            self.round(&stripe);
        }
        let [a, b, c, d] = self.lanes;
        // Each lane goes into both halves, in different orders from different
        // seeds, so the halves are two different functions of the whole state.
        let first = [a, b, c, d].iter().fold(self.len ^ P5, |h, &l| merge(h, l));
        let second = [d, c, b, a].iter().fold(self.len ^ P3, |h, &l| merge(h, l.rotate_left(17)));
        Fingerprint { len: self.len, hash: (avalanche(first), avalanche(second)) }
    }
}

fn merge(h: u64, lane: u64) -> u64 {
    let l = lane.wrapping_mul(P2).rotate_left(31).wrapping_mul(P1);
    (h ^ l).wrapping_mul(P1).wrapping_add(P4)
}

fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

/// Writes through to `inner`, fingerprinting what goes through.
pub(crate) struct Tee<W> {
    pub(crate) inner: W,
    pub(crate) hasher: Hasher,
}

impl<W: Write> Write for Tee<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn the_same_however_the_bytes_come() {
        for n in [0, 1, 7, 31, 32, 33, 64, 100, 1000] {
            let bytes = sample(n);
            let whole = of(&bytes);
            for cut in [1, 3, 8, 31, 32, 33, 500] {
                let mut h = Hasher::new();
                bytes.chunks(cut).for_each(|c| h.update(c));
                assert_eq!(h.finish(), whole, "{n} bytes in pieces of {cut}");
            }
        }
    }

    #[test]
    fn any_edit_of_the_same_length_shows() {
        let bytes = sample(1000);
        let print = of(&bytes);
        for i in 0..bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut edited = bytes.clone();
                edited[i] ^= flip;
                assert_ne!(of(&edited), print, "byte {i} ^ {flip:#x}");
            }
        }
        let mut swapped = bytes.clone();
        swapped.swap(0, 8);
        assert_ne!(of(&swapped), print, "two words swapped");
    }

    #[test]
    fn trailing_zeros_and_lengths_show() {
        assert_ne!(of(b""), of(b"\0"));
        assert_ne!(of(b"{}"), of(b"{}\0"));
        assert_ne!(of(&[0; 32]), of(&[0; 31]));
        assert_eq!(of(b"{}").len(), 2);
    }

    #[test]
    fn tee_passes_everything_on() {
        let mut t = Tee { inner: Vec::new(), hasher: Hasher::new() };
        t.write_all(b"hello, ").unwrap();
        t.write_all(&sample(77)).unwrap();
        let print = t.hasher.finish();
        assert_eq!(print, of(&t.inner));
    }
}
