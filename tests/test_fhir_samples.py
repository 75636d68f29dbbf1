"""scripts/fhir_samples.py, the sample matrix's FHIR check: a real intake PDF passes; one whose
fields and Questionnaire part ways, or whose answers do not read back, fails."""

from __future__ import annotations

import io
import sys

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from kapdocs.pipeline import Job, render
from kapdocs.support.project import Project

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import fhir_samples  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The English and Spanish intake as a build lays them out: <brand>/<lang>/intake.pdf."""
    folder = tmp_path_factory.mktemp("build")
    project = Project(REPO)
    for lang in ("en", "es"):
        path = folder / "default" / lang / "intake.pdf"
        path.parent.mkdir(parents=True)
        path.write_bytes(render(project, Job(project.root / "handouts/intake.md", "default", "pdf", lang)).data)
    return folder


def test_the_built_intake_passes_in_each_language(built):
    assert fhir_samples.main(built) == 0


def test_a_pdf_missing_a_question_fails(built, tmp_path):
    """A field the PDF lost (its Questionnaire still asks for it) is a problem named with its file."""
    reader = PdfReader(io.BytesIO((built / "default/en/intake.pdf").read_bytes()))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        if "/Annots" in page:
            page[NameObject("/Annots")] = ArrayObject(a for a in page["/Annots"] if a.get_object().get("/T") != "email")
    form = writer._root_object["/AcroForm"]
    form[NameObject("/Fields")] = ArrayObject(f for f in form["/Fields"] if f.get_object().get("/T") != "email")
    path = tmp_path / "default/en/intake.pdf"
    path.parent.mkdir(parents=True)
    with path.open("wb") as out:
        writer.write(out)
    problems = fhir_samples.check(path, tmp_path, Project(REPO))
    assert problems and "email" in problems[0] and problems[0].startswith("default/en/intake.pdf")


def test_an_answer_that_does_not_read_back_fails(built, monkeypatch):
    """A date the form cannot read (day 31 of month 31) fails `kapdocs form read`: a problem, not a pass."""
    monkeypatch.setitem(fhir_samples.TYPED, "date", "31/31/1980")
    problems = fhir_samples.check(built / "default/en/intake.pdf", built, Project(REPO))
    assert problems and "form read --fhir" in problems[0]
