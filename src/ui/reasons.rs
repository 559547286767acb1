//! The domain's reasons in words: every [`Reason`] and [`FieldProblem`] variant has a sentence in
//! each language (locales/*/reasons.json), naming the rule and the values it carries.
//!
//! TODO(reasons helper): the sentences. Until then this shows the variant's debug form.

use crate::domain::{FieldProblem, Reason};
use crate::i18n::*;

/// One sentence saying why, in the current language.
pub fn reason_text(i18n: leptos_i18n::I18nContext<Locale>, reason: &Reason) -> String {
    let _ = i18n;
    format!("{reason:?}")
}

/// What is wrong with a field and what to do, in the current language.
pub fn field_problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: &FieldProblem) -> String {
    let _ = i18n;
    format!("{:?}", problem.problem)
}
