//! backscreen: self-screening for low back pain.
//!
//! The knowledge lives in a rules file ([`rules`]). What a person's answers decide is a
//! pure function of (rules, answers): [`decision`] works it out by index, with no text;
//! [`engine`] explains a decision in words as an [`engine::Outcome`]; [`render`] writes
//! outcomes into any `impl Write`. [`outlook`] says what answers still to come could
//! change, which is how the [`interview`] knows when to stop. The binary's `main` only
//! parses arguments and calls [`run`].

pub mod answers;
mod app;
pub mod batch;
pub mod cli;
pub mod condition;
pub mod decision;
pub mod diagnostics;
pub mod engine;
pub mod error;
pub mod fhir;
pub mod i18n;
pub mod input;
pub mod interview;
pub mod outlook;
pub mod proof;
pub mod render;
pub mod rules;
pub mod sanitize;
pub mod save;
pub mod text;
pub mod value;

pub use app::run;
