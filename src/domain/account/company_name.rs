//! Company-name rules (docs/RULES.md, S24).

use super::{Field, FieldProblem, Problem};

/// Legal-form abbreviations that are not a name on their own (S24: e.g. "llc", "Inc").
const RESTRICTED_ABBREVIATIONS: &[&str] = &[
    "llc",
    "inc",
    "ltd",
    "corp",
    "co",
    "plc",
    "llp",
    "lp",
    "gmbh",
    "ag",
    "ab",
    "sa",
    "as",
    "bv",
    "nv",
    "oy",
    "spa",
    "srl",
    "sro",
    "kg",
    "pty",
    "spzoo",
    "limited",
    "incorporated",
    "corporation",
    "company",
];

/// Words that mark a test name (S24: "no test names").
const TEST_WORDS: &[&str] = &[
    "test", "testing", "demo", "dummy", "sample", "example", "fake",
];

/// Top-level domains that make a company name look like a web address (S24).
const TOP_LEVEL_DOMAINS: &[&str] = &[
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "eu", "us", "uk",
    "se", "pl", "de", "fr", "nl", "es", "it", "app", "dev", "online", "site",
];

/// Company-name rules (docs/RULES.md, S24).
pub fn validate_company_name(name: &str) -> Vec<FieldProblem> {
    let f = Field::CompanyName;
    let name = name.trim();
    if name.is_empty() {
        return vec![FieldProblem::error(f, Problem::Required)];
    }
    if name.chars().count() == 1 {
        return vec![FieldProblem::error(f, Problem::SingleCharacter)];
    }
    if !name.chars().any(char::is_alphanumeric) {
        return vec![FieldProblem::error(f, Problem::OnlySpecialCharacters)];
    }
    let mut out = Vec::new();
    let squashed: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(word) = RESTRICTED_ABBREVIATIONS.iter().find(|w| **w == squashed) {
        out.push(FieldProblem::error(
            f,
            Problem::RestrictedAbbreviation {
                word: word.to_string(),
            },
        ));
    }
    let tokens: Vec<&str> = name.split_whitespace().collect();
    for token in &tokens {
        let word: String = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if TEST_WORDS.contains(&word.as_str()) {
            out.push(FieldProblem::warning(
                f,
                Problem::LooksLikeTestName { word },
            ));
            break;
        }
    }
    for token in &tokens {
        let token = token
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if let Some((before, tld)) = token.rsplit_once('.') {
            if !before.is_empty() && TOP_LEVEL_DOMAINS.contains(&tld) {
                out.push(FieldProblem::warning(
                    f,
                    Problem::ContainsTopLevelDomain {
                        tld: format!(".{tld}"),
                    },
                ));
                break;
            }
        }
    }
    let mut chars = name.chars();
    let first = chars.next();
    if name.chars().count() >= 3 && chars.all(|c| Some(c) == first) {
        out.push(FieldProblem::warning(f, Problem::RepeatedCharacter));
    }
    if tokens.len() >= 2 && tokens.iter().all(|t| t.chars().count() == 1) {
        out.push(FieldProblem::warning(f, Problem::SpacedSingleCharacters));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;
    use crate::test_support::problem_triples as problems;

    #[test]
    fn company_name_errors() {
        use Problem::*;
        assert_eq!(
            problems(&validate_company_name("X")),
            vec![(Field::CompanyName, SingleCharacter, Severity::Error)]
        );
        assert_eq!(
            problems(&validate_company_name("&&-!")),
            vec![(Field::CompanyName, OnlySpecialCharacters, Severity::Error)]
        );
        assert_eq!(
            problems(&validate_company_name("Inc.")),
            vec![(
                Field::CompanyName,
                RestrictedAbbreviation { word: "inc".into() },
                Severity::Error
            )]
        );
        assert_eq!(
            validate_company_name("LLC")[0].problem,
            RestrictedAbbreviation { word: "llc".into() }
        );
        assert!(validate_company_name("Contoso LLC").is_empty());
    }

    #[test]
    fn company_name_warnings() {
        use Problem::*;
        let w = |name: &str| problems(&validate_company_name(name));
        assert_eq!(
            w("Contoso.com"),
            vec![(
                Field::CompanyName,
                ContainsTopLevelDomain { tld: ".com".into() },
                Severity::Warning
            )]
        );
        assert_eq!(
            w("999"),
            vec![(Field::CompanyName, RepeatedCharacter, Severity::Warning)]
        );
        assert_eq!(
            w("1 2 3"),
            vec![(
                Field::CompanyName,
                SpacedSingleCharacters,
                Severity::Warning
            )]
        );
        assert_eq!(
            w("Test School"),
            vec![(
                Field::CompanyName,
                LooksLikeTestName {
                    word: "test".into()
                },
                Severity::Warning
            )]
        );
        // No false alarms on ordinary names.
        assert!(w("St. Mary's School").is_empty());
        assert!(w("Contest Academy").is_empty());
        assert!(w("AAA Plumbing").is_empty());
    }
}
