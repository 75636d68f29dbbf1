"""The renderers an output depends on besides kapdocs → one line of text for the manifest's fingerprint.

WeasyPrint's and python-pptx's versions (from their installed metadata, without importing them),
Pango's and HarfBuzz's (asked of the libraries through ctypes), and every system font file by
name, size and modification time. An upgraded renderer or an installed, removed or replaced font
then changes every output's fingerprint, and the next build rebuilds them. Fonts are named by
their file facts rather than hashed: the system's fonts are hundreds of megabytes (Noto CJK), and
a package upgrade rewrites each file it changes, so its size or time changes with it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
from pathlib import Path

#: Python renderers: (module, the name of its distribution as its metadata folder spells it).
PYTHON_RENDERERS = (("weasyprint", "weasyprint"), ("pptx", "python_pptx"))
#: C libraries that lay out text: (file name, the function giving its version).
C_RENDERERS = (("libpango-1.0.so.0", "pango_version_string"), ("libharfbuzz.so.0", "hb_version_string"))
#: Where fontconfig finds fonts on Debian and Ubuntu, and a user's own.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


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


def system_fonts() -> list[str]:
    """Every font file fontconfig's folders hold, as `path size mtime`, sorted."""
    found = []
    for folder in FONT_FOLDERS:
        for root, _, files in os.walk(os.path.expanduser(folder)):
            for name in files:
                stat = os.stat(os.path.join(root, name))
                found.append(f"{os.path.join(root, name)} {stat.st_size} {stat.st_mtime_ns}")
    return sorted(found)


def renderers_fingerprint() -> str:
    """The renderers and fonts as lines of text, for the manifest's fingerprint."""
    return "\n".join([*(f"{name}={version}" for name, version in sorted(renderer_versions().items())),
                      *system_fonts()])
