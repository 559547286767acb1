//! Compact JSON text laid out as `serde_json::to_string_pretty` lays it out. The export writes its
//! file compact and then indents it: serializing every record type a second time through
//! serde_json's pretty formatter put a second copy of all their serialization code in the wasm
//! module (docs/PERFORMANCE.md). The output is byte for byte the pretty printer's (tested below).

/// The index just past the string that opens at `json[start]` (a `"`), its escaped quotes
/// passed over; `json.len()` if it does not close. Strings are most of a desk's text: each is
/// passed over in one search for its next quote or backslash, not byte by byte through a state
/// machine (that was a quarter to a third of an import's check natively, docs/PERFORMANCE.md).
fn string_end(json: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(found) = json
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\'))
    {
        i += found;
        if json[i] == b'"' {
            return i + 1;
        }
        i += 2; // the backslash and the byte it escapes
    }
    json.len()
}

/// Whether JSON text nests deeper than `max` (brackets outside strings), stopping at the first
/// bracket past it: the imports refuse such a file before serde_json recurses into it.
pub(crate) fn nests_deeper_than(json: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        match b {
            b'"' => {
                i = string_end(json, i);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// `json` (compact, as `serde_json::to_string` writes it) with two-space indentation.
pub fn indent(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                out.push(b);
                // An empty object or array stays `{}` / `[]`.
                if !matches!(bytes.get(i + 1), Some(b'}' | b']')) {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                if !matches!(bytes[i - 1], b'{' | b'[') {
                    depth -= 1;
                    newline(&mut out, depth);
                }
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII was added to UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn same_as_pretty(v: &Value) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(indent(&compact), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn nesting_counts_brackets_outside_strings_only() {
        // Four deep: the object, its array, the object in it, that one's array.
        assert!(!nests_deeper_than(br#"{"a": [1, {"b": []}]}"#, 4));
        assert!(nests_deeper_than(br#"{"a": [1, {"b": []}]}"#, 3));
        // Brackets in a string, escaped quotes included, do not nest.
        assert!(!nests_deeper_than(br#"["[[[{{{ \"[[[ \" ]"]"#, 1));
        assert!(!nests_deeper_than(b"[][][][]", 1));
    }

    #[test]
    fn lays_out_nested_objects_empty_ones_and_strings_with_brackets() {
        same_as_pretty(&json!({
            "a": [1, 2, {"b": {}, "c": []}],
            "s": "a \"quoted\" {string}, with [brackets]: and \\ slashes",
            "e": {},
            "n": null,
            "u": "åäö ż \u{1F600}"
        }));
        same_as_pretty(&json!([]));
        same_as_pretty(&json!("text"));
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[ -~\\\\\"{}\\[\\]:,åż]{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                proptest::collection::btree_map("[a-z:,\"{]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn the_same_text_as_serde_jsons_pretty_printer(v in any_json()) {
            same_as_pretty(&v);
        }
    }
}
