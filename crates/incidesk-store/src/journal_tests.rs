use super::*;

const BASE: &str = "0123456789abcdef";

fn entry(seq: u64) -> Entry {
    Entry { seq, put: Vec::new(), patch: Vec::new(), history: Vec::new(), issued: Issued::default() }
}

fn lines(seqs: &[u64]) -> Vec<u8> {
    seqs.iter().flat_map(|&s| encode(&entry(s), BASE).unwrap()).collect()
}

fn read_b(bytes: &[u8], after: u64) -> Result<Read, Bad> {
    read(bytes, after, 1, Some(BASE))
}

/// A line of the first journal format (before `v` and `base`), as shipped.
fn v1_line(seq: u64) -> Vec<u8> {
    frame(format!(r#"{{"seq":{seq},"put":[],"history":[],"issued":{{}}}}"#).as_bytes())
}

#[test]
fn round_trips_and_checks_the_sum() {
    let line = encode(&entry(3), BASE).unwrap();
    assert!(line.starts_with(b"{\"sum\":\"") && line.ends_with(b"}\n"));
    assert!(String::from_utf8_lossy(&line).contains(r#""v":2,"base":"0123456789abcdef","seq":3"#));
    serde_json::from_slice::<serde_json::Value>(&line).expect("a line is JSON");
    assert_eq!(decode_line(&line[..line.len() - 1]).unwrap(), (entry(3), Some(BASE.to_string())));
    let mut bad = line.clone();
    let at = bad.len() - 3;
    bad[at] = b'9';
    assert!(decode_line(&bad[..bad.len() - 1]).is_err());
}

#[test]
fn only_a_last_line_without_its_newline_is_dropped() {
    let mut bytes = lines(&[1, 2]);
    let good = bytes.len();
    let third = encode(&entry(3), BASE).unwrap();
    bytes.extend_from_slice(&third[..third.len() / 2]);
    let r = read_b(&bytes, 0).unwrap();
    assert_eq!((r.entries.len(), r.valid_len, r.last_seq), (2, good, 2));
    // Cut but newline-terminated: a complete line that fails its checksum
    // was written whole once, so it is refused with its number.
    bytes.push(b'\n');
    let e = read_b(&bytes, 0).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("checksum"), "{}", e.message);
    // One damaged byte in the last complete line: refused too.
    let mut damaged = lines(&[1, 2]);
    let at = damaged.len() - 5;
    damaged[at] ^= 1;
    assert_eq!(read_b(&damaged, 0).unwrap_err().line, 2);
}

#[test]
fn skips_folded_lines_and_refuses_gaps() {
    let r = read_b(&lines(&[4, 5, 6]), 5).unwrap();
    assert_eq!(r.entries, vec![entry(6)]);
    assert_eq!((r.lines, r.last_seq, r.entries_line), (3, 6, 3));
    let r = read_b(&lines(&[4, 5]), 5).unwrap();
    assert!(r.entries.is_empty());
    assert_eq!(r.last_seq, 5);
    assert_eq!(read_b(&lines(&[7]), 5).unwrap_err().line, 1);
    assert_eq!(read_b(&lines(&[6, 8]), 5).unwrap_err().line, 2);
    assert_eq!(read_b(&lines(&[6, 6]), 5).unwrap_err().line, 2);
    assert_eq!(read_b(&[], 9).unwrap().last_seq, 9);
}

#[test]
fn lines_for_another_data_file_are_refused_unless_folded() {
    let bytes = lines(&[1, 2]);
    let e = read(&bytes, 0, 1, Some("ffffffffffffffff")).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("journal id 0123456789abcdef, but the data file's is ffffffffffffffff"));
    assert!(read(&bytes, 0, 1, None).unwrap_err().message.contains("records none"));
    // Folded lines of the journal before a rewrite carry the old id: skipped.
    assert!(read(&bytes, 2, 1, Some("ffffffffffffffff")).unwrap().entries.is_empty());
}

#[test]
fn reads_the_first_format_beside_a_file_without_a_journal_id() {
    let bytes = [v1_line(1), v1_line(2)].concat();
    let r = read(&bytes, 0, 1, None).unwrap();
    assert_eq!(r.entries, vec![entry(1), entry(2)]);
    // Beside a file with a journal id, an untagged line is another desk's.
    assert!(read(&bytes, 0, 1, Some(BASE)).is_err());
}

#[test]
fn a_newer_format_is_refused_with_words() {
    let line = frame(br#"{"v":3,"base":"x","seq":1,"what":"new"}"#);
    let e = read(&line, 0, 1, Some("x")).unwrap_err();
    assert!(e.message.contains("newer incidesk (journal format 3"), "{}", e.message);
}
