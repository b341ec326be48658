//! The message catalogue: every message the program prints exists in every language,
//! with the same arguments, and every message the code asks for exists.

use backscreen::i18n::{Lang, RESOURCES};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id -> the variables it uses, for one catalogue file.
fn messages(name: &str, lang: &str, src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(src)
        .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/{name}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in res.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "locales/{lang}/{name}.ftl: `{}` twice",
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("locales/{lang}/{name}.ftl: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_arguments() {
    for (name, en, es) in RESOURCES {
        let en = messages(name, "en", en);
        let es = messages(name, "es", es);
        for (id, vars) in &en {
            let other = es.get(id).unwrap_or_else(|| panic!("`{id}` ({name}.ftl) has no Spanish text"));
            assert_eq!(vars, other, "`{id}` ({name}.ftl) takes different arguments in Spanish");
        }
        for id in es.keys() {
            assert!(en.contains_key(id), "`{id}` ({name}.ftl) has no English text");
        }
    }
}

/// Every `tr!(lang, "id"...)` in the source names a message of the catalogue.
#[test]
fn every_message_the_code_asks_for_is_in_the_catalogue() {
    let known: BTreeSet<String> =
        RESOURCES.iter().flat_map(|(name, en, _)| messages(name, "en", en).into_keys()).collect();
    let mut used = Vec::new();
    visit(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut |path, src| {
        for (at, _) in src.match_indices("tr!(") {
            let before = &src[..at];
            let word = before.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
            let line = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
            if word || line.trim_start().starts_with("//") {
                continue;
            }
            let rest = &src[at..];
            // The id is the first string literal of the call.
            let Some(open) = rest.find('"') else { continue };
            let Some(len) = rest[open + 1..].find('"') else { continue };
            used.push((path.display().to_string(), rest[open + 1..open + 1 + len].to_string()));
        }
    });
    assert!(used.len() > 1, "the scan finds the calls");
    let missing: Vec<_> = used.iter().filter(|(_, id)| !known.contains(id)).collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
}

#[test]
fn a_message_reads_differently_in_each_language() {
    assert_ne!(
        backscreen::tr!(Lang::En, "questions-count", n = 2),
        backscreen::tr!(Lang::Es, "questions-count", n = 2)
    );
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = std::fs::read_to_string(&path).expect("source");
            f(&path, &src);
        }
    }
}
