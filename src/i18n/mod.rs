//! What the program itself says to people (headings, hints, keys, report labels), in
//! each language backscreen speaks. The texts live in Fluent message catalogues under
//! `locales/<language>/`, one file per concern; the rules file carries its own texts.
//!
//! Fluent is used rather than a table of strings because it gets plurals right in each
//! language ("1 question", "2 questions"; "1 pregunta", "2 preguntas") and lets a
//! translator edit a plain text file.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use std::sync::OnceLock;

pub use fluent_bundle::FluentArgs;

/// A language the program's messages and the built-in rules are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Spanish (español).
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The code used in rules files, HTML `lang` and FHIR `language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language a POSIX locale asks for: the first set of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` decides (as for any program's messages); English when it names no language
    /// backscreen speaks, or is `C`/`POSIX`. Read by hand: the precedence is three lines,
    /// and a locale crate would ask the system rather than these variables.
    pub fn from_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
        let chosen = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty());
        let Some(locale) = chosen else { return Lang::En };
        // `es_MX.UTF-8@euro` -> `es`
        let code = locale.split(['_', '.', '@', '-']).next().unwrap_or_default().to_ascii_lowercase();
        Lang::from_code(&code).unwrap_or(Lang::En)
    }

    /// From this process's environment.
    pub fn from_env() -> Lang {
        let var = |k| std::env::var(k).ok();
        Lang::from_locale(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
    }
}

/// The catalogue's files, by concern: (name, English, Spanish).
pub const RESOURCES: &[(&str, &str, &str)] = &[
    ("common", include_str!("../../locales/en/common.ftl"), include_str!("../../locales/es/common.ftl")),
    (
        "interview",
        include_str!("../../locales/en/interview.ftl"),
        include_str!("../../locales/es/interview.ftl"),
    ),
    ("session", include_str!("../../locales/en/session.ftl"), include_str!("../../locales/es/session.ftl")),
    ("report", include_str!("../../locales/en/report.ftl"), include_str!("../../locales/es/report.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let all = BUNDLES.get_or_init(|| Lang::ALL.map(build));
    &all[lang as usize]
}

fn build(lang: Lang) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: the output is plain terminal text.
    b.set_use_isolating(false);
    for (_, en, es) in RESOURCES {
        let src = if lang == Lang::En { en } else { es };
        // The catalogue is compiled in and checked by the tests; a broken entry shows
        // as its id rather than stopping the program.
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
        let _ = b.add_resource(res);
    }
    b
}

/// The message `id` in `lang`, with `args`. A missing message shows as its id (the
/// tests make sure none is missing).
pub fn message(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else { return id.to_string() };
    let mut errors = Vec::new();
    b.format_pattern(pattern, args, &mut errors).into_owned()
}

/// A value for a message argument.
pub fn value<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// `tr!(lang, "id")` or `tr!(lang, "id", name = value, ...)`: a catalogue message.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::i18n::message($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($k:ident = $v:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($k), $crate::i18n::value($v)); )+
        $crate::i18n::message($lang, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_variables_choose_the_language_in_posix_order() {
        assert_eq!(Lang::from_locale(None, None, Some("es_ES.UTF-8")), Lang::Es);
        assert_eq!(Lang::from_locale(Some("en_GB.UTF-8"), None, Some("es_ES.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None, Some("es_MX"), Some("en_US.UTF-8")), Lang::Es);
        assert_eq!(Lang::from_locale(Some(""), None, Some("es")), Lang::Es, "an empty variable is unset");
        assert_eq!(Lang::from_locale(None, None, Some("C")), Lang::En);
        assert_eq!(
            Lang::from_locale(None, None, Some("fr_FR.UTF-8")),
            Lang::En,
            "English when nothing matches"
        );
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(tr!(Lang::En, "questions-count", n = 1), "1 question");
        assert_eq!(tr!(Lang::En, "questions-count", n = 3), "3 questions");
        assert_eq!(tr!(Lang::Es, "questions-count", n = 1), "1 pregunta");
        assert_eq!(tr!(Lang::Es, "questions-count", n = 3), "3 preguntas");
    }
}
