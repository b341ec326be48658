//! Writing health data to disk: atomically (a temporary file in the same directory,
//! then a rename) and readable by the owner only. Nothing is ever sent anywhere.

use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to `path` so that a reader sees the old file or the new one,
/// never half of one. Refuses to replace an existing file unless `overwrite`.
pub fn write_private(path: &Path, contents: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = temporary(dir)?;
    restrict(tmp.as_file())?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    let result = if overwrite { tmp.persist(path) } else { tmp.persist_noclobber(path) };
    result.map_err(|e| e.error)?;
    Ok(())
}

/// A file written in pieces (a batch's rows) that appears at its path, owner-only,
/// only when complete.
pub struct PrivateFile {
    tmp: io::BufWriter<tempfile::NamedTempFile>,
    path: std::path::PathBuf,
    overwrite: bool,
}

impl PrivateFile {
    pub fn create(path: &Path, overwrite: bool) -> io::Result<Self> {
        if !overwrite && path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it already exists; pass --force to overwrite it",
            ));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = temporary(dir)?;
        restrict(tmp.as_file())?;
        Ok(PrivateFile { tmp: io::BufWriter::new(tmp), path: path.to_path_buf(), overwrite })
    }

    pub fn commit(self) -> io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        let result = if self.overwrite { tmp.persist(&self.path) } else { tmp.persist_noclobber(&self.path) };
        result.map(|_| ()).map_err(|e| e.error)
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

/// A temporary file beside the target. Its error names the directory, not the
/// temporary name, which means nothing to the person reading it.
fn temporary(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix(".backscreen-").suffix(".tmp").tempfile_in(dir).map_err(|e| {
        let text = e.to_string();
        let plain = text.split(" at path ").next().unwrap_or(&text);
        io::Error::new(e.kind(), format!("{plain} (in {})", dir.display()))
    })
}

#[cfg(unix)]
fn restrict(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_: &std::fs::File) -> io::Result<()> {
    Ok(())
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
