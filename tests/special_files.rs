//! Paths that are not regular files: a named pipe, a socket or a device as a rules or
//! answers file is refused at once (opening a pipe would wait for a writer forever), and
//! in a batch every `*.json` entry that is not a readable file gets an error row.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary, failing the test if it has not finished within a few seconds.
#[track_caller]
fn run_briefly(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backscreen"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("backscreen {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn a_pipe_a_socket_or_a_device_as_rules_or_answers_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    let socket = dir.path().join("socket.json");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
    for (path, what) in
        [(fifo.as_path(), "named pipe"), (socket.as_path(), "socket"), (Path::new("/dev/null"), "device")]
    {
        let p = path.to_str().expect("utf-8");
        for args in [vec!["rules", "check", p], vec!["evaluate", p], vec!["evaluate", "--rules", p, "-"]] {
            let (code, _, stderr) = run_briefly(&args);
            assert_eq!(code, 1, "{args:?}: {stderr}");
            assert!(stderr.contains(what) && stderr.contains("not a file"), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn every_json_entry_of_a_batch_folder_that_is_not_a_readable_file_gets_an_error_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(common::fixture("vignettes/p01.json"), d.join("good.json")).expect("copy");
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("dangling.json")).expect("link");
    std::os::unix::fs::symlink(d.join("loop.json"), d.join("loop.json")).expect("loop");
    std::fs::create_dir(d.join("folder.json")).expect("mkdir");
    mkfifo(&d.join("pipe.json"));
    let (code, stdout, stderr) = run_briefly(&["evaluate", "--format", "csv", d.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{stderr}");
    for name in ["dangling.json", "loop.json", "folder.json", "pipe.json"] {
        let row = stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"));
        assert!(row.contains(",false,"), "{row}");
        assert!(stderr.contains(name), "{name} is named on stderr:\n{stderr}");
    }
    let good = stdout.lines().find(|l| l.contains("good.json")).expect("a row for the good file");
    assert!(good.contains(",true,"), "{good}");
    assert!(stderr.contains("5 files: 1 evaluated"), "{stderr}");
    assert!(stderr.contains(", 4 errors"), "{stderr}");
}
