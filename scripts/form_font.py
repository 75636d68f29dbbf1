"""Cut the font fillable form fields are set in (kapdocs/shipped_fonts/form-sans.ttf).

    .venv/bin/python scripts/form_font.py

WeasyPrint embeds a field's font whole, so that a reader can type any letter it has: the whole
Noto Sans (512 KB, 3,317 glyphs) made up two thirds of the intake form's PDF, and reading and
compressing it was a tenth of its render. This cuts Noto Sans to what a patient types
(kapdocs.support.fonts.FORM_CHARACTERS), without the layout tables and hinting a viewer does not use for
typed text. Run it on a machine with fonts-noto-core after changing FORM_CHARACTERS; a test fails
until the font covers them again.
"""

from __future__ import annotations

from kapdocs.support.fonts import cut_font, form_characters
from kapdocs.writers.handout.writer import FORM_FAMILY, FORM_FONT


def main() -> None:
    cut_font("Noto Sans", False, "", FORM_FONT, unicodes=form_characters(), shaping=False, renamed=FORM_FAMILY)
    print(f"{FORM_FONT.relative_to(FORM_FONT.parents[2])}: Noto Sans, {FORM_FONT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
