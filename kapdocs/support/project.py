"""A kapdocs project: a folder with kapdocs.toml, its sources, and the rule that nothing leaves it.

Every path that content names (images, later includes) is resolved here, and only here, so the
rule "no `..` escapes, no absolute paths, no URLs" lives in one place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath

from kapdocs.errors import KapdocsError

SETTINGS_FILE = "kapdocs.toml"
SOURCE_FOLDERS = ("handouts", "decks")
TEMPLATE_FOLDER = "templates"  # the project's brand kits
#: Files in the source folders that are inputs (sources, catalogs, pictures), never outputs.
INPUT_SUFFIXES = frozenset({".md", ".po", ".pot", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".yaml", ".css"})


def template_path(source: Path, doc_id: str) -> Path:
    """A source's translation template: `locales/<id>.pot` beside it."""
    return source.parent / "locales" / f"{doc_id}.pot"


def catalog_path(source: Path, doc_id: str, lang: str) -> Path:
    """A source's catalog for one language: `locales/<lang>/<id>.po` beside it."""
    return source.parent / "locales" / lang / f"{doc_id}.po"


@dataclass(frozen=True)
class Limits:
    """How big an input may be (`[limits]` in kapdocs.toml). Each bounds the time and memory one
    output may take: at these values every input builds in a few seconds or is refused at once."""

    source_kib: int = 200  # a source file (about 80 printed pages)
    paragraph_chars: int = 20_000  # one paragraph (about 6 pages of running text)
    include_depth: int = 8  # includes inside included sections
    expanded_kib: int = 400  # a source with every section it includes, counted as often as included
    slides: int = 250  # slides in one deck
    table_cells: int = 1_000  # cells in one table
    image_mib: int = 10  # one picture file
    image_megapixels: int = 40  # one picture's width × height (a 300 dpi Letter page is 8.4)
    master_mib: int = 50  # a PowerPoint master, unpacked
    master_ratio: int = 100  # how many times its unpacked size may exceed the file's

    def exceeded(self, name: str, what: str, file: Path | str | None = None, line: int | None = None) -> KapdocsError:
        """The error for an input over limit `name`, saying how to raise it."""
        return KapdocsError(f"{what}, over the limit of {getattr(self, name):,} ({name} in [limits])", file, line,
                            f"make it smaller, or raise `{name}` under [limits] in {SETTINGS_FILE}")


def _limits(section: object) -> Limits:
    """`[limits]` of kapdocs.toml: known names, whole positive numbers."""
    if not isinstance(section, dict):
        raise KapdocsError("[limits] must be a table of `name = number` lines", SETTINGS_FILE)
    known = {name for name in Limits.__dataclass_fields__}
    for name, value in section.items():
        if name not in known:
            raise KapdocsError(f"unknown limit `{name}` in [limits]", SETTINGS_FILE, hint=f"known limits: {', '.join(sorted(known))}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise KapdocsError(f"limit `{name}` must be a whole number above 0, not {value!r}", SETTINGS_FILE)
    return Limits(**section)


@dataclass(frozen=True)
class Settings:
    """Project settings from kapdocs.toml."""

    name: str = "kapdocs project"
    brands: tuple[str, ...] = ("default",)
    locales: tuple[str, ...] = ("en",)
    # What `kapdocs build` makes of each source by default: pdf, pptx, html (the web handout).
    formats: tuple[str, ...] = ("pdf", "pptx")
    # Languages of the language-assistance notice, for brands that do not list their own.
    language_assistance: tuple[str, ...] = ()
    # Words `kapdocs check` treats as acronyms to spell out even where they look like words (KAP, TTY).
    acronyms: tuple[str, ...] = ()
    limits: Limits = Limits()
    # [released]: per language, the ids of the sources released in it (a language in `locales` releases every source).
    released: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the project releases anything in: `locales`, then those of [released]."""
        return tuple(dict.fromkeys((*self.locales, *(lang for lang, _ in self.released))))

    def is_released(self, doc_id: str, lang: str) -> bool:
        """Whether the source `doc_id` is released in `lang`."""
        return lang in self.locales or doc_id in dict(self.released).get(lang, ())


@dataclass(frozen=True)
class Project:
    """A project root folder."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project containing `start` (default: the working folder)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / SETTINGS_FILE).is_file():
                return cls(folder)
        raise KapdocsError(f"no {SETTINGS_FILE} in {here} or any folder above it",
                           hint="run kapdocs inside a project, pass --project DIR, or create one with `kapdocs new`")

    @cached_property
    def settings(self) -> Settings:
        """kapdocs.toml, read once."""
        path = self.root / SETTINGS_FILE
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except tomllib.TOMLDecodeError as err:
            raise KapdocsError(f"invalid TOML: {err}", SETTINGS_FILE) from None
        except UnicodeDecodeError as err:
            raise KapdocsError(f"the file is not UTF-8 text ({err.reason})", SETTINGS_FILE, hint="save it as UTF-8") from None
        section = data.get("project", {})
        known = {"name", "brands", "locales", "language_assistance", "acronyms", "formats"}
        if unknown := sorted(set(section) - known):
            raise KapdocsError(f"unknown setting `{unknown[0]}` in [project]", SETTINGS_FILE,
                               hint=f"known settings: {', '.join(sorted(known))}")
        released = data.get("released", {})
        if not isinstance(released, dict) or not all(isinstance(ids, list) for ids in released.values()):
            raise KapdocsError("[released] must list source ids per language", SETTINGS_FILE,
                               hint='write it as `ar = ["how-ketamine-works", "intake"]` under [released]')
        return Settings(
            released=tuple((lang, tuple(str(i) for i in ids)) for lang, ids in released.items()),
            name=str(section.get("name", Settings.name)),
            brands=tuple(section.get("brands", Settings.brands)),
            locales=tuple(section.get("locales", Settings.locales)),
            language_assistance=tuple(section.get("language_assistance", ())),
            acronyms=tuple(str(word) for word in section.get("acronyms", ())),
            formats=_formats(section.get("formats", Settings.formats)),
            limits=_limits(data.get("limits", {})),
        )

    def sources(self) -> list[Path]:
        """Every Markdown source in handouts/ and decks/, sorted (not translations)."""
        found: list[Path] = []
        for folder in SOURCE_FOLDERS:
            found.extend(sorted((self.root / folder).glob("*.md")))
        return found

    def named_sources(self, named: list[Path] | None) -> list[Path]:
        """The sources a command names (default: every one), each checked to exist."""
        chosen = [Path(s).resolve() for s in named] if named else self.sources()
        for source in chosen:
            if not source.is_file():
                raise KapdocsError("no such source file", self.shown(source), hint="check the path")
        return chosen

    def holds_input(self, path: Path) -> bool:
        """Whether `path` is an input of the project: kapdocs.toml, a file of a brand kit, or a
        source, catalog or picture in a source folder (an output must never replace one)."""
        target = path.resolve()
        if target == self.root / SETTINGS_FILE or target.is_relative_to(self.root / TEMPLATE_FOLDER):
            return True
        return target.suffix.lower() in INPUT_SUFFIXES and any(
            target.is_relative_to(self.root / folder) for folder in SOURCE_FOLDERS)

    def shown(self, path: Path) -> Path:
        """`path` as users see it in messages: relative to the project root when inside it."""
        return _shown(self.root, path)

    def resolve_asset(self, reference: str, from_file: Path, line: int, what: str = "image") -> Path:
        """A file that content refers to, relative to the referring file, checked to stay inside."""
        shown_from = self.shown(from_file)
        if not reference:
            raise KapdocsError(f"the {what} has no path", shown_from, line)
        if "://" in reference or reference.startswith(("data:", "file:")):
            raise KapdocsError(f"{what} `{reference}` is a URL; only files inside the project can be used",
                               shown_from, line, f"copy the file into the project and refer to it by a relative path")
        posix = PurePosixPath(reference)
        if posix.is_absolute() or Path(reference).is_absolute():
            raise KapdocsError(f"{what} `{reference}` is an absolute path", shown_from, line,
                               "use a path relative to the source file, inside the project")
        target = (from_file.resolve().parent / posix).resolve()
        if not target.is_relative_to(self.root):
            raise KapdocsError(f"{what} `{reference}` is outside the project", shown_from, line,
                               "keep pictures and included files inside the project folder")
        if not target.is_file():
            raise KapdocsError(f"{what} `{reference}` does not exist", shown_from, line,
                               f"expected it at {self.shown(target)}")
        limits = self.settings.limits
        size = target.stat().st_size
        if what == "image" and size > limits.image_mib * 2**20:
            raise limits.exceeded("image_mib", f"{what} `{reference}` is {size / 2**20:.1f} MiB", shown_from, line)
        if what != "image" and size > limits.source_kib * 1024:
            raise limits.exceeded("source_kib", f"{what} `{reference}` is {size / 1024:,.0f} KiB", shown_from, line)
        return target


def _formats(value) -> tuple[str, ...]:
    """The `formats` setting, checked: a list of pdf, pptx and html."""
    known = ("pdf", "pptx", "html")
    if not isinstance(value, (list, tuple)) or not value or any(f not in known for f in value):
        raise KapdocsError(f"formats = {value!r} is not a list of {', '.join(known)}", SETTINGS_FILE,
                           hint='write e.g. formats = ["pdf", "pptx", "html"]')
    return tuple(value)


@lru_cache(maxsize=8192)
def _shown(root: Path, path: Path) -> Path:
    # Remembered: every job's name in the manifest starts with its source's, and resolving a path
    # asks the filesystem, 45 µs a time; a 60,000-job build named each source 120,000 times.
    try:
        return path.resolve().relative_to(root)
    except ValueError:
        return path
