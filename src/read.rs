//! Bounded, type-checked reading of every file the build consumes.
//!
//! Content is input, not instructions. A symbolic link may not lead out of the site
//! root (it would publish `/etc/passwd`); only regular files are opened (a FIFO blocks
//! for ever, `/dev/zero` never ends); and each kind of file has a size limit, checked
//! before opening and enforced again while reading, since a file can grow meanwhile.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostics::{line_col, Code, Diagnostic};

const MB: u64 = 1024 * 1024;

/// What a file is read as; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Markdown page (8 MB).
    Markdown,
    /// `site.yaml`, UI strings, products and price lists (1 MB).
    Yaml,
    /// A theme's Tera template (1 MB).
    Template,
    /// A file copied as it is: an image or PDF in `content/`, a theme asset (32 MB).
    Static,
}

impl Kind {
    /// The largest file of this kind that is read, in bytes.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Markdown => 8 * MB,
            Kind::Yaml | Kind::Template => MB,
            Kind::Static => 32 * MB,
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Markdown => "pages",
            Kind::Yaml => "YAML files",
            Kind::Template => "templates",
            Kind::Static => "static files",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Kind::Markdown => "split it into several pages, or move data out of Markdown",
            Kind::Yaml => "split the data into several files",
            Kind::Template => "move parts of it into partial templates",
            Kind::Static => "publish large media elsewhere (a CDN, a release page) and link to it",
        }
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A symbolic link (or a folder on the way) resolves outside the site root.
    #[error("symbolic link to {}, outside the site root", target.display())]
    Outside {
        /// Where the link resolves to.
        target: PathBuf,
    },
    /// A FIFO, device, socket or folder where a file was expected.
    #[error("this is a {what}, not a regular file")]
    NotRegular {
        /// What it is instead.
        what: &'static str,
    },
    /// Over the kind's limit; `size` is unknown when the file grew while being read.
    #[error("{}; {} are limited to {} MB", size_text(*size), kind.plural(), kind.limit() / MB)]
    TooLarge {
        /// Its size in bytes, when known.
        size: Option<u64>,
        /// What it was read as.
        kind: Kind,
    },
    /// A symbolic link whose target does not exist.
    #[error("symbolic link to a file that does not exist")]
    Dangling,
    /// A chain of symbolic links that never ends.
    #[error("symbolic link loop")]
    Loop,
    /// Bytes that are not UTF-8, at a 1-based line and column.
    #[error("file is not valid UTF-8")]
    NotUtf8 {
        /// Line of the first bad byte.
        line: usize,
        /// Column of the first bad byte.
        column: usize,
    },
    /// Any other I/O failure.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(bytes) => format!("file is {:.1} MB", bytes as f64 / MB as f64),
        None => "file grew while it was read".into(),
    }
}

impl ReadError {
    /// The error as a diagnostic about `shown` (a path relative to the site root).
    pub fn diagnostic(&self, shown: &Path) -> Diagnostic {
        let (line, column) = match self {
            ReadError::NotUtf8 { line, column } => (*line, *column),
            _ => (0, 0),
        };
        let (code, hint) = match self {
            ReadError::Outside { .. } => {
                (Code::E008, "copy the file into the site, or point the link at a file inside the site root")
            }
            ReadError::NotRegular { .. } => {
                (Code::E009, "only regular files are read; remove it or put a file in its place")
            }
            ReadError::TooLarge { kind, .. } => (Code::E007, kind.advice()),
            ReadError::Dangling => (Code::E001, "point the link at an existing file, or remove it"),
            ReadError::Loop => (Code::E001, "remove the link or point it outside its own parent folders"),
            ReadError::NotUtf8 { .. } => (Code::E001, "save the file as UTF-8"),
            ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => (Code::E001, "check that the file exists"),
            ReadError::Io(_) => (Code::E001, "check that the file exists and is readable"),
        };
        Diagnostic::error(shown, line, column, self.to_string()).with_code(code).with_hint(hint)
    }
}

/// Reads files on behalf of one site root, keeping every path inside it.
#[derive(Debug, Clone)]
pub struct Reader {
    root: PathBuf,
}

impl Reader {
    /// A reader for the site at `root`.
    pub fn new(root: &Path) -> Reader {
        Reader { root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()) }
    }

    /// The real path of `path` (a file or folder), if it resolves inside the site root.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, ReadError> {
        match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.root) => Ok(real),
            Ok(real) => Err(ReadError::Outside { target: real }),
            Err(e) => Err(classify(path, e)),
        }
    }

    /// Reads `path` after checking every link on the way stays inside the site root.
    pub fn bytes(&self, path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
        regular(&self.confine(path)?, kind)
    }

    /// Like [`Reader::bytes`], as UTF-8 text.
    pub fn text(&self, path: &Path, kind: Kind) -> Result<String, ReadError> {
        utf8(self.bytes(path, kind)?)
    }
}

/// An error about `shown` if `path` exists and resolves outside the site at `root`
/// (a theme folder that is a link elsewhere); `None` otherwise, missing paths included.
pub fn outside_root(root: &Path, path: &Path, shown: &Path) -> Option<Diagnostic> {
    match Reader::new(root).confine(path) {
        Err(e @ ReadError::Outside { .. }) => Some(e.diagnostic(shown)),
        _ => None,
    }
}

/// Reads a regular file of at most `kind`'s limit. `path` must already be confined
/// (the content walker and [`Reader::confine`] do that); links are not checked here.
pub fn regular(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| classify(path, e))?;
    check_type(&meta)?;
    if meta.len() > kind.limit() {
        return Err(ReadError::TooLarge { size: Some(meta.len()), kind });
    }
    let file = open(path)?;
    // The path may have been replaced between the check and the open.
    check_type(&file.metadata()?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(kind.limit() + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > kind.limit() {
        return Err(ReadError::TooLarge { size: None, kind });
    }
    Ok(bytes)
}

/// Like [`regular`], as UTF-8 text.
pub fn regular_text(path: &Path, kind: Kind) -> Result<String, ReadError> {
    utf8(regular(path, kind)?)
}

/// Text from bytes; the first invalid byte is reported at its line and column.
pub fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = line_col(&good, valid);
        ReadError::NotUtf8 { line, column }
    })
}

/// A symbolic link to nothing, as an editor's lock file (`.#page.md`) is: skipped
/// wherever files are listed, never an error.
pub fn is_dangling(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// Opens without blocking: should the path have become a FIFO, `open` returns at once.
#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

fn check_type(meta: &Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular { what: describe(&kind) })
}

#[cfg(unix)]
fn describe(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "folder"
    } else if kind.is_fifo() {
        "FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "device"
    } else if kind.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn describe(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "folder"
    } else {
        "special file"
    }
}

/// Names the failure of resolving or statting `path`: a dangling link, a loop, or I/O.
fn classify(path: &Path, error: io::Error) -> ReadError {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match error.kind() {
        io::ErrorKind::NotFound if is_link => ReadError::Dangling,
        _ if is_loop(&error) => ReadError::Loop,
        _ => ReadError::Io(error),
    }
}

#[cfg(unix)]
fn is_loop(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let err = utf8(b"ok\nbad \xff".to_vec()).unwrap_err();
        assert!(matches!(err, ReadError::NotUtf8 { line: 2, column: 5 }), "{err:?}");
    }

    #[test]
    fn limits_are_reported_in_megabytes() {
        let err = ReadError::TooLarge { size: Some(50 * MB), kind: Kind::Markdown };
        assert_eq!(err.to_string(), "file is 50.0 MB; pages are limited to 8 MB");
        let err = ReadError::TooLarge { size: None, kind: Kind::Static };
        assert_eq!(err.to_string(), "file grew while it was read; static files are limited to 32 MB");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_and_fifos_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("mkdir");
        std::fs::write(dir.path().join("secret"), "x").expect("write");
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("link")).expect("link");
        let reader = Reader::new(&root);
        assert!(matches!(reader.bytes(&root.join("link"), Kind::Static), Err(ReadError::Outside { .. })));
        let fifo = std::ffi::CString::new(root.join("fifo").as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let err = reader.bytes(&root.join("fifo"), Kind::Yaml).unwrap_err();
        assert_eq!(err.to_string(), "this is a FIFO (named pipe), not a regular file");
    }
}
