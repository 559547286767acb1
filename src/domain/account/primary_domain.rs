//! The primary domain's prefix, `<prefix>.onmicrosoft.com` (docs/RULES.md, S25).

use super::{Field, FieldProblem, Problem};

/// Maximum length of the primary domain prefix (S25: PowerShell module).
pub const DOMAIN_PREFIX_MAX: usize = 27;

/// Normalised form of a domain prefix: trimmed, lower case (DNS names ignore case).
pub fn normalize_domain_prefix(prefix: &str) -> String {
    prefix.trim().to_ascii_lowercase()
}

/// Primary-domain prefix rules (docs/RULES.md, S25): required, letters and digits only,
/// at most 27 characters, not used by any of `existing` (compared case-insensitively).
pub fn validate_domain_prefix<'a>(
    prefix: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Vec<FieldProblem> {
    let f = Field::PrimaryDomain;
    let prefix = normalize_domain_prefix(prefix);
    if prefix.is_empty() {
        return vec![FieldProblem::error(f, Problem::Required)];
    }
    let mut out = Vec::new();
    if !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixInvalidCharacters,
        ));
    }
    let length = prefix.chars().count();
    if length > DOMAIN_PREFIX_MAX {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixTooLong {
                length,
                max: DOMAIN_PREFIX_MAX,
            },
        ));
    }
    if existing
        .into_iter()
        .any(|e| e.eq_ignore_ascii_case(&prefix))
    {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixTaken { prefix },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_prefix_rules() {
        use Problem::*;
        let none: [&str; 0] = [];
        assert!(validate_domain_prefix("contosoforedu", none).is_empty());
        assert_eq!(validate_domain_prefix("", none)[0].problem, Required);
        assert_eq!(
            validate_domain_prefix("contoso-edu", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert_eq!(
            validate_domain_prefix("contoso edu", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert_eq!(
            validate_domain_prefix("skolå", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert!(validate_domain_prefix(&"a".repeat(27), none).is_empty());
        assert_eq!(
            validate_domain_prefix(&"a".repeat(28), none)[0].problem,
            DomainPrefixTooLong {
                length: 28,
                max: 27
            }
        );
        assert_eq!(
            validate_domain_prefix("Contoso", ["fabrikam", "contoso"])[0].problem,
            DomainPrefixTaken {
                prefix: "contoso".into()
            }
        );
    }
}
