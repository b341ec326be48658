//! Writing health data to disk: atomically (a temporary file in the same directory,
//! then a rename) and readable by the owner only. Nothing is ever sent anywhere.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` so that a reader sees the old file or the new one,
/// never half of one. Refuses to replace an existing file unless `overwrite`.
pub fn write_private(path: &Path, contents: &[u8], overwrite: bool) -> io::Result<()> {
    let mut file = PrivateFile::create(path, overwrite)?;
    file.write_all(contents)?;
    file.commit()
}

/// A file written in pieces (a batch's rows, a saved answers file) that appears at its
/// path, owner-only, only when complete.
///
/// It is written first to a temporary file beside the target, named after it
/// (`.NAME.backscreen-tmp`), then renamed. A fixed name rather than a random one: if the
/// process is killed mid-write, the next save of the same file reuses the name, so
/// copies of health data do not pile up unseen.
pub struct PrivateFile {
    tmp: io::BufWriter<File>,
    tmp_path: PathBuf,
    path: PathBuf,
    overwrite: bool,
    committed: bool,
}

impl PrivateFile {
    pub fn create(path: &Path, overwrite: bool) -> io::Result<Self> {
        if !overwrite && path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it already exists; pass --force to overwrite it",
            ));
        }
        let tmp_path = beside(path, "backscreen-tmp")?;
        let tmp = create_private(&tmp_path).map_err(|e| {
            let dir = tmp_path.parent().unwrap_or(Path::new("."));
            io::Error::new(e.kind(), format!("{e} (in {})", dir.display()))
        })?;
        Ok(PrivateFile {
            tmp: io::BufWriter::new(tmp),
            tmp_path,
            path: path.to_path_buf(),
            overwrite,
            committed: false,
        })
    }

    pub fn commit(mut self) -> io::Result<()> {
        self.tmp.flush()?;
        self.tmp.get_ref().sync_all()?;
        if self.overwrite {
            std::fs::rename(&self.tmp_path, &self.path)?;
        } else {
            // A link fails if the name was taken meanwhile: never replace without asking.
            std::fs::hard_link(&self.tmp_path, &self.path)?;
            let _ = std::fs::remove_file(&self.tmp_path);
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        // Not committed (an error, a batch stopped early): leave no copy behind.
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp_path);
        }
    }
}

/// Writes `path` through `fill`, owner-only, and replaces it only when `fill` succeeds:
/// on an error the old file is left as it was.
pub fn write_whole<T>(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut PrivateFile) -> io::Result<T>,
) -> io::Result<T> {
    let mut out = PrivateFile::create(path, overwrite)?;
    let value = fill(&mut out)?;
    out.commit()?;
    Ok(value)
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// An answers file held by one interview at a time: an OS lock on `.NAME.backscreen-lock`
/// beside it (the answers file itself is replaced on every save, so it cannot carry the
/// lock). The OS lets go of the lock when the process ends, however it ends, so a crashed
/// session never leaves the file locked. The empty lock file stays: removing it could let
/// two sessions lock two different files of the same name.
pub struct SessionLock {
    _file: File,
}

impl SessionLock {
    /// Takes the lock for `path`; `ErrorKind::WouldBlock` when another session holds it.
    pub fn take(path: &Path) -> io::Result<SessionLock> {
        let mut options = owner_only();
        options.create(true).truncate(false);
        let file = options.open(beside(path, "backscreen-lock")?)?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(io::Error::new(io::ErrorKind::WouldBlock, "another backscreen session has it open"))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// `.NAME.SUFFIX` beside `path`: the hidden files that go with a saved one.
fn beside(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("{} is not a file name", path.display()))
    })?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(".");
    hidden.push(suffix);
    Ok(path.with_file_name(hidden))
}

/// Options to open a file for writing that, if created, only its owner can read.
fn owner_only() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// A new owner-only file at `path`, replacing what an earlier, killed run left there.
/// Removing first and then creating exclusively never follows a link planted there.
fn create_private(path: &Path) -> io::Result<File> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    owner_only().create_new(true).open(path)
}

/// The current time as RFC 3339 UTC, e.g. `2026-11-23T22:59:00Z`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_474_740), "2026-11-23T22:59:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn what_a_killed_save_left_behind_is_reused_by_the_next_save_of_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.json");
        let leftover = dir.path().join(".answers.json.backscreen-tmp");
        std::fs::write(&leftover, "half of an earlier save").expect("write");
        write_private(&path, b"{}", false).expect("saved");
        assert!(!leftover.exists(), "the earlier copy is gone");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, ["answers.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "not yours").expect("write");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(".answers.json.backscreen-tmp"))
            .expect("link");
        write_private(&dir.path().join("answers.json"), b"{}", false).expect("saved");
        assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "not yours");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("rows.csv");
        let _ = write_whole(&path, false, |_| Err::<(), _>(io::Error::other("stopped")));
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_file_written_in_pieces_is_replaced_only_when_the_writing_completes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, "the previous complete file\n").expect("write");
        let failed = write_whole(&path, true, |out| {
            out.write_all(b"half a batch\n")?;
            Err::<(), _>(io::Error::other("the input folder cannot be read"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "the previous complete file\n");
        write_whole(&path, true, |out| out.write_all(b"a whole batch\n")).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a whole batch\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_file_is_owner_only_and_not_overwritten_by_default() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.json");
        write_private(&path, b"{}", false).expect("first write");
        let mode = std::fs::metadata(&path).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let err = write_private(&path, b"{\"x\":1}", false).expect_err("no clobber");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        write_private(&path, b"{\"x\":1}", true).expect("overwrite");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{\"x\":1}");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
