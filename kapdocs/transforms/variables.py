"""Brand variables: `{{ clinic.phone }}` in text becomes the brand's value; unknown names are errors.

Only these names exist; content cannot run template code.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.i18n.language import has_right_to_left, isolated, text_direction
from kapdocs.transforms.tree import map_block_inlines, map_containers

if TYPE_CHECKING:
    from kapdocs.brand.schema import Brand
    from kapdocs.transforms.context import Context

VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")


def brand_variables(brand: "Brand") -> dict[str, str]:
    """The names content may use, and their values for this brand."""
    contact = brand.contact
    return {
        "clinic.name": brand.name, "clinic.phone": contact.phone, "clinic.web": contact.web,
        "clinic.email": contact.email, "clinic.address": contact.address,
        "clinic.telehealth": contact.telehealth, "clinic.crisis_line": brand.footer.crisis_line,
    }


def substitute_variables(document: m.Document, context: "Context") -> m.Document:
    """Replace every `{{ name }}` in text with the brand's value.

    In a right-to-left document a left-to-right value (a phone number, a web address) is
    Unicode-isolated: inside Arabic, “(503) 555-0142” would otherwise print as “0142-555 (503)”."""
    values = brand_variables(context.brand)
    if text_direction(document.meta.lang) == "rtl":
        values = {name: value if has_right_to_left(value) or not value else isolated(value)
                  for name, value in values.items()}
    shown = context.project.shown(document.source)

    def fill_text(text: str, line: int) -> str:
        if "{{" not in text:
            return text

        def value(found: re.Match) -> str:
            name = found.group(1)
            if name not in values:
                raise KapdocsError(f"unknown variable `{{{{ {name} }}}}`", shown, line,
                                   f"use one of: {', '.join(sorted(values))}")
            return values[name]

        return VARIABLE.sub(value, text)

    def fill(node: m.Inline, line: int) -> m.Inline:
        if isinstance(node, m.Text):
            return replace(node, text=fill_text(node.text, line))
        if isinstance(node, m.Image):  # alt text and title are read aloud and printed as captions
            return replace(node, alt=fill_text(node.alt, line), title=fill_text(node.title, line))
        return node

    def fill_container(block: m.Container) -> m.Blocks:  # a callout's title, a chart's caption, ...
        return (replace(block, args=tuple(fill_text(arg, block.line) for arg in block.args),
                        attrs=tuple((key, fill_text(text, block.line)) for key, text in block.attrs)),)

    meta = document.meta  # the front matter: its fields are on line 2 onwards; name the file's start
    filled = replace(document, meta=replace(meta, title=fill_text(meta.title, 1),
                                            subtitle=fill_text(meta.subtitle, 1), summary=fill_text(meta.summary, 1)),
                     footnotes=tuple(replace(note, blocks=map_block_inlines(note.blocks, fill))
                                     for note in document.footnotes))
    return filled.with_blocks(map_containers(map_block_inlines(document.blocks, fill), fill_container))
