"""Files: written whole or not at all, fingerprinted by content, and the reads a build depends on."""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from typing import Iterator

from kapdocs.errors import KapdocsError

#: The digest recorded for a file a build looked for and did not find (a translated picture that
#: may appear later): when it appears, the digest changes and the output is rebuilt.
ABSENT = "absent"


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename: a crash never leaves a half-written output.

    The temporary file is created as any new file is (0666 less the umask: rw-r--r-- as a rule),
    not private to its owner as `tempfile.mkstemp` makes it: handouts built by one account are
    printed and served by others."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.part")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise KapdocsError(f"cannot write here: {err.strerror}", path,
                           hint="check that the folder exists and you may write to it, and that the disk has room") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise KapdocsError(f"cannot write the file: {err.strerror}", path,
                           hint="check that the disk has room and the file is not open elsewhere") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def is_replaceable_file(path: Path) -> bool:
    """Whether an output may go to `path`: False when nothing is there, True for a regular file; a
    symbolic link, folder, FIFO or device is refused (replacing it would write somewhere else,
    block, or destroy what it stands for)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as err:
        raise KapdocsError(f"cannot look at the output: {err.strerror}", path, hint="check the path") from None
    if stat.S_ISLNK(mode):
        raise KapdocsError("the output is a symbolic link", path,
                           hint="name the file itself; kapdocs replaces only regular files")
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "not a regular file"
        raise KapdocsError(f"the output is {kind}", path, hint="name a new .pdf or .pptx file")
    return True


def per_file_version(maxsize: int):
    """Cache `function(path, *args)` for each version of the file at `path` (its mtime and size):
    a batch reads a brand kit, a master or a catalog once per process, and again when it changes."""

    def decorate(function):
        @lru_cache(maxsize=maxsize)
        def cached(path: Path, mtime_ns: int, size: int, *args):
            return function(path, *args)

        @wraps(function)
        def per_version(path: Path, *args):
            stat = path.stat()
            return cached(path, stat.st_mtime_ns, stat.st_size, *args)

        return per_version

    return decorate


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes (ABSENT if there is no such file), read once per version of the file."""
    try:
        return _digest(path)
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT


@per_file_version(maxsize=4096)
def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


# ---- what a build read: the inputs an output depends on ----------------------------------

_reads: set[Path] | None = None


def note_read(path: Path) -> None:
    """Record that the job being built read (or looked for) `path`."""
    if _reads is not None:
        _reads.add(path.resolve())


@contextmanager
def recording_reads() -> Iterator[set[Path]]:
    """Collect every path noted while the block runs (one job at a time per process)."""
    global _reads
    previous, _reads = _reads, set()
    try:
        yield _reads
    finally:
        _reads = previous
