"""Cut the small fonts kapdocs ships for its own language-assistance sentences (kapdocs/shipped_fonts).

    .venv/bin/python scripts/notice_fonts.py

Run it after changing the notice sentence in one of kapdocs' catalogs (kapdocs/i18n/locales), on a
machine with fonts-noto-cjk and fonts-noto-core; the tests fail until the fonts cover the
sentences again. Languages whose script fonts are large (Chinese, Japanese, Korean, Arabic) get a
regular and a bold font holding exactly the characters of their line.
"""

from __future__ import annotations

from kapdocs.support.fonts import cut_font, script_fonts
from kapdocs.i18n.strings import PACKAGE_CATALOGS
from kapdocs.brand.notice import SHIPPED_FONTS, notice_lines

#: Script fonts too large to subset afresh for every handout.
LARGE_FONTS = ("Noto Sans CJK", "Noto Sans Arabic")


def main() -> None:
    languages = ["en", *sorted(path.stem for path in PACKAGE_CATALOGS.glob("*.po"))]
    for old in SHIPPED_FONTS.glob("*-[0-9]*.[ot]tf"):  # a language's cuts (`zh-Hans-400.otf`), not the form font
        old.unlink()
    for line in notice_lines(tuple(languages), {}, ""):
        families = [f for f in script_fonts(line.lang) if f.startswith(LARGE_FONTS)]
        if not families:
            continue
        for weight in (400, 700):
            suffix = ".otf" if "CJK" in families[0] else ".ttf"
            target = SHIPPED_FONTS / f"{line.lang}-{weight}{suffix}"
            cut_font(families[0], weight == 700, line.label + line.text, target)
            print(f"{target.relative_to(SHIPPED_FONTS.parent.parent)}: {families[0]}, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
