"""Which layout of a clinic's master serves each kind of slide, and where its content goes.

Pure Python over a MasterInfo that powerpoint.py reads from the file. A layout is found by
its PowerPoint name first ("Title and Content"), then by its layout type (`obj`), which stays
the same when PowerPoint names layouts in another language, and last by the placeholders it
has, with a warning that says which layout was used instead. Placeholders are found by type,
not by index, so masters built in other tools work too.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.errors import KapdocsError


@dataclass(frozen=True)
class Rect:
    """A box on the slide, in points."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class PlaceholderInfo:
    """One placeholder of a layout: its index (how slides refer to it), type, name and box."""

    idx: int
    type: str  # title, ctrTitle, subTitle, body, obj, pic, tbl, chart, dt, ftr, sldNum, …
    name: str
    box: Rect


@dataclass(frozen=True)
class LayoutInfo:
    """One slide layout of a master."""

    name: str
    type: str  # the layout type PowerPoint records (title, obj, secHead, titleOnly, twoObj, …)
    placeholders: tuple[PlaceholderInfo, ...]

    @property
    def title(self) -> PlaceholderInfo | None:
        return next((p for p in self.placeholders if p.type in ("title", "ctrTitle")), None)

    @property
    def bodies(self) -> tuple[PlaceholderInfo, ...]:
        """Text/content placeholders, largest first (subtitles count on title slides)."""
        found = [p for p in self.placeholders if p.type in TEXT_TYPES]
        return tuple(sorted(found, key=lambda p: (-p.box.width * p.box.height, p.box.left, p.idx)))


@dataclass(frozen=True)
class MasterInfo:
    """What kapdocs needs to know of a master: its slide size and its layouts."""

    name: str  # for messages
    width: float
    height: float
    layouts: tuple[LayoutInfo, ...]

    def layout(self, name: str) -> LayoutInfo | None:
        return next((lay for lay in self.layouts if lay.name == name), None) or next(
            (lay for lay in self.layouts if lay.name.casefold() == name.casefold()), None)


#: Placeholder types that hold slide text.
TEXT_TYPES = ("body", "obj", "subTitle")

#: Per role: PowerPoint's layout name, its layout type, and how many text placeholders it needs.
ROLES: dict[str, tuple[str, str, int]] = {
    "title": ("Title Slide", "title", 0),
    "section": ("Section Header", "secHead", 0),
    "content": ("Title and Content", "obj", 1),
    "shapes": ("Title Only", "titleOnly", 0),
    "columns": ("Two Content", "twoObj", 2),
}


@dataclass(frozen=True)
class Choice:
    """The layout chosen for a role, and a warning when it was a fallback."""

    layout: LayoutInfo
    warning: str = ""
    how: str = "by name"


def choose(master: MasterInfo, role: str) -> Choice:
    """The layout for `role`: by name, then by layout type, then by placeholders (with a warning)."""
    name, kind, bodies = ROLES[role]
    if (found := master.layout(name)) is not None and _serves(found, role):
        return Choice(found)
    if (found := next((lay for lay in master.layouts if lay.type == kind and _serves(lay, role)), None)) is not None:
        return Choice(found, how=f"by layout type `{kind}`")
    candidates = [lay for lay in master.layouts if _serves(lay, role) and (role == "title" or lay.type != "title")]
    if role == "shapes" and not any(not lay.bodies for lay in candidates):
        # Drawn where a content slide has its text; the empty placeholder is removed.
        content = choose(master, "content").layout
        return Choice(content, f"the master has no “{name}” layout; {role} slides use “{content.name}”",
                      "by placeholders")
    if not candidates:
        raise KapdocsError(f"the master has no layout for {role} slides (a title and {bodies} text placeholder(s))",
                           master.name, hint=f"add a “{name}” layout to the master, or use the default master")
    best = min(candidates, key=lambda lay: _fit(lay, role))
    return Choice(best, f"the master has no “{name}” layout; {role} slides use “{best.name}”", "by placeholders")


def _fit(layout: LayoutInfo, role: str) -> tuple:
    """How far a layout is from what `role` needs, by its placeholders alone (smaller is closer),
    for masters whose layouts neither PowerPoint's names nor its layout types identify.

    A title slide has a centred title (`ctrTitle`) and a subtitle; a section header a title and
    one text placeholder (`body`, not an `obj` content box); a content slide one content box;
    a shapes slide a title and nothing else; two columns two content boxes. Then the fewest
    placeholders besides."""
    title = layout.title
    kinds = [p.type for p in layout.bodies]
    extra = len(layout.bodies) - ROLES[role][2]
    if role == "title":
        return (title.type != "ctrTitle", "subTitle" not in kinds, len(layout.placeholders))
    if role == "section":
        return (abs(len(kinds) - 1), kinds[:1] != ["body"], len(layout.placeholders))
    if role == "content":
        return (extra, kinds[:1] != ["obj"], len(layout.placeholders))
    if role == "shapes":
        return (len(kinds), len(layout.placeholders))
    return (extra, kinds.count("obj") < 2, len(layout.placeholders))


def _serves(layout: LayoutInfo, role: str) -> bool:
    """Whether `layout` has the placeholders `role` needs."""
    if role == "title":
        return layout.title is not None
    if layout.title is None:
        return False
    needed = ROLES[role][2]
    if role == "shapes":
        return True
    usable = [p for p in layout.bodies if p.type != "subTitle"]
    return len(usable) >= needed


def serves(layout: LayoutInfo) -> list[str]:
    """The roles a layout can serve (for `kapdocs template check`)."""
    return [role for role in ROLES if _serves(layout, role)]


#: What each role is used for, in the words of `kapdocs template check`.
ROLE_USES = {
    "title": "title slide",
    "section": "section headers (`#`)",
    "content": "bullets, agenda, FAQ, glossary, closing",
    "shapes": "tables, pictures, callouts, stats, charts, steps",
    "columns": "two columns",
}


def describe(master: MasterInfo) -> tuple[list[str], bool]:
    """The report of `kapdocs template check`: layouts, placeholders, what serves each role."""
    ratio = master.width / master.height
    shape = "16:9" if abs(ratio - 16 / 9) < 0.01 else "4:3" if abs(ratio - 4 / 3) < 0.01 else f"{ratio:.2f}:1"
    lines = [f"{master.name}: {master.width / 72:.2f} × {master.height / 72:.2f} in ({shape}), "
             f"{len(master.layouts)} layouts", ""]
    for layout in master.layouts:
        lines.append(f"“{layout.name}” (type {layout.type})")
        for p in layout.placeholders:
            b = p.box
            lines.append(f"  {p.idx:>3} {p.type:<9} {p.name!r:<28} at {b.left / 72:.2f}, {b.top / 72:.2f} in, "
                         f"{b.width / 72:.2f} × {b.height / 72:.2f} in")
        lines.append(f"  can serve: {', '.join(serves(layout)) or 'nothing kapdocs makes'}")
    lines += ["", "kapdocs slides on this master:"]
    ok = True
    for role, uses in ROLE_USES.items():
        try:
            found = choose(master, role)
        except KapdocsError:
            lines.append(f"  {role:<8} ({uses}): NO LAYOUT — add a “{ROLES[role][0]}” layout")
            ok = False
            continue
        note = f"; warning: {found.warning}" if found.warning else ""
        lines.append(f"  {role:<8} ({uses}): “{found.layout.name}”, {found.how}{note}")
    return lines, ok
