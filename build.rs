//! Generates the `i18n` module from `locales/*.json` (leptos_i18n checks every key at compile time).
use leptos_i18n_build::{Config, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?).join("i18n");
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
        ])?
        // `t_string!` with interpolated values (e.g. dates and names in sentences).
        .parse_options(leptos_i18n_build::ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
