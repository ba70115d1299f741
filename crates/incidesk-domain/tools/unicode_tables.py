#!/usr/bin/env python3
"""Writes crates/incidesk-domain/src/unicode_tables.rs, the Unicode property
tables the text cleaner (src/text.rs) uses.

The domain crate may depend only on chrono, chrono-tz and serde, so the
property data lives in the crate as a generated table instead of a crate.

Run from anywhere (the output path is relative to this file):

    pip install unicodedata2          # optional: a newer Unicode than Python's
    python3 crates/incidesk-domain/tools/unicode_tables.py

With `unicodedata2` installed its Unicode version is used (preferred: it
should match the `unicode-width` crate ratatui measures with); otherwise
Python's own `unicodedata`. The version used is written into the header.
"""

import os
import sys

try:
    import unicodedata2 as ucd
except ImportError:  # Python's own tables are older but still usable
    import unicodedata as ucd

# Default_Ignorable_Code_Point, typed in from DerivedCoreProperties.txt of
# Unicode 16.0.0 (the same set in 17.0.0 and 18.0.0; the machine that
# generates has no network). Python's unicodedata has no such property.
# Update this list when a new Unicode version changes it.
DEFAULT_IGNORABLE_VERSION = "16.0.0"
DEFAULT_IGNORABLE = [
    (0x00AD, 0x00AD),  # Cf SOFT HYPHEN
    (0x034F, 0x034F),  # Mn COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # Cf ARABIC LETTER MARK
    (0x115F, 0x1160),  # Lo HANGUL CHOSEONG FILLER..JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # Mn KHMER VOWEL INHERENT AQ..AA
    (0x180B, 0x180D),  # Mn MONGOLIAN FREE VARIATION SELECTOR ONE..THREE
    (0x180E, 0x180E),  # Cf MONGOLIAN VOWEL SEPARATOR
    (0x180F, 0x180F),  # Mn MONGOLIAN FREE VARIATION SELECTOR FOUR
    (0x200B, 0x200F),  # Cf ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # Cf LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x2064),  # Cf WORD JOINER..INVISIBLE PLUS
    (0x2065, 0x2065),  # Cn <reserved-2065>
    (0x2066, 0x206F),  # Cf LEFT-TO-RIGHT ISOLATE..NOMINAL DIGIT SHAPES
    (0x3164, 0x3164),  # Lo HANGUL FILLER
    (0xFE00, 0xFE0F),  # Mn VARIATION SELECTOR-1..16
    (0xFEFF, 0xFEFF),  # Cf ZERO WIDTH NO-BREAK SPACE
    (0xFFA0, 0xFFA0),  # Lo HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # Cn <reserved-FFF0>..<reserved-FFF8>
    (0x1BCA0, 0x1BCA3),  # Cf SHORTHAND FORMAT LETTER OVERLAP..UP STEP
    (0x1D173, 0x1D17A),  # Cf MUSICAL SYMBOL BEGIN BEAM..END PHRASE
    (0xE0000, 0xE0000),  # Cn <reserved-E0000>
    (0xE0001, 0xE0001),  # Cf LANGUAGE TAG
    (0xE0002, 0xE001F),  # Cn <reserved>
    (0xE0020, 0xE007F),  # Cf TAG SPACE..CANCEL TAG
    (0xE0080, 0xE00FF),  # Cn <reserved>
    (0xE0100, 0xE01EF),  # Mn VARIATION SELECTOR-17..256
    (0xE01F0, 0xE0FFF),  # Cn <reserved>
]


def ranges(pred):
    """Sorted, merged inclusive ranges of the code points where pred holds."""
    out = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:  # surrogates are never a Rust char
            continue
        if pred(cp):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def category(cp):
    return ucd.category(chr(cp))


def default_ignorable(cp):
    return any(lo <= cp <= hi for lo, hi in DEFAULT_IGNORABLE)


TABLES = [
    (
        "INVISIBLE",
        "Removed: Default_Ignorable_Code_Point and format characters (Cf).",
        lambda cp: default_ignorable(cp) or category(cp) == "Cf",
    ),
    (
        "LINE_BREAK",
        "Become a line break (a space in a line): line and paragraph separators (Zl, Zp).",
        lambda cp: category(cp) in ("Zl", "Zp"),
    ),
    (
        "SPACE_SEPARATOR",
        "Become a plain space: space separators (Zs) other than U+0020.",
        lambda cp: cp != 0x20 and category(cp) == "Zs",
    ),
    (
        "COMBINING_MARK",
        "Capped per grapheme cluster: combining marks (Mn, Mc, Me).",
        lambda cp: category(cp) in ("Mn", "Mc", "Me"),
    ),
]


def check():
    # The typed-in list must agree with what the UCD says about its members.
    for lo, hi in DEFAULT_IGNORABLE:
        for cp in range(lo, hi + 1):
            assert category(cp) in ("Cf", "Mn", "Lo", "Cn"), hex(cp)
    assert DEFAULT_IGNORABLE == sorted(DEFAULT_IGNORABLE)


def render():
    lines = [
        "//! GENERATED FILE, do not edit: written by",
        "//! `python3 crates/incidesk-domain/tools/unicode_tables.py`",
        f"//! from Unicode {ucd.unidata_version} ({ucd.__name__}), with the",
        f"//! Default_Ignorable_Code_Point list of Unicode {DEFAULT_IGNORABLE_VERSION}",
        "//! (DerivedCoreProperties.txt) typed into the script.",
        "//! Regenerate after a Unicode update: `pip install unicodedata2` first.",
        "",
        f'pub const UNICODE_VERSION: &str = "{ucd.unidata_version}";',
        "",
        "/// Whether `c` lies in one of the sorted, disjoint inclusive ranges.",
        "pub(crate) fn contains(table: &[(u32, u32)], c: char) -> bool {",
        "    let c = u32::from(c);",
        "    table",
        "        .binary_search_by(|&(lo, hi)| {",
        "            if hi < c {",
        "                std::cmp::Ordering::Less",
        "            } else if lo > c {",
        "                std::cmp::Ordering::Greater",
        "            } else {",
        "                std::cmp::Ordering::Equal",
        "            }",
        "        })",
        "        .is_ok()",
        "}",
    ]
    for name, doc, pred in TABLES:
        rs = ranges(pred)
        lines += ["", f"/// {doc}", "#[rustfmt::skip]", f"pub(crate) static {name}: &[(u32, u32)] = &["]
        cells = [f"(0x{lo:04X}, 0x{hi:04X})," for lo, hi in rs]
        # Several ranges per line keep the file short enough to read.
        for i in range(0, len(cells), 5):
            lines.append("    " + " ".join(cells[i : i + 5]))
        lines.append("];")
    return "\n".join(lines) + "\n"


def main():
    check()
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "src", "unicode_tables.rs")
    with open(path, "w", encoding="utf-8") as f:
        f.write(render())
    print(f"wrote {os.path.normpath(path)} (Unicode {ucd.unidata_version})", file=sys.stderr)


if __name__ == "__main__":
    main()
