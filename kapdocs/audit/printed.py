"""A PDF read back (kapdocs.audit.pdf) → findings on its printed pages: overprinted or lost text,
type too small (figures' text included), template markers left in, half-empty pages, headings
left at a page's foot, a tall footer, and what a screen reader would hit (figures without alt
text, text in a second script without its language)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from kapdocs.audit.findings import Finding
from kapdocs.audit.pdf import Box, Glyph, PrintedPage, PrintedPdf, read_printed

#: Large print: every character at least 18 pt (American Council of the Blind; APH).
LARGE_PRINT_MIN_PT = 18.0
#: Normal print: the smallest a handout may print anything, its footer's small print included.
SMALL_PRINT_MIN_PT = 8.0
#: A page other than the last filled less than this share of its text frame looks unfinished.
MIN_PAGE_FILL = 0.40
#: The running footer (its top above the paper's bottom edge) may take at most this share of a page.
MAX_FOOTER_SHARE = 0.12
#: Two characters overprint when their boxes share this much of the smaller one's area.
OVERPRINT_SHARE = 0.30
MARKERS = ("{{", "}}", "{%", "%}")


def pdf_findings(pdf: bytes, name: str, large_print: bool) -> list[Finding]:
    """Every rule on every page of one PDF."""
    printed = read_printed(pdf)
    out = markers_in_title(printed, name)
    for page in printed.pages:
        last = page.number == len(printed.pages)
        out += overprint(page, name) + off_page(page, name) + clipped(page, name)
        out += type_size(page, name, LARGE_PRINT_MIN_PT if large_print else SMALL_PRINT_MIN_PT)
        out += markers(page, name) + footer_height(page, name) + figures_without_alt(page, name)
        out += second_script_without_lang(page, name, printed.lang) + reading_order(page, name, printed.lang)
        if not last:
            out += page_fill(page, name) + heading_at_foot(page, name)
    return out


def _where(page: PrintedPage, box: Box) -> str:
    """`page N at X,Y mm`, measured from the paper's top left corner as a reader holds it."""
    return f"page {page.number} at {box[0] * 25.4 / 72:.0f},{(page.height - box[3]) * 25.4 / 72:.0f} mm"


def _text_at(glyphs: list[Glyph], around: Box) -> str:
    line = sorted((g for g in glyphs if abs(g.box[1] - around[1]) < 3), key=lambda g: g.box[0])
    return "".join(g.char for g in line if abs(g.box[0] - around[0]) < 80)[:40]


# ---- the printed text ---------------------------------------------------------------------------

def overprint(page: PrintedPage, name: str) -> list[Finding]:
    """Characters of different words printed over each other: text run into the next cell or block.
    (Letters of one word may touch: an italic f over its neighbour, Arabic joined letters.) Text set
    at an angle is left out: it is a stamp meant to lie across the page (DRAFT), not a cell's text.

    Words whose boxes meet are found on a grid first; only their letters are compared."""
    cells: dict[tuple[int, int], list[tuple[Box, list[Glyph]]]] = defaultdict(list)
    found: dict[tuple[int, int], Finding] = {}
    for word in _words(tuple(glyph for glyph in page.glyphs if glyph.upright)):
        box = _union(word)
        near = _cells(box)
        others = {id(other): other for cell in near for other_box, other in cells[cell]
                  if _shared(box, other_box) > 0}
        for other in others.values():
            for glyph, hit in _letters_over(word, other):
                spot = (round(hit.box[0] / 20), round(hit.box[1] / 10))
                found.setdefault(spot, Finding(
                    name, _where(page, hit.box), "overprint",
                    f"“{hit.char}” and “{glyph.char}” print over each other near "
                    f"“{_text_at(list(page.glyphs), hit.box)}”", hint=hint_of("overprint")))
        for cell in near:
            cells[cell].append((box, word))
    return list(found.values())


def _words(glyphs: tuple[Glyph, ...]) -> list[list[Glyph]]:
    """The page's words, each the letters of one word on one line (a combining accent left out)."""
    words: list[list[Glyph]] = []
    for glyph in glyphs:
        left, bottom, right, top = glyph.box
        if right <= left or top <= bottom or unicodedata.category(glyph.char).startswith("M"):
            continue  # no area; a combining accent sits on its letter by design
        last = words[-1][-1] if words else None
        if last is not None and last.word == glyph.word and abs(last.box[1] - glyph.box[1]) < glyph.size / 2:
            words[-1].append(glyph)
        else:
            words.append([glyph])
    return words


def _union(word: list[Glyph]) -> Box:
    lefts, bottoms, rights, tops = zip(*(g.box for g in word))
    return min(lefts), min(bottoms), max(rights), max(tops)


def _letters_over(word: list[Glyph], other: list[Glyph]):
    """Pairs of letters, one of each word, sharing more than OVERPRINT_SHARE of the smaller's area."""
    for glyph in word:
        for hit in other:
            if _shared(glyph.box, hit.box) > OVERPRINT_SHARE * min(_area(glyph.box), _area(hit.box)):
                yield glyph, hit


def _cells(box: Box) -> set[tuple[int, int]]:
    return {(x, y) for x in range(int(box[0] // 12), int(box[2] // 12) + 1)
            for y in range(int(box[1] // 12), int(box[3] // 12) + 1)}


def _area(box: Box) -> float:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def _shared(a: Box, b: Box) -> float:
    return max(min(a[2], b[2]) - max(a[0], b[0]), 0) * max(min(a[3], b[3]) - max(a[1], b[1]), 0)


def off_page(page: PrintedPage, name: str) -> list[Finding]:
    """Text printed past the paper's edge, or so close that a printer cuts it (3 mm)."""
    edge = 3 * 72 / 25.4
    lost = [g for g in page.glyphs if g.box[0] < edge or g.box[1] < edge
            or g.box[2] > page.width - edge or g.box[3] > page.height - edge]
    if not lost:
        return []
    return [Finding(name, _where(page, lost[0].box), "off-page",
                    f"{len(lost)} characters print off the paper or within 3 mm of its edge, from “{lost[0].char}”",
                    hint=hint_of("off-page"))]


def clipped(page: PrintedPage, name: str) -> list[Finding]:
    """Text cut off by the box it is drawn in (a cell or block with hidden overflow): the first
    such character on the page, and how many there are."""
    cut = [glyph for glyph in page.glyphs if glyph.clipped and glyph.upright]
    if not cut:
        return []
    return [Finding(name, _where(page, cut[0].box), "clipped",
                    f"text is cut off by its box near “{_text_at(list(page.glyphs), cut[0].box)}”",
                    f"{len(cut)} characters", hint=hint_of("clipped"))]


def type_size(page: PrintedPage, name: str, minimum: float) -> list[Finding]:
    """The smallest text on the page, a figure's included, against the variant's minimum."""
    small = [g for g in page.glyphs if g.size < minimum - 0.05]
    if not small:
        return []
    smallest = min(small, key=lambda g: g.size)
    inside = " inside a figure" if "Figure" in smallest.kinds else ""
    return [Finding(name, _where(page, smallest.box), "type-size",
                    f"{len(small)} characters print below {minimum:g} pt{inside}, near "
                    f"“{_text_at(list(page.glyphs), smallest.box)}”", f"{smallest.size:g} pt", f"≥ {minimum:g} pt")]


def markers(page: PrintedPage, name: str) -> list[Finding]:
    """Template or variable markers printed as they are: a `{{ clinic.phone }}` not filled in."""
    text = "".join(g.char for g in page.glyphs)
    out = []
    for marker in MARKERS:
        at = text.find(marker)
        if at >= 0:
            out.append(Finding(name, _where(page, page.glyphs[at].box), "template-marker",
                               f"“{text[max(at - 10, 0):at + 30]}” prints a template marker as text",
                               hint=hint_of("template-marker")))
    return out


def markers_in_title(printed: PrintedPdf, name: str) -> list[Finding]:
    """The PDF's title, read aloud first and shown in the window's title bar, without markers."""
    if any(marker in printed.title for marker in MARKERS):
        return [Finding(name, "document title", "template-marker", f"the title “{printed.title}” holds a marker",
                        hint=hint_of("template-marker"))]
    return []


# ---- the page as a whole ------------------------------------------------------------------------

def _footer_top(page: PrintedPage) -> float:
    """How high the running footer reaches: its highest character in the page's lower half."""
    return max((g.box[3] for g in page.glyphs if not g.kinds and g.box[3] < page.height / 2), default=0.0)


def _frame_top(page: PrintedPage) -> float:
    """Where the text frame starts: below the running header's lowest character."""
    return min((g.box[1] for g in page.glyphs if not g.kinds and g.box[3] >= page.height / 2), default=page.height)


def footer_height(page: PrintedPage, name: str) -> list[Finding]:
    """The footer's share of the page, from the paper's bottom edge to its top line."""
    share = _footer_top(page) / page.height
    if share <= MAX_FOOTER_SHARE:
        return []
    return [Finding(name, _where(page, (0, 0, page.width, _footer_top(page))), "footer-height",
                    "the running footer takes too much of the page", f"{share:.0%}", f"≤ {MAX_FOOTER_SHARE:.0%}")]


def _content_bottom(page: PrintedPage) -> float:
    """Where a page's content ends: its lowest upright text or picture in the text frame. Text set
    at an angle is not content: the DRAFT stamp lies across the middle of every page, full or not."""
    top = _frame_top(page)
    content = [g.box[1] for g in page.glyphs if g.kinds and g.upright] + [box[1] for box in page.pictures if box[3] < top]
    return min(content, default=top)


def filled_share(page: PrintedPage) -> float:
    """How far down its text frame a page's content reaches, from 0 (empty) to 1 (to the footer)."""
    top, bottom = _frame_top(page), _footer_top(page)
    return (top - _content_bottom(page)) / (top - bottom) if top > bottom else 1.0


def page_fill(page: PrintedPage, name: str) -> list[Finding]:
    """A page filled less than MIN_PAGE_FILL of its text frame (not for the last page)."""
    fill = filled_share(page)
    if fill >= MIN_PAGE_FILL:
        return []
    return [Finding(name, _where(page, (0, 0, page.width, _content_bottom(page))), "page-fill",
                    "the page is mostly empty and is not the last", f"{fill:.0%} filled", f"≥ {MIN_PAGE_FILL:.0%}")]


def heading_at_foot(page: PrintedPage, name: str) -> list[Finding]:
    """A heading as the page's last line, its text on the next page."""
    body = [g for g in page.glyphs if g.kinds]
    if not body:
        return []
    lowest = min(g.box[1] for g in body)
    last_line = [g for g in body if g.box[1] - lowest < 2]
    heading = next((g for g in last_line if any(k in ("H1", "H2", "H3", "H4", "H5", "H6") for k in g.kinds)), None)
    if heading is None:
        return []
    return [Finding(name, _where(page, heading.box), "heading-at-foot",
                    f"the heading “{_text_at(body, heading.box)}” is the page's last line", hint=hint_of("heading-at-foot"))]


# ---- what a screen reader meets -----------------------------------------------------------------

def figures_without_alt(page: PrintedPage, name: str) -> list[Finding]:
    """Every Figure element carries /Alt (PDF/UA, Matterhorn 13-004)."""
    missing = sum(not figure.alt.strip() for figure in page.figures)
    if not missing:
        return []
    return [Finding(name, f"page {page.number}", "figure-alt", f"{missing} figure(s) without alternative text",
                    hint=hint_of("figure-alt"))]


#: The script of a language's own text; others are Latin.
SCRIPT_OF_LANGUAGE = {"ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC", "ps": "ARABIC", "he": "HEBREW", "yi": "HEBREW",
                      "zh": "CJK", "ja": "CJK", "ko": "HANGUL", "ru": "CYRILLIC", "uk": "CYRILLIC", "hi": "DEVANAGARI", "th": "THAI"}


def script_of(char: str) -> str:
    """The script a letter is written in, or "" for digits, punctuation and symbols."""
    if not char.isalpha():
        return ""
    word = unicodedata.name(char, "").split(" ")[0]
    return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA") else word


def _language_script(lang: str) -> str:
    return SCRIPT_OF_LANGUAGE.get(lang.split("-")[0].lower(), "LATIN") if lang else ""


def second_script_without_lang(page: PrintedPage, name: str, document_lang: str) -> list[Finding]:
    """Text in a script other than its language's is tagged with the language it is in. (Latin
    letters are left alone: an acronym or a phone number inside Chinese is read as it is.)"""
    for glyph in page.glyphs:
        script = script_of(glyph.char)
        if glyph.kinds and script not in ("", "LATIN") and script != _language_script(glyph.lang or document_lang):
            return [Finding(name, _where(page, glyph.box), "text-lang",
                            f"“{_text_at(list(page.glyphs), glyph.box)}” is {script.title()} text without its /Lang",
                            hint=hint_of("text-lang"))]
    return []


#: How many blocks before each one, in reading order, it is compared with.
READING_WINDOW = 12


def reading_order(page: PrintedPage, name: str, document_lang: str) -> list[Finding]:
    """A block a screen reader reads after another but printed above it in the same column, or
    before it on the same row (to the left of it on a left-to-right page): what a reader hears is
    not what a reader sees, as when a grid or a float puts items out of their source order.

    Blocks are the structure tree's outermost paragraphs, headings, list items, cells and
    figures; the tree is in source order. Each is compared with the few blocks read just before
    it, which is where a reordering shows; text outside the tree (running header and footer)
    and text set at an angle (the DRAFT stamp) are left out."""
    blocks: dict[int, list[Glyph]] = defaultdict(list)
    for glyph in page.glyphs:
        if glyph.block >= 0 and glyph.upright and _area(glyph.box) > 0:
            blocks[glyph.block].append(glyph)
    boxes = {block: _union(glyphs) for block, glyphs in blocks.items()}
    rtl = _language_script(document_lang) in ("ARABIC", "HEBREW")
    order = sorted(boxes)
    for at, later in enumerate(order):
        for earlier in order[max(0, at - READING_WINDOW):at]:
            if _out_of_order(boxes[earlier], boxes[later], rtl):
                return [Finding(name, _where(page, boxes[later]), "reading-order",
                                f"“{_text_of(page, later)}” is read after “{_text_of(page, earlier)}” but printed "
                                "before it", hint=hint_of("reading-order"))]
    return []


def _out_of_order(earlier: Box, later: Box, rtl: bool) -> bool:
    """`later` (read second) printed wholly above `earlier` in the same column, or wholly on the
    reading side of it on the same row (boxes from the page's bottom left: higher is above)."""
    same_column = _overlap(earlier[0], earlier[2], later[0], later[2]) > 0.5
    same_row = _overlap(earlier[1], earlier[3], later[1], later[3]) > 0.5
    if same_column:
        return later[1] >= earlier[3]
    if same_row:
        return later[0] >= earlier[2] if rtl else later[2] <= earlier[0]
    return False


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How much two spans share, as a share of the shorter one."""
    return max(min(a1, b1) - max(a0, b0), 0) / max(min(a1 - a0, b1 - b0), 1e-6)


def _text_of(page: PrintedPage, block: int) -> str:
    """The first words of a block, as printed."""
    glyphs = [g for g in page.glyphs if g.block == block]
    return "".join((" " if at and g.word != glyphs[at - 1].word else "") + g.char for at, g in enumerate(glyphs))[:30]


HINTS = {
    "overprint": "widen the column, shorten the words, or make the table a list",
    "off-page": "keep text inside the page's margins",
    "template-marker": "use a `{{ clinic.* }}` name the brand defines, in text kapdocs fills in",
    "heading-at-foot": "keep a heading with the text after it (page-break-after: avoid)",
    "figure-alt": "give every picture and QR code alternative text",
    "text-lang": "tag the element with its language (lang attribute)",
    "clipped": "let the box grow with its text (no fixed height or overflow: hidden), or shorten the text",
    "reading-order": "keep the source order in print: no grid, float or order that moves a block",
}


def hint_of(rule: str) -> str:
    """What to do about a finding of `rule`."""
    return "fix: " + HINTS[rule]
