//! Generates the `i18n` module from `locales/*.json` (leptos_i18n checks every key at compile time)
//! and the compact form of the free-mail domain list (`domain::email`).
use leptos_i18n_build::{Config, TranslationsInfos};
use std::error::Error;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?);
    free_mail_domains(&out_dir)?;
    let out = out_dir.join("i18n");
    let cfg = Config::new("en")?
        .add_locale("sv")?
        .add_locale("pl")?
        .add_namespaces([
            "shell",
            "customers",
            "account",
            "microsoft",
            "partner",
            "audit",
            "reasons",
            "selling",
            "data",
            "team",
        ])?
        // `t_string!` with interpolated values (e.g. dates and names in sentences).
        .parse_options(leptos_i18n_build::ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}

/// `src/domain/free_mail_domains.txt` front-coded by reversed labels, as `domain::email` reads it:
/// every domain with its labels reversed (`gmail.com` → `com.gmail`), sorted, and each written as
/// one byte `0x80 + n` (it keeps the first `n` bytes of the one before) and the rest of its bytes.
/// Neighbours then share most of their text: 22.5 KB gzip as lines, 18.0 KB in this form.
fn free_mail_domains(out_dir: &Path) -> Result<(), Box<dyn Error>> {
    const LIST: &str = "src/domain/free_mail_domains.txt";
    println!("cargo::rerun-if-changed={LIST}");
    let mut reversed: Vec<String> = std::fs::read_to_string(LIST)?
        .lines()
        .map(|domain| domain.rsplit('.').collect::<Vec<_>>().join("."))
        .collect();
    reversed.sort();
    let mut coded = Vec::new();
    let mut previous = "";
    for domain in &reversed {
        if !domain.is_ascii() {
            return Err(format!("{LIST}: not ASCII: {domain}").into());
        }
        let kept = previous
            .bytes()
            .zip(domain.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(0x7f);
        coded.push(0x80 + kept as u8);
        coded.extend_from_slice(&domain.as_bytes()[kept..]);
        previous = domain;
    }
    std::fs::write(out_dir.join("free_mail_domains.bin"), coded)?;
    Ok(())
}
