use backscreen::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match backscreen::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if !e.is_broken_pipe() {
                // Messages quote the user's files; never let them drive the terminal.
                for line in e.to_string().lines() {
                    backscreen::note!("backscreen: {}", backscreen::sanitize::for_terminal(line));
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
