//! E-mail address checks (docs/RULES.md): syntax, free-mail providers, Microsoft domains.

use std::str::FromStr;

use email_address::EmailAddress;

/// Free-mail provider domains, one per line, sorted. Provenance (see docs/RULES.md): HubSpot's
/// "free-domains-2.csv" list as shipped in `output/free.csv` of the crates.io package
/// `email_provider_validator` 0.1.3 (MIT), which cannot be used as a dependency because its
/// build script downloads the list at build time.
const FREE_MAIL_DOMAINS: &str = include_str!("free_mail_domains.txt");

/// Common free-mail domains of the seeds' markets missing from that list.
const LOCAL_FREE_MAIL_DOMAINS: &[&str] = &["o2.pl", "tlen.pl", "outlook.se", "outlook.pl"];

/// The domain part of a syntactically valid address, lower-cased; `None` when the address is
/// not valid. Beyond RFC 5322 syntax (crate `email_address`), the domain must be a host name
/// with a dot (a business address, not `user@localhost` or an IP literal).
pub fn email_domain(address: &str) -> Option<String> {
    let address = address.trim();
    let parsed = EmailAddress::from_str(address).ok()?;
    let domain = parsed.domain().to_ascii_lowercase();
    is_host_name(&domain).then_some(domain)
}

/// Whether `host` is a DNS host name with at least two labels and an alphabetic top-level
/// label (`contoso.edu`, not `localhost`, `10.0.0.1` or `[10.0.0.1]`).
pub fn is_host_name(host: &str) -> bool {
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let tld_ok = host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    host.contains('.') && host.len() <= 253 && labels_ok && tld_ok
}

/// Whether `domain` (lower-case) belongs to a free-mail provider.
pub fn is_free_mail_domain(domain: &str) -> bool {
    LOCAL_FREE_MAIL_DOMAINS.contains(&domain) || free_mail_domains().binary_search(&domain).is_ok()
}

/// The list's lines, split once: the file is sorted (a test keeps it so), so a look-up is a
/// binary search instead of a scan of 4,800 lines on every address checked.
fn free_mail_domains() -> &'static [&'static str] {
    static DOMAINS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    DOMAINS.get_or_init(|| FREE_MAIL_DOMAINS.lines().collect())
}

/// Whether `domain` is, or is under, `parent` (e.g. `contoso.onmicrosoft.com` under
/// `onmicrosoft.com`).
pub fn is_domain_or_subdomain(domain: &str, parent: &str) -> bool {
    domain == parent
        || (domain.len() > parent.len()
            && domain.ends_with(parent)
            && domain.as_bytes()[domain.len() - parent.len() - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_give_their_domain() {
        assert_eq!(email_domain("Anna@Contoso.EDU"), Some("contoso.edu".into()));
        assert_eq!(
            email_domain(" it@school.k12.ca.us "),
            Some("school.k12.ca.us".into())
        );
    }

    #[test]
    fn invalid_addresses_are_refused() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@contoso.com",
            "anna@@contoso.com",
            "anna@localhost",
            "anna@contoso",
            "anna@[10.0.0.1]",
            "anna@contoso.c0m",
            "an na@contoso.com",
            "anna@-contoso.com",
        ] {
            assert_eq!(email_domain(bad), None, "{bad}");
        }
    }

    #[test]
    fn free_mail_list_knows_the_big_providers_and_not_schools() {
        for free in [
            "gmail.com",
            "outlook.com",
            "hotmail.com",
            "yahoo.com",
            "wp.pl",
            "o2.pl",
        ] {
            assert!(is_free_mail_domain(free), "{free}");
        }
        for business in ["contoso.edu", "microsoft.com", "skolverket.se"] {
            assert!(!is_free_mail_domain(business), "{business}");
        }
    }

    #[test]
    fn free_mail_list_is_sorted_lower_case_and_unique() {
        let lines: Vec<&str> = FREE_MAIL_DOMAINS.lines().collect();
        assert!(lines.len() > 4000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        assert!(lines
            .iter()
            .all(|l| !l.is_empty() && *l == l.to_ascii_lowercase()));
        // The binary search finds every line, and nothing between two neighbours.
        assert!(lines.iter().all(|l| is_free_mail_domain(l)));
        assert!(!lines
            .windows(2)
            .any(|w| is_free_mail_domain(&format!("{}0", w[0]))
                && !lines.contains(&format!("{}0", w[0]).as_str())));
    }

    #[test]
    fn subdomain_matching_respects_label_boundaries() {
        assert!(is_domain_or_subdomain("onmicrosoft.com", "onmicrosoft.com"));
        assert!(is_domain_or_subdomain(
            "contoso.onmicrosoft.com",
            "onmicrosoft.com"
        ));
        assert!(!is_domain_or_subdomain(
            "notonmicrosoft.com",
            "onmicrosoft.com"
        ));
        assert!(!is_domain_or_subdomain(
            "microsoft.com.evil.io",
            "microsoft.com"
        ));
    }
}
