"""The language-assistance notice (Section 1557) and text that must keep its direction in Arabic."""

from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium
import pytest

from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.errors import KapdocsError
from kapdocs.i18n.language import isolated
from kapdocs.brand.notice import MAX_LANGUAGES, notice_lines
from kapdocs.writers.handout.html import PageOptions, render_handout_html

from pdfs import embedded_fonts, font_sizes, line_as_printed, line_extents, page_pixels, page_texts
from brands import DEFAULT, make_brand

NOTICE = "\nlanguage_assistance:\n  languages: [es, vi, zh-Hans, ru, ko, ar, tl]\n"
#: A few words of each shipped sentence, as they must come out of the PDF.
SHIPPED = {
    "Español:": "Si necesita ayuda en su idioma",
    "Tiếng Việt:": "thông dịch viên",
    "简体中文：": "我们可免费提供口译员",
    "Русский:": "бесплатно получить услуги переводчика",
    "한국어:": "무료로 이용하실 수 있습니다",
    "العربية:": "مترجمون فوريون",
    "Tagalog:": "libreng interpreter",
    "Kreyòl ayisyen:": "entèprèt ak dokiman tradui gratis",
    "Français:": "des interprètes et des documents traduits",
    "Polski:": "bezpłatnie skorzystać z pomocy tłumacza",
    "Português:": "intérpretes e materiais traduzidos",
    "Italiano:": "gratuitamente un interprete",
    "Deutsch:": "Dolmetscher und übersetzte Unterlagen kostenlos",
    "日本語：": "通訳と翻訳された資料を無料で",
    "فارسی:": "مترجم شفاهی",
    "English:": "Free aids and services for people with disabilities",
}
#: The 15 languages of the default brand's notice, after its English line.
FIFTEEN = ["es", "zh-Hans", "vi", "ko", "tl", "ru", "ar", "ht", "fr", "pl", "pt", "it", "de", "ja", "fa"]


def without_notice() -> str:
    text = DEFAULT.split("\n# The notice of free language assistance")[0]
    assert "language_assistance" not in text
    return text + "\n"


def clinic(project, notice: str, **files) -> None:
    folder = make_brand(project, without_notice() + notice)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text().replace('brands = ["default"]', 'brands = ["clinic"]'))


def notice_text(project, **job) -> str:
    """The handout's text from the notice's title on (the notice may run over two pages)."""
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "clinic", "pdf", **job))
    text = " ".join(page_texts(pdf))
    return text[text.find("Free language assistance"):] if "Free language assistance" in text else ""


def test_the_default_brand_ends_every_handout_with_the_notice_in_fifteen_languages_and_english(project):
    pdf, pages, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    notice = " ".join(page_texts(pdf)).split("Free language assistance")[1]
    unbroken = "".join(notice.split())  # Chinese and Korean lines break without spaces
    for label, words in SHIPPED.items():
        assert label in notice and "".join(words.split()) in unbroken, label
    assert notice.count("555-0142") >= 16  # the clinic's phone in every line
    assert "TTY: 711." in notice  # the brand's TTY number, after the free aids for people with disabilities


def test_korean_breaks_between_words_not_syllables(project):
    """WeasyPrint has no `word-break: keep-all`: it ended a line inside “555-0142번으로”."""
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    document = pdfium.PdfDocument(pdf)
    lines = [line for i in range(len(document)) for line in document[i].get_textpage().get_text_range().splitlines()]
    document.close()
    korean = next(line for line in notice_lines(("ko",), {}, "(503) 555-0142") if line.lang == "ko")
    start = next(i for i, line in enumerate(lines) if line.startswith("한국어:"))
    printed = lines[start:start + 4]
    words = [w for w in re.split(r"\s+", korean.label + korean.text.replace("\u2068", "").replace("\u2069", "")) if w]
    for word in words:
        assert any(word in line.replace("\u2068", "").replace("\u2069", "") for line in printed), (word, printed)


def test_korean_words_are_escaped_and_other_text_left_alone():
    from kapdocs.writers.handout.html import korean_words

    assert korean_words("Call <b> 전화&하십시오.") == 'Call &lt;b&gt; <span class="word">전화&amp;하십시오.</span>'
    assert korean_words("请致电 (503)") == "请致电 (503)"  # Chinese breaks between characters, as it should


def test_each_line_is_marked_with_its_language_and_direction(project):
    brand = load_brand("default", project.root)
    lines = notice_lines(brand.language_assistance.languages, {}, brand.contact.phone)
    html = render_handout_html(_document(project), brand, PageOptions(notice=lines))
    marked = re.findall(r'<p lang="([\w-]+)" dir="(ltr|rtl)"><strong>', html)
    assert marked == [(lang, "rtl" if lang in ("ar", "fa") else "ltr") for lang in ["en", *FIFTEEN]]
    # The number is one unit: isolated from the Arabic around it, never split over two lines.
    assert isolated("(503)\u00a0555-0142") in html


def test_no_notice_unless_brand_or_project_lists_languages(project):
    clinic(project, "")
    assert notice_text(project) == ""


def test_a_project_setting_gives_every_brand_the_notice(project):
    clinic(project, "")
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'language_assistance = ["ko", "es"]\n')
    last = notice_text(project)
    assert "한국어:" in last and "Español:" in last and "Русский" not in last
    assert last.index("한국어") < last.index("Español")  # the clinic's order


def test_a_brand_adds_a_language_kapdocs_does_not_ship_with_its_own_phone(project):
    clinic(project, NOTICE.replace("tl]", "tl, so]") + '  phone: "(503) 555-0199"\n  texts:\n'
           '    so: "Haddii aad u baahan tahay caawimo luqaddaada, turjubaan bilaash ah ayaa la heli karaa. Wac {phone}."\n')
    last = notice_text(project)
    assert "Soomaali: Haddii aad u baahan tahay caawimo" in last
    assert "Wac (503) 555-0199" in last and "555-0142" not in last.split("Next review")[-1]


def test_the_english_line_gives_the_free_aids_and_the_brands_tty_number(project):
    clinic(project, NOTICE + '  tty: "(503) 555-0100"\n')
    last = notice_text(project)
    assert last.index("English:") < last.index("Español:")  # English first
    assert "Free aids and services for people with disabilities" in last and "TTY: (503) 555-0100." in last


@pytest.mark.parametrize("notice, message", [
    (NOTICE.replace("tl]", "tl, so]"), r"brand.yaml:\d+: kapdocs has no language-assistance notice in `so`. "
                                       r"add it under `language_assistance: texts: so: …`"),
    (NOTICE.replace("tl]", "tl, xx-Nope]"), r"brand.yaml:\d+: unknown language `xx-Nope`"),
    (NOTICE + "  texts:\n    pl: Tekst {phone}\n", r"brand.yaml:\d+: language_assistance has a text for `pl`, "
                                                   r"which is not in its languages"),
    ("\nlanguage_assistance:\n  languages: [" + ", ".join(["es"] * (MAX_LANGUAGES + 1)) + "]\n",
     rf"lists {MAX_LANGUAGES + 1} languages; the notice holds at most {MAX_LANGUAGES}"),
    ("\nlanguage_assistance:\n  languages: []\n", r"`language_assistance.languages`: Tuple should have at least 1"),
])
def test_bad_notice_settings_name_the_brand_file_and_the_fix(project, notice, message):
    clinic(project, notice)
    with pytest.raises(KapdocsError, match=message):
        load_brand("clinic", project.root)


def test_a_project_setting_in_a_language_without_text_is_an_error(project):
    clinic(project, "")
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'language_assistance = ["es", "so"]\n')
    with pytest.raises(KapdocsError, match=r"kapdocs.toml: kapdocs has no language-assistance notice in `so`"):
        notice_text(project)


def test_a_character_no_font_has_is_refused_before_printing(project):
    clinic(project, "\nlanguage_assistance:\n  languages: [es]\n  texts:\n    es: \"Llame al {phone} \ue000\"\n")
    with pytest.raises(KapdocsError, match=r"character “\ue000” \(U\+E000\) of the es language-assistance notice "
                                           r"\(templates/clinic/brand.yaml\) is not in any font"):
        notice_text(project)


@pytest.mark.slow
def test_large_print_prints_the_notice_at_18_pt(project):
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf", large_print=True))
    notice = [size for page, char, size, font in font_sizes(pdf) if page == len(page_texts(pdf)) - 1]
    assert notice and min(notice) >= 18.0
    assert all(label in " ".join(page_texts(pdf)) for label in ("English:", "Tiếng Việt:", "فارسی:"))


@pytest.fixture(scope="module")
def arabic_handout() -> bytes:
    """The sample how-ketamine-works handout in Arabic."""
    from kapdocs.support.project import Project

    from conftest import REPO

    pdf, *_ = render(Project(REPO), Job(REPO / "handouts/how-ketamine-works.md", "default", "pdf", "ar"))
    return pdf


def test_english_references_read_left_to_right_in_an_arabic_handout(arabic_handout):
    pdf = arabic_handout
    text = " ".join(page_texts(pdf))
    assert "Rush AJ, et al. Acute and longer-term outcomes" in text
    # The digits left to right as printed: without isolation the number prints as “0142-555 (503)”.
    digits = "".join(c for c in line_as_printed(pdf, page=0, containing="5") if c.isdigit())
    assert "5035550142" in digits


def test_an_arabic_handout_runs_its_title_at_the_top_right(arabic_handout):
    """The running title starts the line, as the text does: at the right in Arabic, the clinic's
    name at the left."""
    document = pdfium.PdfDocument(arabic_handout)
    try:
        page = document[1]
        text, top = page.get_textpage(), page.get_height()
        band = [text.get_rect(i) for i in range(text.count_rects()) if text.get_rect(i)[1] > top - 20 / 25.4 * 72]
        runs = sorted((rect[0], text.get_text_bounded(*rect).strip()) for rect in band)
    finally:
        document.close()
    assert [words for _, words in runs] == ["Lakeview Mind & Body Clinic", "الكيتامين يعمل كيف"]


def test_an_arabic_handouts_notice_starts_its_two_columns_at_the_right(arabic_handout, repo):
    """In a right-to-left handout the first line is in the right-hand column: each row of two
    lines is a flex line, which follows the page's direction."""
    english, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf"))
    for pdf, first_on_the_right in ((arabic_handout, True), (english, False)):
        first = next(n for n, text in enumerate(page_texts(pdf)) if "Español:" in text)
        spanish, vietnamese = (left_edge(pdf, first, label) for label in ("English:", "Español:"))
        assert (spanish > vietnamese) is first_on_the_right and abs(spanish - vietnamese) > 200


def left_edge(pdf: bytes, page: int, word: str) -> float:
    """Where `word` starts on the page, in points from the left edge."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[page].get_textpage()
        return text.get_charbox(text.get_text_range().index(word))[0]
    finally:
        document.close()


def _document(project):
    from kapdocs.readers import read_source

    return read_source(project.root / "handouts/sample.md", "handouts/sample.md")


def test_handouts_for_clinicians_have_no_notice(project):
    source = project.root / "handouts/sample.md"
    source.write_text(source.read_text().replace("audience: patients", "audience: clinicians"))
    assert "audience: clinicians" in source.read_text()
    pdf, *_ = render(project, Job(source, "default", "pdf"))
    assert "Free language assistance" not in " ".join(page_texts(pdf))


SHIPPED_LANGUAGES = ["en", *FIFTEEN]


@pytest.mark.parametrize("lang", SHIPPED_LANGUAGES)
def test_every_shipped_notice_is_covered_by_the_fonts_setup_installs(lang):
    """The build trusts kapdocs' own sentences once their script fonts are installed: this is why."""
    from kapdocs.support.fonts import script_fonts, uncovered
    from kapdocs.brand.notice import language_name, notice_text

    text = language_name(lang) + (notice_text(lang, {}) or "")
    assert "{phone}" in text
    assert uncovered(text, ("Noto Sans",) + script_fonts(lang)) is None


@pytest.mark.parametrize("lang", SHIPPED_LANGUAGES)
def test_the_fonts_kapdocs_ships_cover_its_own_sentences(lang):
    """Chinese, Korean and Arabic come with a regular and a bold font cut to their line; a changed
    sentence fails here until scripts/notice_fonts.py has cut them again."""
    from kapdocs.support.fonts import characters_in

    line = next(line for line in notice_lines((lang,), {}, "") if line.lang == lang)
    expected = {"zh-Hans": 2, "ko": 2, "ar": 2, "ja": 2, "fa": 2}.get(lang, 0)
    assert [weight for weight, _ in line.fonts] == [400, 700][:expected]
    script = {ord(c) for c in line.label + line.text if ord(c) > 0x2FF and unicodedata.category(c) != "Cf"}
    for weight, path in line.fonts:
        missing = sorted(script - characters_in(path))
        assert not missing, f"{path.name} lacks {''.join(map(chr, missing))}: run scripts/notice_fonts.py"


def test_kapdocs_own_sentences_embed_small_fonts_and_a_clinics_own_the_system_fonts(project):
    """The system's Noto Sans CJK embedded some 650 KB per font and weight for one line."""
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    fonts = embedded_fonts(pdf)
    assert {"Noto-Sans-CJK-SC-Notice-zh-Hans", "Noto-Sans-CJK-KR-Notice-ko-Bold", "Noto-Sans-Arabic-Notice-ar",
            "Noto-Sans-CJK-JP-Notice-ja", "Noto-Sans-Arabic-Notice-fa"} <= set(fonts)
    assert max(fonts.values()) < 100_000, fonts
    assert len(pdf) < 400_000

    clinic(project, NOTICE + "  texts:\n    zh-Hans: 如需中文服务，请拨打 {phone}。\n")
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "clinic", "pdf"))
    fonts = embedded_fonts(pdf)
    assert "Noto-Sans-CJK-KR-Notice-ko" in fonts and not any("SC-Notice" in name for name in fonts)
    assert "如需中文服务" in "".join(" ".join(page_texts(pdf)).split())


def test_the_shipped_fonts_print_the_notice_exactly_as_the_system_fonts_do(repo):
    """Same glyphs, same shaping (Arabic joins, Korean and Chinese forms): the same pixels."""
    from kapdocs.writers.handout.writer import readable_folders, renderer, stylesheets

    brand = load_brand("default", repo.root)
    lines = notice_lines(("zh-Hans", "ko", "ar", "ja", "fa"), {}, "(503) 555-0142")
    html = ('<html><body><div class="notice-lines">' + "".join(
        f'<p lang="{line.lang}" dir="{line.direction}"><strong>{line.label}</strong>{line.text}</p>'
        for line in lines) + "</div></body></html>")
    pictures = []
    for notice in ((), lines):
        result = renderer().render(html, stylesheets(brand, notice=notice), repo.root,
                                   readable_folders(repo.root, brand), brand.folder, repo.root / "notice.html")
        pictures.append(page_pixels(result.pdf))
    system, shipped = pictures
    assert len(system) > 100_000 and system.count(255) < len(system)  # a page, with ink on it
    assert shipped == system


def test_a_large_print_notice_repeats_its_title_on_the_page_it_runs_onto(project):
    """At 18 pt the sixteen lines fill more than a page: the reader of the second page still sees
    what the lines are."""
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf", large_print=True))
    pages = [text for text in page_texts(pdf) if any(label in text for label in SHIPPED)]
    assert len(pages) >= 2, "the notice should run over two pages here, or this test checks nothing"
    assert all("Free language assistance" in text for text in pages)


def test_an_arabic_large_print_handout_is_ragged_on_the_left(repo):
    """Large print is set ragged, never justified: in Arabic the lines end flush at the right margin."""
    pdf, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", "ar",
                               large_print=True))
    document = pdfium.PdfDocument(pdf)
    height = document[2].get_height()
    document.close()
    # Page 3's running text: below the running title (24 mm margin), down to 110 mm from the top
    # (page 2 holds the key numbers and a table; the figure comes further down page 3).
    mm = 72 / 25.4
    body = [line for line in line_extents(pdf, 2) if line[1] > height - 110 * mm and line[3] < height - 24 * mm]
    assert len(body) >= 5
    rights, lefts = [line[2] for line in body], [line[0] for line in body]
    assert max(rights) - min(rights) < 2
    assert max(lefts) - min(lefts) > 100


def test_the_shipped_languages_are_named_and_directed_as_babel_says():
    """kapdocs keeps the name and direction of each language it ships the sentence in, instead of
    reading Babel's locale data for them in every handout: they must be what Babel says, and
    every shipped catalog must have them."""
    from kapdocs.i18n.language import locale, text_direction
    from kapdocs.i18n.strings import PACKAGE_CATALOGS
    from kapdocs.brand.notice import NAMES, SHIPPED_LANGUAGES

    assert set(SHIPPED_LANGUAGES) - {"en"} == {path.stem for path in PACKAGE_CATALOGS.glob("*.po")}
    for lang, (name, direction) in SHIPPED_LANGUAGES.items():
        babels = NAMES.get(lang) or locale(lang).display_name
        assert name == babels[:1].upper() + babels[1:]
        assert direction == text_direction(lang)


#: A clinic's own Spanish wording of the notice, in its project catalog.
OWN_SPANISH = "¿Prefiere hablar en español? Intérpretes y documentos traducidos, sin costo: llame al {phone}."


def reword_in_project_catalog(project, lang: str, text: str) -> None:
    """Start the project's catalog in `lang` and give the notice sentence the clinic's own wording."""
    import polib

    from kapdocs.cli import app
    from kapdocs.i18n.labels import LABELS
    from typer.testing import CliRunner

    assert CliRunner().invoke(app, ["i18n", "init", lang, "--project", str(project.root)]).exit_code == 0
    catalog = polib.pofile(str(project.root / f"locales/{lang}.po"))
    catalog.find(LABELS["language_assistance"]).msgstr = text
    catalog.save()


def test_the_projects_catalog_rewords_the_notice_sentence_of_a_language(project):
    clinic(project, NOTICE)
    reword_in_project_catalog(project, "es", OWN_SPANISH)
    last = notice_text(project)
    assert "Español: ¿Prefiere hablar en español? Intérpretes y documentos traducidos, sin costo: llame al" in last
    assert SHIPPED["Español:"] not in last and SHIPPED["Русский:"] in last  # other languages keep kapdocs' own


def test_the_projects_catalog_gives_a_language_kapdocs_does_not_ship(project):
    clinic(project, NOTICE)
    reword_in_project_catalog(project, "so", "Haddii aad u baahan tahay turjubaan bilaash ah, wac {phone}.")
    clinic(project, NOTICE.replace("tl]", "tl, so]"))  # Somali: no text in kapdocs or the brand
    last = notice_text(project)
    assert "Soomaali: Haddii aad u baahan tahay turjubaan bilaash ah, wac (503)" in last
    (project.root / "locales/so.po").unlink()
    with pytest.raises(KapdocsError, match="kapdocs has no language-assistance notice in `so`.*or translate it in "
                                           "the project's locales/so.po"):
        notice_text(project)


def test_a_projects_notice_sentence_must_keep_the_number_and_be_in_a_font(project):
    clinic(project, NOTICE)
    reword_in_project_catalog(project, "es", "Intérpretes gratis. Llame a la clínica.")
    with pytest.raises(KapdocsError, match=r"locales/es.po: the es language-assistance sentence has no "
                                           r"\{phone\}"):
        notice_text(project)
    (project.root / "locales/es.po").unlink()
    reword_in_project_catalog(project, "es", OWN_SPANISH + " \ue000")
    with pytest.raises(KapdocsError, match=r"character “\ue000” \(U\+E000\) of the es language-assistance notice "
                                           r"\(locales/es.po\) is not in any font"):
        notice_text(project)
