"""The renderers an output depends on besides kapdocs → one line of text for the manifest's fingerprint.

WeasyPrint's and python-pptx's versions (from their installed metadata, without importing them),
Pango's and HarfBuzz's (asked of the libraries through ctypes), and the SHA-256 of every system
font file's bytes. An upgraded renderer or an installed, removed or replaced font then changes
every output's fingerprint, and the next build rebuilds them.

Fonts count by content alone, not by path or time: two machines (CI runners, a build's shards)
with the same fonts agree, though each unpacked them at its own time, and a font touched but not
changed rebuilds nothing. The system's fonts are 150 MB here and can be several hundred (Noto
CJK), so their digests are kept beside the manifest (`manifest.fonts.json`) by each file's path,
size, modification time and inode: a build hashes only the files that changed since the last
one (0.15 s for all 150 MB; a no-change rebuild only looks at each file's facts).
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import json
import os
from pathlib import Path

from kapdocs.support.files import write_atomically

#: Python renderers: (module, the name of its distribution as its metadata folder spells it).
PYTHON_RENDERERS = (("weasyprint", "weasyprint"), ("pptx", "python_pptx"))
#: C libraries that lay out text: (file name, the function giving its version).
C_RENDERERS = (("libpango-1.0.so.0", "pango_version_string"), ("libharfbuzz.so.0", "hb_version_string"))
#: Where fontconfig finds fonts on Debian and Ubuntu, and a user's own.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
#: The font digests kept in the output folder, beside the manifest.
FONT_DIGESTS = "manifest.fonts.json"


def renderer_versions() -> dict[str, str]:
    """Each renderer's name → its version ("absent" where it is not installed)."""
    versions = {module: installed_version(module, name) for module, name in PYTHON_RENDERERS}
    versions.update({library: shared_library_version(library, function) for library, function in C_RENDERERS})
    return versions


def installed_version(module: str, distribution: str) -> str:
    """The installed version of a Python package, read from its metadata folder's name."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return "absent"
    prefix = f"{distribution.lower()}-"
    with os.scandir(Path(spec.origin).parent.parent) as entries:
        for entry in entries:
            name = entry.name.lower()
            if name.startswith(prefix) and name.endswith((".dist-info", ".egg-info")):
                return name[len(prefix):].rsplit(".", 1)[0]
    return "unknown"


def shared_library_version(library: str, function: str) -> str:
    """A C library's version string, or "absent"."""
    try:
        call = getattr(ctypes.CDLL(library), function)
    except (OSError, AttributeError):
        return "absent"
    call.restype = ctypes.c_char_p
    return call().decode("ascii", "replace")


def font_digests(kept: Path | None = None) -> list[str]:
    """The SHA-256 of every font file in fontconfig's folders, sorted (a font twice counts twice).

    `kept`: the file of digests from the last build, read and brought up to date; a font whose
    path, size, modification time and inode are as recorded is not read again."""
    known = _kept_digests(kept)
    now: dict[str, list] = {}
    for path, facts in _font_files():
        last = known.get(path)
        now[path] = last if last is not None and last[:3] == facts else [*facts, _hash(path)]
    if kept is not None and now != known:
        write_atomically(kept, json.dumps({"fonts": now}, indent=0, sort_keys=True).encode("utf-8"))
    return sorted(facts[3] for facts in now.values() if facts[3])


def _font_files() -> list[tuple[str, list[int]]]:
    """Each file in fontconfig's folders with its size, modification time and inode."""
    found = []
    for folder in FONT_FOLDERS:
        for root, _, files in os.walk(os.path.expanduser(folder)):
            for name in files:
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:  # a dangling link: fontconfig cannot use it either
                    continue
                found.append((path, [stat.st_size, stat.st_mtime_ns, stat.st_ino]))
    return found


def _hash(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:  # unreadable: fontconfig skips it too
        return ""


def _kept_digests(kept: Path | None) -> dict[str, list]:
    """The digests a last build kept (none when there is no such file or it cannot be read)."""
    try:
        fonts = json.loads(kept.read_bytes())["fonts"] if kept is not None else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(fonts, dict):
        return {}
    return {path: facts for path, facts in fonts.items() if isinstance(facts, list) and len(facts) == 4}


def renderers_fingerprint(kept: Path | None = None) -> str:
    """The renderers and fonts as lines of text, for the manifest's fingerprint (`kept`: see font_digests)."""
    return "\n".join([*(f"{name}={version}" for name, version in sorted(renderer_versions().items())),
                      *(f"font={value}" for value in font_digests(kept))])
