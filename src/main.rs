use backscreen::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match backscreen::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if !e.is_broken_pipe() {
                for line in e.to_string().lines() {
                    eprintln!("backscreen: {line}");
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
