"""Pictures: check that each exists inside the project; rewrite its path relative to the root."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.transforms.tree import map_inlines

if TYPE_CHECKING:
    from kapdocs.transforms import Context

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")


def resolve_images(document: m.Document, context: "Context") -> m.Document:
    """Every Image's src becomes a checked, project-relative POSIX path."""
    project = context.project
    lines = _image_lines(document)

    def resolve(node: m.Inline) -> m.Inline:
        if not isinstance(node, m.Image):
            return node
        line = lines.get(node.src, 0)
        path = project.resolve_asset(node.src, document.source, line)
        if path.suffix.lower() not in IMAGE_TYPES:
            raise KapdocsError(f"image `{node.src}` is a {path.suffix or 'file without extension'}",
                               project.shown(document.source), line,
                               "use a PNG or JPEG picture (both outputs can carry those)")
        return replace(node, src=path.relative_to(project.root).as_posix())

    return document.with_blocks(map_inlines(document.blocks, resolve))


def _image_lines(document: m.Document) -> dict[str, int]:
    """The first line each image src appears on, for error messages."""
    lines: dict[str, int] = {}
    for block in m.walk(document.blocks):
        for content in m.inlines_of(block):
            for node in m.walk_inlines(content):
                if isinstance(node, m.Image):
                    lines.setdefault(node.src, block.line)
    return lines
