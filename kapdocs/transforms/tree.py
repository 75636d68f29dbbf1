"""Helpers that rebuild a block tree with some nodes replaced (the model is frozen)."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kapdocs import model as m

InlineMap = Callable[[m.Inline], m.Inline]


def map_block_inlines(blocks: m.Blocks, change: Callable[[m.Inline, int], m.Inline]) -> m.Blocks:
    """Every block with `change(node, line)` applied to each inline node (innermost first);
    `line` is the source line of the block holding the node, for error messages."""
    out = []
    for block in blocks:
        if isinstance(block, m.BulletList):
            items = tuple(replace(i, blocks=map_block_inlines(i.blocks, change)) for i in block.items)
            out.append(replace(block, items=items))
        elif isinstance(block, (m.Container, m.BlockQuote)):
            out.append(replace(block, blocks=map_block_inlines(block.blocks, change)))
        elif isinstance(block, m.DefinitionList):
            items = tuple(replace(i, term=_map_content(i.term, lambda node, line=i.line: change(node, line)),
                                  blocks=map_block_inlines(i.blocks, change)) for i in block.items)
            out.append(replace(block, items=items))
        else:
            out.append(_map_own_inlines(block, lambda node, line=block.line: change(node, line)))
    return tuple(out)


def _map_own_inlines(block: m.Block, change: InlineMap) -> m.Block:
    """`block` with `change` applied to the inline content it holds itself."""
    if isinstance(block, (m.Heading, m.Paragraph)):
        return replace(block, content=_map_content(block.content, change))
    if isinstance(block, m.Figure):
        return replace(block, image=change(block.image))
    if isinstance(block, m.Table):
        return replace(
            block,
            header=tuple(_map_content(c, change) for c in block.header),
            rows=tuple(tuple(_map_content(c, change) for c in row) for row in block.rows),
        )
    return block


def _map_content(content: m.Inlines, change: InlineMap) -> m.Inlines:
    out = []
    for node in content:
        if isinstance(node, (m.Emph, m.Strong, m.Link)):
            node = replace(node, children=_map_content(node.children, change))
        out.append(change(node))
    return tuple(out)


def map_containers(blocks: m.Blocks, change: Callable[[m.Container], m.Blocks]) -> m.Blocks:
    """Blocks with each container replaced by the blocks `change` returns (innermost first)."""
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.Container):
            out.extend(change(replace(block, blocks=map_containers(block.blocks, change))))
        elif isinstance(block, m.BlockQuote):
            out.append(replace(block, blocks=map_containers(block.blocks, change)))
        elif isinstance(block, m.BulletList):
            items = tuple(replace(i, blocks=map_containers(i.blocks, change)) for i in block.items)
            out.append(replace(block, items=items))
        else:
            out.append(block)
    return tuple(out)
