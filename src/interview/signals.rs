//! SIGINT, SIGTERM and SIGHUP during the interview (a `kill`, a closed terminal window,
//! Ctrl-C between two key reads): the terminal is put back as it was found (echo, line
//! mode, cursor), the person is told where the answers are (they are saved after every
//! reply), and the program leaves with 128 + the signal's number: 130, 143 or 129.
//!
//! A signal that lands while a key is being read interrupts the read, which the terminal
//! library reports as Ctrl-C. So the signal is also recorded in the signal handler itself,
//! at once, and the key loop asks [`pending`] before it takes a Ctrl-C for a key: either
//! way out ends the same, with the signal's code.

use crate::i18n::Lang;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

struct State {
    /// The last signal received, set inside the signal handler; 0 for none.
    signal: Arc<AtomicUsize>,
    /// The terminal's settings before any key was read in raw mode.
    original: Option<rustix::termios::Termios>,
    saved: Option<PathBuf>,
    /// Plain mode writes no escape sequence, not even to show the cursor.
    plain: bool,
    lang: Lang,
}

static STATE: OnceLock<State> = OnceLock::new();

/// Starts listening; `saved` is where the answers are being saved, if anywhere; what is
/// said on leaving is in `lang`.
pub fn install(saved: Option<PathBuf>, plain: bool, lang: Lang) {
    let signal = Arc::new(AtomicUsize::new(0));
    for s in [SIGINT, SIGTERM, SIGHUP] {
        // Without a handler the default (stop at once) still applies; the answers are on disk.
        let _ = signal_hook::flag::register_usize(s, Arc::clone(&signal), s as usize);
    }
    let original = rustix::termios::tcgetattr(io::stdin()).ok();
    if STATE.set(State { signal, original, saved, plain, lang }).is_err() {
        return; // installed already
    }
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        std::thread::spawn(move || {
            if let Some(s) = signals.forever().next() {
                leave(s);
            }
        });
    }
}

/// The signal received, if one was.
pub fn pending() -> Option<i32> {
    let s = STATE.get()?.signal.load(Ordering::SeqCst);
    (s != 0).then(|| i32::try_from(s).unwrap_or(SIGTERM))
}

/// Puts the terminal back, says where the answers are, and exits with 128 + `signal`.
pub fn leave(signal: i32) -> ! {
    let mut lang = Lang::default();
    if let Some(state) = STATE.get() {
        lang = state.lang;
        if let Some(settings) = &state.original {
            let _ = rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, settings);
        }
        if !state.plain {
            let _ = console::Term::stderr().show_cursor();
        }
        if let Some(path) = &state.saved {
            let path = crate::sanitize::for_terminal(&path.display().to_string()).into_owned();
            crate::note!("\n{}", crate::tr!(lang, "session-saved-so-far", path = path.as_str()));
        }
    }
    crate::note!("backscreen: {}", crate::tr!(lang, "error-cancelled"));
    std::process::exit(128 + signal);
}
