"""Document + Brand → the web handout: one HTML file with its CSS and pictures inlined.

The body is the PDF handout's own (kapdocs.writers.handout.html.handout_body), so the content is
the same; the page around it is web.html.j2 with web.css, made for a screen, not for paper.
Pictures named `project:PATH` and `brand:NAME` become `data:` URLs, so the file stands alone.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from kapdocs.brand.notice import NoticeLine
from kapdocs.brand.schema import Brand
from kapdocs.errors import KapdocsError
from kapdocs.i18n.labels import draft_stamp, labels
from kapdocs.i18n.language import format_date, isolated, text_direction
from kapdocs.model import Document
from kapdocs.writers.handout import BRAND_SCHEME, PROJECT_SCHEME
from kapdocs.writers.handout.html import handout_body, render_page

#: The folder of this writer's template and stylesheet (shipped inside the package).
HERE = Path(__file__).resolve().parent
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
               ".gif": "image/gif", ".webp": "image/webp"}
#: A table's empty corner cell: a header with no text, which a screen reader announces as nothing.
EMPTY_HEADER = re.compile(r"<th( class=\"[^\"]*\")?></th>")
#: A yes/no button, named on paper by its tooltip; on the web its visible “Yes” is its label.
PAPER_CHOICE = re.compile(r'<span class="choice">(<input type="radio"[^>]*>)<span>(.*?)</span></span>')
#: `src="project:…"` and `src="brand:…"` in the rendered page.
PICTURE = re.compile(f'src="({PROJECT_SCHEME}|{BRAND_SCHEME})([^"]+)"')


def write_web_handout(document: Document, brand: Brand, project_root: Path,
                      notice: tuple[NoticeLine, ...] = ()) -> bytes:
    """The web handout's bytes (UTF-8 HTML), with nothing outside the file."""
    meta = document.meta
    direction = text_direction(meta.lang)
    body, footnotes = handout_body(document, brand)
    text = labels(meta.lang)
    page = render_page(
        HERE, "web.html.j2", meta=meta, brand=brand, labels=text, draft=draft_stamp(meta, text), direction=direction,
        bidi=isolated if direction == "rtl" else str, body=body, footnotes=footnotes, notice=notice,
        reviewed=format_date(meta.reviewed, meta.lang), next_review=format_date(meta.next_review, meta.lang),
        style=(HERE / "web.css").read_text(encoding="utf-8"), colours=brand_colours(brand))
    return inline_pictures(for_screen(page), project_root, brand.folder).encode("utf-8")


def for_screen(page: str) -> str:
    """The PDF's markup made right for a screen reader in a browser: empty corner cells are plain
    cells, and each yes/no button is labelled by the word beside it."""
    page = EMPTY_HEADER.sub(r"<td\1></td>", page)
    return PAPER_CHOICE.sub(r'<label class="choice">\1<span>\2</span></label>', page)


def brand_colours(brand: Brand) -> str:
    """The brand's colours and fonts as CSS variables for web.css."""
    c, f = brand.colours, brand.fonts
    values = {"primary": c.primary, "accent": c.accent, "text": c.text, "background": c.background,
              "tint": c.tint, "crisis": c.crisis, **{f"callout-{k}": brand.callout_colour(k)
                                                     for k in ("info", "tip", "warning", "danger")}}
    fonts = f'--font-heading: "{_family(f.heading)}", serif; --font-body: "{_family(f.body)}", sans-serif;'
    return ":root { " + " ".join(f"--{k}: {v};" for k, v in values.items()) + f" {fonts} }}"


def _family(name: str) -> str:
    """A font family name safe inside a CSS string."""
    return re.sub(r'[^\w .&-]', "", name)


def inline_pictures(page: str, project_root: Path, brand_folder: Path) -> str:
    """`page` with each `project:`/`brand:` picture replaced by a `data:` URL of its bytes."""
    def data_url(match: re.Match) -> str:
        base = project_root if match.group(1) == PROJECT_SCHEME else brand_folder
        path = (base / match.group(2)).resolve()
        if not path.is_relative_to(base.resolve()) or not path.is_file():
            raise KapdocsError(f"picture `{match.group(2)}` is not in the {'project' if base == project_root else 'brand'}",
                               hint="keep pictures inside the project or the brand folder")
        media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return f'src="data:{media};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}"'

    return PICTURE.sub(data_url, page)
