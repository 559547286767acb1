//! The Education part of a request: segment and website (docs/RULES.md, S7).

use super::{EducationDetails, Field, FieldProblem, Problem};
use crate::domain::email::is_host_name;

/// Education request fields (docs/RULES.md): segment required, website optional but a URL.
pub fn validate_education_details(details: &EducationDetails) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if details.segment.is_none() {
        out.push(FieldProblem::error(
            Field::EducationSegment,
            Problem::Required,
        ));
    }
    let website = details.website.trim();
    if website.is_empty() {
        out.push(FieldProblem::warning(
            Field::EducationWebsite,
            Problem::WebsiteRecommended,
        ));
    } else if !is_valid_website(website) {
        out.push(FieldProblem::error(
            Field::EducationWebsite,
            Problem::InvalidWebsite,
        ));
    }
    out
}

/// Whether `url` is an http(s) URL or a bare host, e.g. `contoso.edu` (the API's example,
/// S7), `https://www.contoso.edu/about`, `http://contoso.edu:8080`.
pub fn is_valid_website(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    if rest.is_empty() || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    port_ok && !authority.contains('@') && is_host_name(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;
    use crate::test_support::{education_details, problem_triples as problems};

    #[test]
    fn education_details_rules() {
        let ok = education_details();
        assert!(validate_education_details(&ok).is_empty());
        let none = EducationDetails::default();
        assert_eq!(
            problems(&validate_education_details(&none)),
            vec![
                (Field::EducationSegment, Problem::Required, Severity::Error),
                (
                    Field::EducationWebsite,
                    Problem::WebsiteRecommended,
                    Severity::Warning
                )
            ]
        );
        let bad = EducationDetails {
            website: "not a url".into(),
            ..ok
        };
        assert_eq!(
            validate_education_details(&bad)[0].problem,
            Problem::InvalidWebsite
        );
    }

    #[test]
    fn websites() {
        for good in [
            "contoso.edu",
            "https://www.contoso.edu/about?x=1",
            "HTTP://contoso.edu:8080",
            "skola.stockholm.se",
        ] {
            assert!(is_valid_website(good), "{good}");
        }
        for bad in [
            "contoso",
            "ftp://contoso.edu",
            "https://",
            "http://con toso.edu",
            "https://user@contoso.edu",
            "https://contoso.edu:port",
            "javascript:alert(1)",
        ] {
            assert!(!is_valid_website(bad), "{bad}");
        }
    }
}
