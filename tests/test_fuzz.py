"""Random sources, front matter and catalogs (Hypothesis) through reading, the transforms and both
writers: each ends in an output or a KapdocsError, never another exception, a hang, or a file
written outside the output folder. Derandomized (a fixed seed) with a fixed budget, so CI runs
the same examples every time, in about 20 s."""

from __future__ import annotations

import pytest

import signal
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from kapdocs.batch.build import BuildOptions, build
from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Job
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.brand.schema import load_brand

#: Runs in its own CI step (`pytest -m slow`): see the README.
pytestmark = pytest.mark.slow

#: Pieces of the source format, right and wrong, that random text is mixed with.
SNIPPETS = [
    "## Heading", "# Part", "### Question?", "- item", "  - nested", "    - deeper", "      - deepest", "1. one",
    "| a | b |\n|---|---|\n| c | d |", "| a |\n|---|---|", "::: callout warning \"Do not drive\"", ":::",
    "::: stats", "- 41% | of sessions", "::: stats {chart=bar}", "- 3 | three", "::: steps", "::: faq",
    "::: columns", "::: column", "::: handout", "::: deck", "::: notes", "::: form", "- Name {text name=name}",
    "- [ ] Yes {checkbox name=ok}", "::: include sample.md#how-it-works :::", "::: include ../../x.md :::",
    "::: include fuzz.md :::", "::: sidebar", "![Four stages](images/stages.png)", "![](images/stages.png)",
    "![Gone](images/gone.png)", "![Far](/etc/passwd)", "{{ clinic.phone }}", "{{ clinic.nothing }}", "{% if x %}",
    "<script>x</script>", "Text with a note.[^1]", "[^1]: The note.", "[^2]", "Term\n: Its definition.",
    "---", "```\ncode\n```", "> A quote.", "[a link](javascript:alert(1))", "[a link](https://example.org)",
    "[a link](file:///etc/passwd)", "\t", "\ufeff", "\r", "", "", "",
]
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
PROSE = st.text(st.sampled_from("abcdefghij klmnop ÄéñßØ中文عربي.,;:!?'\"()-–*_#0123456789"), max_size=60)
BODY = st.lists(st.one_of(st.sampled_from(SNIPPETS), PROSE, PROSE, WORDS), max_size=30).map("\n".join)

FIELDS = {"id": "fuzz", "title": "Fuzz", "audience": "patients", "lang": "en", "version": '"1"',
          "reviewed": "2026-10-01", "reviewed_by": "R", "next_review": "2027-10-01"}
VALUE = st.one_of(WORDS, st.sampled_from(["", "[]", "{}", "null", "2026-13-45", "- a", "&a *a", "!!python/object:os.system x",
                                          "es", "clinicians", "9" * 40]))


@st.composite
def front_matter(draw) -> str:
    """The fields a source needs, some changed to random or wrong values, some missing, some extra."""
    fields = dict(FIELDS)
    if draw(st.booleans()):  # half of them right, so that the Markdown gets through to the writers
        return "---\n" + "".join(f"{name}: {value}\n" for name, value in fields.items()) + "---\n"
    for name in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=3)):
        fields[name] = draw(VALUE)
    for name in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=1)):
        fields.pop(name, None)
    if draw(st.booleans()) and draw(st.booleans()):
        fields[draw(st.sampled_from(["summary", "waive", "subtitle", "colour", "x"]))] = draw(VALUE)
    return "---\n" + "".join(f"{name}: {value}\n" for name, value in fields.items()) + "---\n"


@st.composite
def catalog(draw) -> str:
    """A PO catalog for Spanish: entries with random text, right or broken."""
    entries = draw(st.lists(st.tuples(WORDS, WORDS, st.booleans()), max_size=6))
    lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid, msgstr, fuzzy in entries:
        lines += ["#, fuzzy"] if fuzzy else []
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    return "\n".join(lines) + draw(st.sampled_from(["", "", 'msgid "unterminated', "garbage \x00"]))


@contextmanager
def at_most(seconds: int):
    """Fail (with an exception that is not a KapdocsError) if the block takes longer: a hang."""
    def hung(*_):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def files_outside(root: Path, out: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")
            if p.is_file() and not p.is_relative_to(out) and p.name not in ("fuzz.md", "fuzz.po")}


def budget(examples: int) -> settings:
    """A fixed seed (derandomized), no example database, and `examples` examples."""
    return settings(derandomize=True, database=None, deadline=None, max_examples=examples,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@budget(200)
@given(head=front_matter(), body=BODY)
def test_reading_and_the_transforms_end_in_a_document_or_a_kapdocs_error(project, head, body):
    source = project.root / "handouts/fuzz.md"
    source.write_text(head + body, encoding="utf-8", errors="surrogatepass")
    brand = load_brand("default", project.root)
    with at_most(20):
        try:
            document = read_source(source, Path("handouts/fuzz.md"), project.settings.limits)
            for output in ("handout", "deck"):
                apply_pipeline(document, Context(project, output, brand, "", False, False))
        except KapdocsError as err:
            assert str(err)


@budget(20)
@given(head=front_matter(), body=BODY, po=catalog(), spanish=st.booleans(), draft=st.booleans())
def test_both_writers_end_in_an_output_or_a_kapdocs_error_and_write_only_outputs(project, head, body, po, spanish,
                                                                                 draft):
    source = project.root / "handouts/fuzz.md"
    source.write_text(head + body, encoding="utf-8")
    (project.root / "handouts/locales/es").mkdir(parents=True, exist_ok=True)
    (project.root / "handouts/locales/es/fuzz.po").write_text(po, encoding="utf-8")
    out = project.root / "build"
    before = files_outside(project.root, out)
    jobs = [Job(source.resolve(), format=kind, locale="es" if spanish else "", draft=draft) for kind in ("pdf", "pptx")]
    with at_most(30):
        results = build(project, jobs, BuildOptions(out=out, force=True))
    for result in results:
        assert result.ok == (result.path is not None and result.path.is_file()), result.error
    assert files_outside(project.root, out) == before
