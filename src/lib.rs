//! backscreen: self-screening for low back pain.
//!
//! The knowledge lives in a rules file ([`rules`]); the [`engine`] is a pure function
//! of (rules, answers) to an [`engine::Outcome`]; [`render`] writes outcomes into any
//! `impl Write`. The binary's `main` only parses arguments and calls [`run`].

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
pub mod input;
pub mod interview;
pub mod outlook;
pub mod render;
pub mod rules;
pub mod sanitize;
pub mod save;
pub mod text;
pub mod value;

pub use app::run;
