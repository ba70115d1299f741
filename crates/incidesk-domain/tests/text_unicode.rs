//! The text cleaner by Unicode property (item 9 of "Nothing lost, nothing
//! injected, nothing clobbered"): invisible characters of every kind are
//! removed, other spaces become plain spaces, combining marks are capped per
//! grapheme cluster in every block, and what is left measures in ratatui as
//! wide as a terminal draws it.

use incidesk_domain::text::{UNICODE_VERSION, clean_block, clean_line, clean_paste, is_typable};
use proptest::prelude::*;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The most combining marks one base character keeps (text.rs).
const MAX_MARKS: usize = 4;

fn marks_after_base(s: &str) -> usize {
    s.chars().skip(1).count()
}

#[test]
fn cleaner_removes_tag_characters() {
    // England's flag: a black flag, tags "gbeng", CANCEL TAG.
    let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
    assert_eq!(clean_line(england), "🏴");
    assert_eq!(clean_line("a\u{E0001}b"), "ab");
    let every_tag: String = ('\u{E0020}'..='\u{E007F}').collect();
    assert_eq!(clean_line(&format!("x{every_tag}y")), "xy");
    assert_eq!(clean_block(&format!("x\n{every_tag}y")), "x\ny");
    assert!(!is_typable('\u{E0001}') && !is_typable('\u{E0041}'));
}

#[test]
fn cleaner_removes_hangul_fillers() {
    assert_eq!(clean_line("a\u{115F}b\u{1160}c\u{3164}d\u{FFA0}e"), "abcde");
    assert_eq!(clean_line("\u{3164}"), "");
    assert!(!is_typable('\u{3164}') && !is_typable('\u{FFA0}'));
    // Real Hangul stays: syllables and conjoining jamo (L V T).
    assert_eq!(clean_line("한국어 \u{1100}\u{1161}\u{11A8}"), "한국어 \u{1100}\u{1161}\u{11A8}");
}

#[test]
fn cleaner_removes_mongolian_vowel_separator() {
    assert_eq!(clean_line("ᠮᠣᠩ\u{180E}ᠭᠣᠯ"), "ᠮᠣᠩᠭᠣᠯ");
    assert!(!is_typable('\u{180E}'));
}

#[test]
fn cleaner_turns_line_and_paragraph_separators_into_line_breaks() {
    // Like `\n`: a break in a block, a space in a line, so words stay apart.
    assert_eq!(clean_line("one\u{2028}two\u{2029}three"), "one two three");
    assert_eq!(clean_block("one\u{2028}two\u{2029}three\u{2029}"), "one\ntwo\nthree");
    assert_eq!(clean_paste("a\u{2028}", false), "a ");
    assert!(!is_typable('\u{2028}') && !is_typable('\u{2029}'));
}

#[test]
fn cleaner_turns_other_spaces_into_plain_spaces() {
    assert_eq!(clean_line("a\u{A0}b\u{2003}c\u{3000}d\u{202F}e\u{205F}f\u{1680}g"), "a b c d e f g");
    // A no-break space at an edge is trimmed like a space.
    assert_eq!(clean_line("\u{A0}x\u{2009}"), "x");
    assert_eq!(clean_paste("\u{A0}x", false), " x");
}

#[test]
fn cleaner_removes_invisible_format_characters() {
    for c in [
        '\u{2060}',
        '\u{2061}',
        '\u{2062}',
        '\u{2063}',
        '\u{2064}',
        '\u{FEFF}',
        '\u{AD}',
        '\u{61C}',
        '\u{206A}',
        '\u{206F}',
        '\u{180E}',
        '\u{034F}',
        '\u{0600}',
        '\u{06DD}',
        '\u{110BD}',
        '\u{13430}',
        '\u{1BCA0}',
        '\u{1D173}',
        '\u{FFF9}',
        '\u{17B4}',
        '\u{2065}',
    ] {
        let got = clean_line(&format!("in{c}visible"));
        assert_eq!(got, "invisible", "U+{:04X} was kept", c as u32);
        assert!(!is_typable(c), "U+{:04X} is typable", c as u32);
    }
}

#[test]
fn cleaner_caps_combining_marks_per_cluster_in_every_block() {
    // Blocks the old list did not cover (Hebrew, Arabic, Cyrillic enclosing
    // marks, Devanagari, Thai, Tibetan, Myanmar) and ones it did.
    let blocks: [&[char]; 10] = [
        &['\u{0591}', '\u{0592}', '\u{0593}', '\u{0594}', '\u{0595}', '\u{0596}'],
        &['\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}'],
        &['\u{0483}', '\u{0488}', '\u{0489}', '\u{0484}', '\u{0485}'],
        &['\u{0901}', '\u{093E}', '\u{0940}', '\u{0947}', '\u{094D}'],
        &['\u{0E31}', '\u{0E34}', '\u{0E35}', '\u{0E48}', '\u{0E49}'],
        &['\u{0F71}', '\u{0F72}', '\u{0F7A}', '\u{0F7B}', '\u{0F80}'],
        &['\u{1AB0}', '\u{1AB1}', '\u{1AB2}', '\u{1AB3}', '\u{1AB4}'],
        &['\u{20D0}', '\u{20D1}', '\u{20D2}', '\u{20DD}', '\u{20E0}'],
        &['\u{FE20}', '\u{FE21}', '\u{FE22}', '\u{FE23}', '\u{FE24}'],
        &['\u{1DC0}', '\u{1DC1}', '\u{1DC2}', '\u{1DC3}', '\u{1DC4}'],
    ];
    for marks in blocks {
        let stack: String = marks.iter().cycle().take(300).collect();
        let got = clean_line(&format!("a{stack}"));
        let want: String = std::iter::once('a').chain(marks.iter().copied().take(MAX_MARKS)).collect();
        assert_eq!(got, want, "marks from U+{:04X}", marks[0] as u32);
        // Each base has its own allowance.
        let two = clean_line(&format!("a{stack}b{stack}"));
        assert_eq!(two.chars().count(), 2 * (1 + MAX_MARKS));
    }
    // One mark repeated is capped sooner (as before): no real text repeats it.
    let repeated = clean_line(&format!("a{}", "\u{0591}".repeat(300)));
    assert_eq!(marks_after_base(&repeated), 2);
}

#[test]
fn cleaner_keeps_real_text_in_every_script() {
    for text in [
        "Åsa Ελληνικά Русский Tiếng Việt",
        "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t",
        "עִבְרִית שָׁלוֹם בְּרֵאשִׁית",
        "العربية مُحَمَّد",
        "हिन्दी क़ीं क्षत्रिय",
        "ไทย ที่ กิ๊",
        "မြန်မာ ကြို့",
        "한국어 日本語 中文 ｶﾞ",
        "🚀 👍 🇸🇪 1\u{20E3} naïve",
    ] {
        assert_eq!(clean_line(text), text);
        for c in text.chars() {
            assert!(is_typable(c), "U+{:04X} is not typable", c as u32);
        }
    }
}

#[test]
fn cleaner_unjoins_emoji_sequences_and_drops_variation_selectors() {
    // ZWJ sequences fall apart into their emoji, each 2 cells, as a
    // terminal without ZWJ support draws them and as ratatui measures them.
    assert_eq!(clean_line("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
    // Variation selectors go: the plain character keeps its own width.
    assert_eq!(clean_line("❤\u{FE0F} ☺\u{FE0E} 1\u{FE0F}\u{20E3} 葛\u{E0100}"), "❤ ☺ 1\u{20E3} 葛");
    // A skin tone after an emoji goes too (ratatui counts 2 cells, a
    // terminal drawing characters 4); alone, it stays an emoji of its own.
    assert_eq!(clean_line("👍\u{1F3FD} x \u{1F3FD}"), "👍 x \u{1F3FD}");
    assert_eq!(clean_line("🇸🇪🇫🇮"), "🇸🇪🇫🇮");
}

#[test]
fn cleaner_tables_share_the_unicode_version_of_unicode_width() {
    // A newer unicode-width knows characters the tables do not: regenerate
    // them (tools/unicode_tables.py) so both sides classify the same way.
    let (major, minor, _) = unicode_width::UNICODE_VERSION;
    assert!(UNICODE_VERSION.starts_with(&format!("{major}.{minor}.")), "{UNICODE_VERSION}");
}

/// Pieces of text people (and attackers) paste.
fn piece() -> impl Strategy<Value = String> {
    let chars = |ranges: &'static [(u32, u32)]| {
        proptest::sample::select(ranges)
            .prop_flat_map(|(lo, hi)| lo..=hi)
            .prop_map(|cp| char::from_u32(cp).map(String::from).unwrap_or_default())
    };
    prop_oneof![
        4 => chars(&[(0x20, 0x7E)]),
        2 => chars(&[(0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x3040, 0x30FF), (0xFF61, 0xFF9F)]),
        1 => chars(&[(0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF)]),
        3 => chars(&[
            (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0900, 0x0963),
            (0x0E31, 0x0E4E), (0x0F71, 0x0F84), (0x102B, 0x103E), (0x1AB0, 0x1ACE), (0x1DC0, 0x1DFF),
            (0x20D0, 0x20F0), (0xFE20, 0xFE2F), (0x1D165, 0x1D169),
        ]),
        2 => chars(&[
            (0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x115F, 0x1160),
            (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2000, 0x206F), (0x3000, 0x3000), (0x3164, 0x3164),
            (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB), (0x13430, 0x1343F),
            (0x1D173, 0x1D17A), (0xE0000, 0xE01EF),
        ]),
        3 => chars(&[
            (0x2600, 0x27BF), (0x1F1E6, 0x1F1FF), (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF),
            (0x1F3FB, 0x1F3FF), (0x1F900, 0x1F9FF), (0x200D, 0x200D), (0x20E3, 0x20E3),
        ]),
        2 => chars(&[(0x00, 0x1F), (0x7F, 0x9F)]),
        1 => Just("\x1b]0;title\x07".to_string()),
        1 => Just("\x1b[31m".to_string()),
        1 => Just("\u{1b}".to_string()),
        1 => Just("\u{9b}1m".to_string()),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// What a terminal advances, character by character.
fn drawn_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

proptest! {
    #[test]
    fn cleaned_text_measures_what_the_terminal_draws(s in hostile_text()) {
        let line = clean_line(&s);
        prop_assert_eq!(UnicodeWidthStr::width(line.as_str()), drawn_width(&line), "{:?}", line);
        for l in clean_block(&s).split('\n') {
            prop_assert_eq!(UnicodeWidthStr::width(l), drawn_width(l), "{:?}", l);
        }
        let paste = clean_paste(&s, false);
        prop_assert_eq!(UnicodeWidthStr::width(paste.as_str()), drawn_width(&paste), "{:?}", paste);
    }

    #[test]
    fn cleaning_is_idempotent(s in hostile_text()) {
        let line = clean_line(&s);
        prop_assert_eq!(clean_line(&line), line.clone());
        let block = clean_block(&s);
        prop_assert_eq!(clean_block(&block), block.clone());
        for multiline in [false, true] {
            let paste = clean_paste(&s, multiline);
            prop_assert_eq!(clean_paste(&paste, multiline), paste.clone());
        }
        // Nothing cleaned is refused when typed, but line breaks.
        prop_assert!(block.chars().all(|c| c == '\n' || is_typable(c)), "{:?}", block);
    }
}
