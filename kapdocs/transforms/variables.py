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
from kapdocs.transforms.tree import map_block_inlines

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

    def fill(node: m.Inline, line: int) -> m.Inline:
        if not isinstance(node, m.Text) or "{{" not in node.text:
            return node

        def value(found: re.Match) -> str:
            name = found.group(1)
            if name not in values:
                raise KapdocsError(f"unknown variable `{{{{ {name} }}}}`", shown, line,
                                   f"use one of: {', '.join(sorted(values))}")
            return values[name]

        return replace(node, text=VARIABLE.sub(value, node.text))

    return document.with_blocks(map_block_inlines(document.blocks, fill))
