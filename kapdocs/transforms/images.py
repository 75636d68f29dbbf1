"""Pictures: check that each exists inside the project and decodes whole within the pixel limit;
rewrite its path relative to the root.

A picture with words in it has translated versions beside it, `<name>.<lang>.png`; a document
in that language uses them (the translator cannot point a picture anywhere else). It may also
have a large-print version, `<name>.large-print.svg` or `<name>.large-print.<lang>.svg`: vector,
its text real text that prints at 18 pt or more, which large-print handouts use. A large-print
handout refuses a picture with words (one that has translated or large-print versions beside it)
that has no large-print version in its language: the words would print at the picture's scale,
too small to read, and the audit cannot read a picture's words back."""

from __future__ import annotations

import glob
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.readers.frontmatter import LANG_PATTERN
from kapdocs.support.files import note_read
from kapdocs.support.pictures import picture_problem
from kapdocs.transforms.tree import map_block_inlines

if TYPE_CHECKING:
    from kapdocs.transforms.context import Context

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")


def resolve_images(document: m.Document, context: "Context") -> m.Document:
    """Every Image's src becomes a checked, project-relative POSIX path."""
    project = context.project

    def resolve(node: m.Inline, line: int) -> m.Inline:
        if not isinstance(node, m.Image):
            return node
        path = project.resolve_asset(node.src, document.source, line)
        if path.suffix.lower() not in IMAGE_TYPES and not _large_print_figure(path, context):
            raise KapdocsError(f"image `{node.src}` is a {path.suffix or 'file without extension'}",
                               project.shown(document.source), line,
                               "use a PNG or JPEG picture (both outputs can carry those)")
        used = _variant(path, document.meta.lang, context.large_print, context.brand.lineage)
        if context.large_print and used.suffix.lower() in IMAGE_TYPES and _has_words(path):
            raise KapdocsError(f"image `{node.src}` has words in it and no large-print version in this language",
                               project.shown(document.source), line,
                               f"draw `{path.stem}.large-print.{document.meta.lang}.svg` beside it, its words "
                               "real text at 18 pt or more on the page (see docs/source-format.md)")
        _check_picture(context, node.src if used == path else project.shown(used).as_posix(), used,
                       project.shown(document.source), line)
        return replace(node, src=used.relative_to(project.root).as_posix())

    return document.with_blocks(map_block_inlines(document.blocks, resolve))


def _large_print_figure(path, context: "Context") -> bool:
    """A large-print figure chosen already (an included section is resolved again where it is included)."""
    return context.large_print and path.suffix.lower() == ".svg" and ".large-print" in path.name


def _has_words(path) -> bool:
    """Whether a picture has words in it, as its versions say: one in another language beside it
    (`<name>[.<brand>].<lang>.<ext>`), or a large-print version (`<name>.large-print….svg`)."""
    for sibling in path.parent.glob(f"{glob.escape(path.stem)}.*"):
        parts = sibling.name[len(path.stem) + 1:].split(".")
        if parts[0] == "large-print" or (len(parts) > 1 and re.match(LANG_PATTERN, parts[-2])):
            return True
    return False


def _check_picture(context: "Context", name: str, path, shown, line: int) -> None:
    """Refuse a picture the writers could not carry: a job with a hole in it must fail, not pass."""
    limits = context.project.settings.limits
    problem = picture_problem(path, limits.image_megapixels)
    if problem and problem.too_big:
        raise limits.exceeded("image_megapixels", f"image `{name}` {problem.text}", shown, line)
    if problem:
        raise KapdocsError(f"image `{name}` {problem.text}", shown, line,
                           "open it in a picture editor and save it again as PNG or JPEG")


def _variant(path, lang: str, large_print: bool, brands: tuple[str, ...] = ()):
    """The version of a picture made for this handout, beside `name.png`:

    - `name[.large-print][.<brand>][.<lang>]` — a translation first (its words matter most), then
      in large print the large-print figure (`.svg`, its text at 18 pt or more), then the brand's
      own colours (the brand or a brand it extends, nearest first), then the picture itself.
    """
    names = []
    for language in (f".{lang}", ""):
        for size in ((".large-print", "") if large_print else ("",)):
            for brand in (*(f".{b}" for b in brands), ""):
                suffix = ".svg" if size else path.suffix
                names.append(path.with_name(f"{path.stem}{size}{brand}{language}{suffix}"))
    for candidate in names:
        note_read(candidate)  # even when missing: adding it later must rebuild the output
    return next((candidate for candidate in names if candidate.is_file()), path)
