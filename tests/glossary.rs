//! docs/GLOSSARY.md against the locale files: each glossary term is the one the texts that name
//! its concept use, in English, Swedish and Polish, and no text uses a term the glossary rejects.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const LANGUAGES: [&str; 3] = ["en", "sv", "pl"];

/// One row of the glossary table.
#[derive(Debug)]
struct Entry {
    concept: String,
    /// The term in en, sv, pl.
    terms: [String; 3],
    /// Locale keys (`namespace.key.path`) whose texts name the concept.
    keys: Vec<String>,
    /// Per language, words no text of that language may contain.
    not: BTreeMap<String, Vec<String>>,
}

/// Every text of a language: `namespace.key.path` → text.
type Texts = BTreeMap<String, String>;

fn parse_glossary(markdown: &str) -> Vec<Entry> {
    let mut rows = markdown
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .skip(2); // the header and its |---| line
    let mut entries = Vec::new();
    for cells in rows.by_ref() {
        assert_eq!(cells.len(), 7, "a glossary row has 7 columns: {cells:?}");
        let keys = cells[4]
            .split(',')
            .map(|k| k.trim().trim_matches('`').to_string())
            .filter(|k| !k.is_empty())
            .collect();
        let mut not = BTreeMap::new();
        for part in cells[5].split(';').filter(|p| !p.trim().is_empty()) {
            let (lang, words) = part
                .split_once(':')
                .expect("Not: `lang: word, word; lang: …`");
            not.insert(
                lang.trim().to_string(),
                words.split(',').map(|w| w.trim().to_string()).collect(),
            );
        }
        entries.push(Entry {
            concept: cells[0].clone(),
            terms: [cells[1].clone(), cells[2].clone(), cells[3].clone()],
            keys,
            not,
        });
    }
    entries
}

fn flatten(prefix: &str, value: &Value, out: &mut Texts) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        _ => {}
    }
}

fn read_texts(root: &Path, lang: &str) -> Texts {
    let mut texts = Texts::new();
    let dir = root.join("locales").join(lang);
    for file in std::fs::read_dir(&dir).expect("locales/<lang>/") {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let namespace = path.file_stem().unwrap().to_str().unwrap().to_string();
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            flatten(&namespace, &json, &mut texts);
        }
    }
    texts
}

/// What differs between the glossary and the texts, one line per difference.
fn check(glossary: &[Entry], texts: &[Texts; 3]) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in glossary {
        for (i, lang) in LANGUAGES.iter().enumerate() {
            let term = entry.terms[i].to_lowercase();
            for key in &entry.keys {
                match texts[i].get(key) {
                    None => problems.push(format!("{}: {lang} has no key {key}", entry.concept)),
                    Some(text) if !text.to_lowercase().contains(&term) => problems.push(format!(
                        "{}: {lang} {key} is “{text}”, without the glossary's “{}”",
                        entry.concept, entry.terms[i]
                    )),
                    Some(_) => {}
                }
            }
            for word in entry.not.get(*lang).into_iter().flatten() {
                let word_lower = word.to_lowercase();
                for (key, text) in &texts[i] {
                    if text.to_lowercase().contains(&word_lower) {
                        problems.push(format!(
                            "{}: {lang} {key} uses “{word}”; the glossary says “{}”: “{text}”",
                            entry.concept, entry.terms[i]
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn the_locale_texts_use_the_glossary_terms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = parse_glossary(&std::fs::read_to_string(root.join("docs/GLOSSARY.md")).unwrap());
    assert!(glossary.len() >= 20, "the glossary table was not read");
    let texts = LANGUAGES.map(|lang| read_texts(root, lang));
    let problems = check(&glossary, &texts);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn a_translation_that_differs_from_the_glossary_is_reported() {
    let glossary = parse_glossary(
        "| Concept | en | sv | pl | Keys | Not | Source |\n|---|---|---|---|---|---|---|\n\
         | Discover | Discover | Upptäck | Odnajdywanie | `selling.discover` | pl: Odkrywaj | pl article |\n",
    );
    let texts = |pl: &str| {
        [("en", "Discover"), ("sv", "Upptäck"), ("pl", pl)]
            .map(|(_, t)| Texts::from([("selling.discover".to_string(), t.to_string())]))
    };
    assert!(check(&glossary, &texts("Odnajdywanie")).is_empty());
    let problems = check(&glossary, &texts("Odkrywaj"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("without the glossary's “Odnajdywanie”"));
    assert!(problems[1].contains("uses “Odkrywaj”"));
}
