"""Pictures: check that each exists inside the project and decodes whole within the pixel limit;
rewrite its path relative to the root.

A picture with words in it has translated versions beside it, `<name>.<lang>.png`; a document
in that language uses them (the translator cannot point a picture anywhere else). It may also
have a large-print version, `<name>.large-print.svg` or `<name>.large-print.<lang>.svg`: vector,
its text real text that prints at 18 pt or more, which large-print handouts use (a translated
picture without one keeps its language: the words matter more than their size)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
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
        _check_picture(context, node.src if used == path else project.shown(used).as_posix(), used,
                       project.shown(document.source), line)
        return replace(node, src=used.relative_to(project.root).as_posix())

    return document.with_blocks(map_block_inlines(document.blocks, resolve))


def _large_print_figure(path, context: "Context") -> bool:
    """A large-print figure chosen already (an included section is resolved again where it is included)."""
    return context.large_print and path.suffix.lower() == ".svg" and ".large-print" in path.name


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
