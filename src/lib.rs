//! Segment Desk: Partner Center special-qualification and purchase rules, in the browser.
//!
//! Layers: `domain` (pure rules) ← `store` (persistence) ← `ui` (Leptos).

pub mod domain;
