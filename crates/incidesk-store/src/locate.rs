//! Where in the document a byte offset is, in words: `incidents[2] (I-3).severity`.
//!
//! serde_json only says "line 206, column 23"; people editing the file by hand
//! also want to know which incident and which field that is. This walks the
//! JSON text (already checked for syntax, but it copes with broken text too)
//! keeping a stack of the objects and lists it is inside, and the `id` of each
//! object seen so far. It allocates only for keys and ids, so it is cheap even
//! on a very large file.

/// One open object or list on the way to the offset.
#[derive(Debug)]
enum Frame {
    Object {
        /// The last key read.
        key: Option<String>,
        /// The object's `"id"`, once it has been read.
        id: Option<String>,
        state: At,
    },
    List {
        index: usize,
        /// Where the current element starts (for [`elements`]).
        start: Option<usize>,
    },
}

/// Where in an object the walk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Reading a key, or between a comma and the next key.
    Key,
    /// Reading the value of `key`.
    Value,
    /// After the value of `key`, before the comma or the closing brace.
    Done,
}

/// Frames deeper than this are summed up rather than spelt out.
const MAX_DEPTH_SHOWN: usize = 12;

/// The place an offset is in: a printable path and the innermost key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Place {
    /// `incidents[2] (I-3).severity`; empty at the top level.
    pub path: String,
    /// The last key on the path (`severity`), to choose a hint.
    pub key: Option<String>,
}

/// One element of one of the desk's lists: `desk.incidents[2]` spans `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub list: String,
    pub start: usize,
    pub end: usize,
}

struct Walker<'a> {
    text: &'a [u8],
    i: usize,
    stack: Vec<Frame>,
    /// Elements of `desk.<list>` found so far, when asked for.
    elements: Option<Vec<Element>>,
}

impl<'a> Walker<'a> {
    fn new(text: &'a [u8]) -> Self {
        Walker { text, i: 0, stack: Vec::new(), elements: None }
    }

    /// Whether the innermost frame is a list directly under `desk.<list>`.
    fn desk_list(&self) -> Option<&str> {
        match self.stack.as_slice() {
            [
                Frame::Object { key: Some(top), state: At::Value, .. },
                Frame::Object { key: Some(list), state: At::Value, .. },
                Frame::List { .. },
            ] if top == "desk" => Some(list),
            _ => None,
        }
    }

    /// A value starts at `self.i`.
    fn value_starts(&mut self) {
        let watching = self.elements.is_some() && self.desk_list().is_some();
        if let Some(Frame::List { start, .. }) = self.stack.last_mut()
            && watching
        {
            *start = Some(self.i);
        }
    }

    /// The element of a desk list that ends just before `self.i` (at `,` or `]`).
    fn element_ends(&mut self) {
        let Some(list) = self.desk_list().map(str::to_string) else { return };
        let end = self.text[..self.i].trim_ascii_end().len();
        if let (Some(Frame::List { start, .. }), Some(out)) = (self.stack.last_mut(), self.elements.as_mut())
            && let Some(start) = start.take()
            && start < end
        {
            out.push(Element { list, start, end });
        }
    }

    /// The value of the innermost object's current key is complete.
    fn value_done(&mut self) {
        if let Some(Frame::Object { state: state @ At::Value, .. }) = self.stack.last_mut() {
            *state = At::Done;
        }
    }

    /// Reads a string starting at the quote at `self.i`; stops at `limit`.
    /// Returns the text (escapes resolved loosely) and whether it was closed.
    fn string(&mut self, limit: usize) -> (String, bool) {
        let start = self.i + 1;
        let mut j = start;
        while j < limit {
            match self.text[j] {
                b'\\' => j += 2,
                b'"' => {
                    let raw = String::from_utf8_lossy(&self.text[start..j]).into_owned();
                    self.i = j + 1;
                    return (raw.replace("\\\"", "\"").replace("\\\\", "\\"), true);
                }
                _ => j += 1,
            }
        }
        self.i = limit;
        (String::new(), false)
    }

    /// Walks up to (not including) `limit`.
    fn walk(&mut self, limit: usize) {
        let limit = limit.min(self.text.len());
        while self.i < limit {
            let b = self.text[self.i];
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                b'{' => {
                    self.value_starts();
                    self.stack.push(Frame::Object { key: None, id: None, state: At::Key });
                    self.i += 1;
                }
                b'[' => {
                    self.value_starts();
                    self.stack.push(Frame::List { index: 0, start: None });
                    self.i += 1;
                }
                b'}' | b']' => {
                    if b == b']' {
                        self.element_ends();
                    }
                    self.stack.pop();
                    self.value_done();
                    self.i += 1;
                }
                b':' => {
                    if let Some(Frame::Object { state, .. }) = self.stack.last_mut() {
                        *state = At::Value;
                    }
                    self.i += 1;
                }
                b',' => {
                    self.element_ends();
                    match self.stack.last_mut() {
                        Some(Frame::Object { key, state, .. }) => {
                            *key = None;
                            *state = At::Key;
                        }
                        Some(Frame::List { index, .. }) => *index += 1,
                        None => {}
                    }
                    self.i += 1;
                }
                b'"' => {
                    let reading_key = matches!(self.stack.last(), Some(Frame::Object { state: At::Key, .. }));
                    if !reading_key {
                        self.value_starts();
                    }
                    let (s, closed) = self.string(limit);
                    if !closed {
                        return;
                    }
                    match self.stack.last_mut() {
                        Some(Frame::Object { key, state: At::Key, .. }) => *key = Some(s),
                        Some(Frame::Object { key: Some(k), id, .. }) if k == "id" => *id = Some(s),
                        _ => {}
                    }
                    if !reading_key {
                        self.value_done();
                    }
                }
                _ => {
                    // A number, true, false, null, or junk: up to the next delimiter.
                    self.value_starts();
                    let delimiter = |b: &u8| b",:{}[]\" \t\r\n".contains(b);
                    while self.i < limit && !delimiter(&self.text[self.i]) {
                        self.i += 1;
                    }
                    // Complete when a delimiter follows, even one at the limit.
                    if self.text.get(self.i).is_some_and(delimiter) {
                        self.value_done();
                    }
                }
            }
        }
    }

    fn place(&self) -> Place {
        let mut path = String::new();
        let mut key = None;
        for (n, frame) in self.stack.iter().enumerate().take(MAX_DEPTH_SHOWN) {
            match frame {
                Frame::Object { key: Some(k), state: At::Value, .. } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    key = Some(k.clone());
                }
                Frame::Object { .. } => {}
                Frame::List { index, .. } => {
                    path.push_str(&format!("[{index}]"));
                    if let Some(Frame::Object { id: Some(id), .. }) = self.stack.get(n + 1) {
                        path.push_str(&format!(" ({id})"));
                    }
                }
            }
        }
        if self.stack.len() > MAX_DEPTH_SHOWN {
            path.push_str(&format!("… ({} levels deep)", self.stack.len()));
        }
        // The desk's lists are what people know; `desk.` adds nothing.
        if let Some(rest) = path.strip_prefix("desk.") {
            path = rest.to_string();
        }
        Place { path, key }
    }
}

/// The place of byte `offset`: the objects and lists it is inside.
pub(crate) fn place(text: &[u8], offset: usize) -> Place {
    let mut w = Walker::new(text);
    w.walk(offset);
    w.place()
}

/// The elements of the lists directly under `desk` (`customers`, `incidents`...),
/// for checking each one on its own.
pub(crate) fn elements(text: &[u8]) -> Vec<Element> {
    let mut w = Walker::new(text);
    w.elements = Some(Vec::new());
    w.walk(text.len());
    w.elements.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "schema_version": 1,
  "desk": {
    "customers": [{"id": "C-1", "name": "A, \"B\" [x]"}],
    "incidents": [
      {"id": "I-1", "severity": "A"},
      {"id": "I-2", "severity": "D", "problem": {"text": "t", "amendments": [{"at": 5}]}}
    ]
  }
}"#;

    fn at(needle: &str) -> Place {
        place(DOC.as_bytes(), DOC.find(needle).unwrap())
    }

    #[test]
    fn names_the_path_with_ids() {
        assert_eq!(at("\"D\"").path, "incidents[1] (I-2).severity");
        assert_eq!(at("\"D\"").key.as_deref(), Some("severity"));
        assert_eq!(at("5}").path, "incidents[1] (I-2).problem.amendments[0].at");
        assert_eq!(at("1,").path, "schema_version");
        assert_eq!(at("[x]").path, "customers[0] (C-1).name");
        assert_eq!(place(DOC.as_bytes(), 0).path, "");
        assert_eq!(at("\"severity\": \"A\"").path, "incidents[0] (I-1)", "a key names its object");
        assert_eq!(
            at("}]}}").path,
            "incidents[1] (I-2).problem.amendments[0]",
            "a closing brace, its object"
        );
        assert_eq!(at("\n    ]").path, "incidents[1]");
    }

    #[test]
    fn finds_the_elements_of_the_desk_lists() {
        let els = elements(DOC.as_bytes());
        let got: Vec<(&str, &str)> = els.iter().map(|e| (e.list.as_str(), &DOC[e.start..e.end])).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], ("customers", r#"{"id": "C-1", "name": "A, \"B\" [x]"}"#));
        assert_eq!(got[1], ("incidents", r#"{"id": "I-1", "severity": "A"}"#));
        assert!(got[2].1.starts_with(r#"{"id": "I-2""#) && got[2].1.ends_with("}]}}"));
    }

    #[test]
    fn copes_with_broken_text() {
        assert_eq!(place(b"{\"desk\": {\"customers\": [{\"na", 26).path, "customers[0]");
        assert_eq!(place(b"]]]}}", 5).path, "");
        assert_eq!(
            place(&[b'['; 100_000], 100_000).path,
            format!("{}… (100000 levels deep)", "[0]".repeat(12))
        );
    }
}
