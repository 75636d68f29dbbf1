"""`build/manifest.json`: for every output, what it was made from, so an unchanged job is skipped.

Each entry records the digest of every file the job read (source, included files, catalogs,
pictures, and pictures it looked for and did not find), of the brand kit's files and of
kapdocs.toml, plus a fingerprint of the job's options, of kapdocs itself (its code, catalogs
and built-in templates) and of the renderers (WeasyPrint, python-pptx, Pango and HarfBuzz
versions, and the bytes of the system's font files: kapdocs.batch.renderers). A job is skipped when all of
these still match and its output is still the file that was written; checking that needs no
WeasyPrint and no python-pptx.

A manifest that cannot be read (cut short, edited by hand, another program's file) is set aside
as `manifest.json.unreadable` with a warning, and the build goes on as with --force. One build at
a time writes into an output folder: `output_lock` locks the folder, and a second build is
refused at once rather than interleaving its journal with the first's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.files import digest, write_atomically

FILE_NAME = "manifest.json"
#: Bumped when the manifest's layout changes: an older manifest then rebuilds everything.
#: 2: each input file and digest is written once, in "inputs", and outputs name them by index.
LAYOUT = 2


@dataclass
class Entry:
    """One output: where it is, what it was made from, and the file as written."""

    output: str  # relative to the output folder
    fingerprint: str  # the job's options and kapdocs' code
    inputs: dict[str, str]  # file (relative to the project when inside it) → SHA-256 or "absent"
    output_digest: str
    output_stat: tuple[int, int]  # size and mtime_ns of the file as written, to notice it changing
    units: int = 0  # pages or slides
    warnings: list[str] = field(default_factory=list)  # still true of the file: said again when it is skipped


@dataclass
class Manifest:
    """Entries by job key: one JSON file, plus a journal of the outputs written since it was saved.

    Each output is appended to the journal as soon as it is written, so a build that is killed
    still knows what it finished; the next load replays the journal, and `save` folds it in."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    #: Input digests looked up so far by `fresh`, by name. A brand's files are inputs of thousands
    #: of outputs; `digest` stats a file on every call (and reads it again once more than 4,096
    #: files are in play), so one check looks at each input once, not once per output naming it.
    _current: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    #: Why the manifest that was there was set aside ("" when it was read, or there was none).
    set_aside: str = ""

    @property
    def journal(self) -> Path:
        return self.path.with_name(self.path.name + ".journal")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at `path` with its journal replayed; none yet (or an older layout) is empty."""
        manifest = cls(path)
        try:
            manifest.entries = _read_entries(path)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
            manifest.set_aside = _set_aside(path, err)
            return manifest
        if manifest.journal.is_file():
            for line in manifest.journal.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                    manifest.entries[record["key"]] = _entry(record["entry"])
                except (ValueError, KeyError, TypeError):
                    break  # the line being written when the build was killed: that output is rebuilt
        return manifest

    def record(self, key: str, entry: Entry) -> None:
        """Add an output, and append it to the journal at once."""
        self.entries[key] = entry
        with self.journal.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps({"key": key, "entry": vars(entry)}, ensure_ascii=False) + "\n")

    def save(self) -> None:
        """Write the manifest whole, one input or output per line (json's fast encoder writes each
        line; indenting the whole goes through its slow one: 8 s rather than 1 for 60,000 outputs).

        Each input file with its digest is written once and named by its index: thousands of
        outputs share a brand's files and a source's catalogs, and written out in every output's
        entry they made up four fifths of the manifest."""
        index: dict[tuple[str, str], int] = {}
        lines = [f"{json.dumps(key, ensure_ascii=False)}: "
                 + json.dumps({**vars(entry), "inputs": [index.setdefault(pair, len(index))
                                                        for pair in entry.inputs.items()]}, ensure_ascii=False)
                 for key, entry in sorted(self.entries.items())]
        files = [json.dumps(pair, ensure_ascii=False) for pair in index]
        text = (f'{{"layout": {LAYOUT}, "inputs": [\n' + ",\n".join(files) + '\n], "outputs": {\n'
                + ",\n".join(lines) + "\n}}\n")
        write_atomically(self.path, text.encode("utf-8"))
        self.journal.unlink(missing_ok=True)

    def fresh(self, key: str, fingerprint: str, root: Path, out: Path) -> Entry | None:
        """The entry for job `key` if its output is up to date (None if it must be built)."""
        entry = self.entries.get(key)
        if entry is None or entry.fingerprint != fingerprint:
            return None
        try:
            stat = (out / entry.output).stat()
        except FileNotFoundError:
            return None
        if (stat.st_size, stat.st_mtime_ns) != entry.output_stat:
            return None
        if any(self._digest(root, name) != value for name, value in entry.inputs.items()):
            return None
        return entry

    def _digest(self, root: Path, name: str) -> str:
        try:
            return self._current[name]
        except KeyError:
            value = self._current[name] = digest(root / name)
            return value

    def merge(self, other: Manifest) -> None:
        """Add another manifest's entries (a shard's); the same output built twice must agree."""
        for key, entry in other.entries.items():
            mine = self.entries.get(key)
            if mine is not None and mine.output_digest != entry.output_digest:
                raise KapdocsError(f"`{key}` was built differently in two manifests", other.path,
                                   hint="rebuild that job in one shard only")
            self.entries[key] = entry


def _read_entries(path: Path) -> dict[str, Entry]:
    """The entries of the manifest at `path` (none if there is none, or it has an older layout)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_bytes())
    if data.get("layout") != LAYOUT:
        return {}
    files = [(name, value) for name, value in data["inputs"]]
    return {str(key): _entry({**value, "inputs": dict(files[i] for i in value["inputs"])})
            for key, value in data["outputs"].items()}


def _set_aside(path: Path, err: Exception) -> str:
    """Move an unreadable manifest (and its journal) out of the way; the warning to give."""
    kept = path.with_name(path.name + ".unreadable")
    try:
        os.replace(path, kept)
        path.with_name(path.name + ".journal").unlink(missing_ok=True)
    except OSError as failed:
        raise KapdocsError(f"the build manifest cannot be read ({err}) nor moved aside ({failed.strerror})", path,
                           hint="delete it by hand") from None
    return (f"{path.name} could not be read ({type(err).__name__}: {err}); kept it as {kept.name} "
            "and rebuilding everything")


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one build; a second one at the same time is refused (exit code 3).

    The lock is the folder's own (flock on it), so it leaves no file behind, and the system lets
    it go when the build ends in any way, even killed."""
    import fcntl

    try:
        out.mkdir(parents=True, exist_ok=True)
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as err:
        raise KapdocsError(f"cannot write here: {err.strerror}", out, hint="check that you may write to the folder") from None
    try:
        fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(folder)
        raise KapdocsError("another build is writing into this folder", out, exit_code=3,
                           hint="wait for it to finish, or build into another folder with --out") from None
    try:
        yield
    finally:
        os.close(folder)  # closing it lets the lock go


def _entry(value: dict) -> Entry:
    return Entry(**{**value, "output_stat": tuple(value["output_stat"])})


def fingerprint(job_key: str, out: Path | None = None) -> str:
    """What besides the input files decides an output: the job's options and kapdocs itself (the
    font digests kept in `out`, the output folder, when given)."""
    return hashlib.sha256(f"{LAYOUT}\n{job_key}\n{code_fingerprint(out)}".encode()).hexdigest()


@lru_cache(maxsize=1)
def kapdocs_folders() -> tuple[Path, Path]:
    """kapdocs' own files: its package (code, catalogs, shipped fonts) and its built-in brands,
    which the code fingerprint covers by content."""
    from kapdocs.brand.kits import builtin_templates

    return Path(__file__).resolve().parents[1], builtin_templates()


@lru_cache(maxsize=1)
def code_fingerprint(out: Path | None = None) -> str:
    """A digest of kapdocs' own files (code, catalogs, built-in templates) and of the renderers
    and fonts it lays out with, once per process."""
    from kapdocs import __version__
    from kapdocs.batch.renderers import FONT_DIGESTS, renderers_fingerprint

    lines = []
    for folder in kapdocs_folders():
        # Named relative to their folder: the same kapdocs gives the same fingerprint anywhere.
        lines += sorted(f"{folder.name}/{p.relative_to(folder).as_posix()}={digest(p)}" for p in folder.rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    fonts = renderers_fingerprint(out / FONT_DIGESTS if out is not None else None)
    return hashlib.sha256("\n".join([__version__, *lines, fonts]).encode()).hexdigest()
