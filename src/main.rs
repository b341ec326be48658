use backscreen::cli::{self, Parsed};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut lang = None;
    let result = match cli::parse(std::env::args_os()) {
        Ok(Parsed::Run(cli)) => {
            lang = cli.lang;
            backscreen::run(*cli)
        }
        // --help and --version go to standard output; a closed pipe (`--help | head`) is no error.
        Ok(Parsed::Show(text)) => {
            let _ = text.print();
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if !e.is_broken_pipe() {
                // Messages quote the user's files; never let them drive the terminal.
                let lang = lang.unwrap_or_else(backscreen::i18n::Lang::from_env);
                for line in e.for_person(lang).lines() {
                    backscreen::note!("backscreen: {}", backscreen::sanitize::for_terminal(line));
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
