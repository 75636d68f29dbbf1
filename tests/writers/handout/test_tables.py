"""Tables on paper: a five-column table of long medical words wraps inside its cells in English,
Spanish and Vietnamese, in both sizes (read back by the audit), and a table too wide for the page
is an error that suggests a list."""

from __future__ import annotations

import pytest

from kapdocs.audit.pdf import read_printed
from kapdocs.audit.printed import off_page, overprint
from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Job, render

from conftest import write


@pytest.mark.parametrize("large_print", [False, True], ids=["regular", "large-print"])
@pytest.mark.parametrize("lang", ["en", "es", "vi"])
def test_long_words_wrap_inside_their_cells(make_project, lang, large_print):
    project = make_project("tables")
    pdf = render(project, Job(project.root / f"handouts/tables-{lang}.md", large_print=large_print)).data
    pages = read_printed(pdf).pages
    assert [str(f) for page in pages for f in overprint(page, "t.pdf") + off_page(page, "t.pdf")] == []
    table_text = "".join(g.char for page in pages for g in page.glyphs if "TD" in g.kinds)
    assert len(table_text) > 150  # every cell printed
    if lang != "vi":  # hyphenated by the handout's language (Vietnamese words are short; the English terms break)
        assert "\u2010" in table_text


@pytest.mark.parametrize("columns, large_print", [(8, True), (13, False)])
def test_a_table_too_wide_for_the_page_is_an_error_suggesting_a_list(make_project, columns, large_print):
    project = make_project("tables")
    text = (project.root / "handouts/tables-en.md").read_text().split("## What we watch")[0]
    row = "| " + " | ".join(f"Column {n}" for n in range(columns)) + " |\n"
    source = write(project, "handouts/wide.md", text.replace("id: tables-en", "id: wide")
                   + "## Wide\n\n" + row + "|" + "---|" * columns + "\n" + row)
    with pytest.raises(KapdocsError, match=r"handouts/wide.md:\d+: a table of \d+ columns does not fit .*make it a list"):
        render(project, Job(source, large_print=large_print))


HYPHEN = "\u2010"  # as WeasyPrint prints a hyphenation point


@pytest.mark.parametrize("source, lang, large_print", [
    ("handouts/how-ketamine-works.md", "en", True),   # "Standard antide-pressants (SSRIs)", "In planned ses-sions"
    ("handouts/your-kap-session.md", "en", True),     # "What you may no-tice", "re-lated", "stud-ies"
    ("handouts/your-kap-session.md", "es", False),    # two columns: "importan-tes", "dor-mir", "integra-ción"
])
def test_a_word_that_fits_on_the_next_line_is_not_broken(repo, source, lang, large_print):
    """Hyphenation is for a word too long for its cell or column, not for filling a line."""
    from pdfs import page_texts

    pdf = render(repo, Job(repo.root / source, "default", "pdf", lang, large_print=large_print)).data
    broken = [word for page in page_texts(pdf) for word in page.split() if word.endswith(HYPHEN)]
    assert broken == []
