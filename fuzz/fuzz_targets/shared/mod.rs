//! What more than one fuzz target needs.

use backscreen::rules::{self, Rules};
use std::sync::OnceLock;

/// The built-in rules (`which` even) or the minimal test rules (odd), loaded once.
pub fn rules(which: u8) -> &'static Rules {
    static BUILT_IN: OnceLock<Rules> = OnceLock::new();
    static MINIMAL: OnceLock<Rules> = OnceLock::new();
    if which & 1 == 0 {
        BUILT_IN.get_or_init(|| rules::load(None).expect("the built-in rules are valid"))
    } else {
        MINIMAL.get_or_init(|| {
            rules::parse(include_str!("../../../tests/fixtures/rules/minimal.json"), "minimal.json")
                .expect("the minimal fixture is valid")
        })
    }
}
