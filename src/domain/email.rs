//! E-mail address checks (docs/RULES.md): syntax, free-mail providers, Microsoft domains.

use std::str::FromStr;

use email_address::EmailAddress;

/// Free-mail provider domains: `free_mail_domains.txt` (one per line, sorted) in the compact form
/// that build.rs writes: reversed labels (`com.gmail`), sorted, front-coded. Provenance (see
/// docs/RULES.md): HubSpot's "free-domains-2.csv" list as shipped in `output/free.csv` of the
/// crates.io package `email_provider_validator` 0.1.3 (MIT), which cannot be used as a dependency
/// because its build script downloads the list at build time.
const FREE_MAIL_DOMAINS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/free_mail_domains.bin"));

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
    let reversed = reversed_labels(domain);
    LOCAL_FREE_MAIL_DOMAINS.contains(&domain)
        || free_mail_domains()
            .binary_search_by(|listed| listed.as_ref().cmp(reversed.as_str()))
            .is_ok()
}

/// `domain` with its labels in reverse order: `mail.example.com` → `com.example.mail`.
fn reversed_labels(domain: &str) -> String {
    domain.rsplit('.').collect::<Vec<_>>().join(".")
}

/// The list's domains (labels reversed, sorted), decoded once: a look-up is then a binary search
/// instead of a scan of 4,800 domains on every address checked. In [`FREE_MAIL_DOMAINS`] a byte
/// `0x80 + n` starts a domain that keeps the first `n` bytes of the one before; the ASCII bytes
/// after it are the rest of the domain.
fn free_mail_domains() -> &'static [Box<str>] {
    static DOMAINS: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    DOMAINS.get_or_init(|| {
        let mut domains = Vec::with_capacity(4_900);
        let mut domain = String::new();
        for (at, &byte) in FREE_MAIL_DOMAINS.iter().enumerate() {
            if byte >= 0x80 {
                if at > 0 {
                    domains.push(Box::from(domain.as_str()));
                }
                domain.truncate(usize::from(byte - 0x80));
            } else {
                domain.push(char::from(byte));
            }
        }
        domains.push(domain.into_boxed_str());
        domains
    })
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

    /// The source of the list, one domain per line (build.rs encodes it for the bundle).
    const LISTED: &str = include_str!("free_mail_domains.txt");

    #[test]
    fn free_mail_list_is_sorted_lower_case_and_unique() {
        let lines: Vec<&str> = LISTED.lines().collect();
        assert!(lines.len() > 4000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        assert!(lines
            .iter()
            .all(|l| !l.is_empty() && *l == l.to_ascii_lowercase()));
    }

    /// The compact form holds exactly the listed domains: every one is found, and the near misses
    /// of each (a character more or less, a label more or less) only when they are listed too.
    #[test]
    fn compact_free_mail_list_finds_exactly_the_listed_domains() {
        let listed: std::collections::BTreeSet<&str> = LISTED.lines().collect();
        let mut decoded: Vec<String> = free_mail_domains()
            .iter()
            .map(|d| reversed_labels(d))
            .collect();
        decoded.sort();
        assert_eq!(decoded, listed.iter().copied().collect::<Vec<_>>());
        for domain in &listed {
            assert!(is_free_mail_domain(domain), "{domain}");
            let (first, rest) = domain.split_once('.').unwrap();
            for near in [
                format!("{domain}0"),
                format!("a{domain}"),
                format!("mail.{domain}"),
                domain[1..].to_string(),
                domain[..domain.len() - 1].to_string(),
                rest.to_string(),
                format!("{first}.{first}.{rest}"),
            ] {
                let expected =
                    listed.contains(near.as_str()) || LOCAL_FREE_MAIL_DOMAINS.contains(&&*near);
                assert_eq!(is_free_mail_domain(&near), expected, "{near}");
            }
        }
        for local in LOCAL_FREE_MAIL_DOMAINS {
            assert!(is_free_mail_domain(local), "{local}");
        }
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
