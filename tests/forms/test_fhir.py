"""Forms for an EHR: the intake as a FHIR Questionnaire, and a filled-in intake PDF read back as a
QuestionnaireResponse, both validated by fhir.resources (its R4B models: R4 with errata)."""

from __future__ import annotations

import io
import json

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from kapdocs import model as m
from kapdocs.cli import app
from kapdocs.errors import KapdocsError
from kapdocs.forms import filled_response, source_questionnaire
from kapdocs.pipeline import Job, render
from kapdocs.support.project import Project

from conftest import REPO

INTAKE = "handouts/intake.md"
runner = CliRunner()


def question_ids(items: list[dict]) -> set[str]:
    """The linkIds of every question (not groups or help text), a choice's codes in its place."""
    out: set[str] = set()
    for item in items:
        if item["type"] == "choice":  # each box of a "select all that apply" is a PDF field of its own
            out.update(o["valueCoding"]["code"] for o in item["answerOption"])
        elif item["type"] not in ("group", "display"):
            out.add(item["linkId"])
        out |= question_ids(item.get("item", []))
    return out


def questions(items: list[dict]) -> dict[str, dict]:
    return {i["linkId"]: i for g in items for i in g["item"]}


@pytest.fixture(scope="module")
def intake_pdf() -> bytes:
    project = Project(REPO)
    return render(project, Job(project.root / INTAKE, "default", "pdf"))[0]


def filled(pdf: bytes, answers: dict[str, str]) -> bytes:
    """The intake as a patient returns it, filled in with pypdf on every page a field is on."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_questionnaire_is_valid_fhir_and_names_every_pdf_field(intake_pdf):
    project = Project(REPO)
    found = source_questionnaire(project, project.root / INTAKE)
    Questionnaire.model_validate(found)  # raises on anything FHIR R4B does not allow
    pdf_fields = set(PdfReader(io.BytesIO(intake_pdf)).get_fields())
    # The PDF's fields and the Questionnaire's questions are the same names, nothing left over.
    assert question_ids(found["item"]) == pdf_fields
    asked = questions(found["item"])
    assert asked["suicidal_thoughts"]["type"] == "boolean" and asked["suicidal_thoughts"]["required"] is True
    assert "988" in asked["suicidal_thoughts"]["item"][0]["text"]
    assert asked["date_of_birth"]["type"] == "date"
    assert [o["valueCoding"]["code"] for o in asked["interacting_medicines"]["answerOption"]][:2] == [
        "interacting_medicines-a_benzodiazepine_such_as_lorazepam", "interacting_medicines-lamotrigine"]
    assert asked["interacting_medicines"]["repeats"] is True
    assert asked["driving_signature_date"]["type"] == "date"


def test_the_linkids_are_the_same_in_spanish():
    project = Project(REPO)
    english = source_questionnaire(project, project.root / INTAKE)
    spanish = source_questionnaire(project, project.root / INTAKE, "es")
    Questionnaire.model_validate(spanish)
    assert question_ids(spanish["item"]) == question_ids(english["item"])
    assert spanish["language"] == "es"
    assert questions(spanish["item"])["aneurysm"]["text"] == "¿Alguna vez le dijeron que tiene un aneurisma?"


def test_a_source_without_a_form_has_no_questionnaire():
    project = Project(REPO)
    with pytest.raises(KapdocsError, match="no form fields"):
        source_questionnaire(project, project.root / "handouts/how-ketamine-works.md")


REQUIRED_ANSWERS = {
    "full_name": "Ana Patient", "date_of_birth": "04/30/1980", "phone": "555 0100",
    "emergency_contact_name": "Sam Patient", "emergency_contact_phone": "555 0101",
    "driver_name": "Sam Patient", "driver_phone": "555 0101", "ack_no_driving": "/on",
    "driving_signature": "Ana Patient", "driving_signature_date": "12/01/2026",
    "current_medications": "Sertraline 50 mg daily", "interacting_medicines-lamotrigine": "/on",
    "ack_off_label": "/on", "ack_controlled_substance": "/on", "ack_monitoring": "/on", "ack_integration": "/on",
    "patient_signature": "Ana Patient", "patient_signature_date": "12/01/2026",
}
YES_NO = ("high_blood_pressure", "blood_pressure_medicine", "heart_condition", "aneurysm", "brain_bleed",
          "suicidal_thoughts", "psychosis_history", "mania_history", "substance_use_history")


def test_a_filled_intake_reads_back_as_a_valid_response(intake_pdf, tmp_path):
    # A yes/no group's buttons are /0 (yes) and /1 (no); a ticked box is /on.
    answers = REQUIRED_ANSWERS | {name: "/1" for name in YES_NO} | {"mania_history": "/0"}
    path = tmp_path / "returned.pdf"
    path.write_bytes(filled(intake_pdf, answers))
    result = runner.invoke(app, ["form", "read", str(path), "--fhir", "--project", str(REPO)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    response = json.loads(result.output)
    QuestionnaireResponse.model_validate(response)
    assert response["questionnaire"] == "urn:kapdocs:form:intake|1.0"
    assert response["status"] == "completed"
    given = questions(response["item"])
    assert given["date_of_birth"]["answer"] == [{"valueDate": "1980-04-30"}]
    assert given["mania_history"]["answer"] == [{"valueBoolean": True}]
    assert given["suicidal_thoughts"]["answer"] == [{"valueBoolean": False}]
    assert given["interacting_medicines"]["answer"][0]["valueCoding"]["code"] == "interacting_medicines-lamotrigine"
    assert "email" not in given  # left blank: no answer, not an empty one


def test_a_required_answer_left_blank_keeps_the_response_in_progress(intake_pdf):
    values = {"full_name": "Ana Patient", "date_of_birth": "1980-04-30", "mania_history": "yes"}
    response = filled_response(Project(REPO), values, "intake, version 1.0", "en", "returned.pdf")
    QuestionnaireResponse.model_validate(response)
    assert response["status"] == "in-progress"


def test_a_date_that_is_not_a_date_is_an_error_naming_the_field():
    with pytest.raises(KapdocsError, match="`date_of_birth` holds “next Tuesday”, which is not a date"):
        filled_response(Project(REPO), {"date_of_birth": "next Tuesday"}, "intake, version 1.0", "en", "r.pdf")


def test_a_pdf_from_another_project_is_an_error():
    with pytest.raises(KapdocsError, match="no source in the project has the id `elsewhere`"):
        filled_response(Project(REPO), {}, "elsewhere, version 1.0", "en", "r.pdf")


def test_every_page_after_the_first_names_the_patient(intake_pdf):
    """The header of pages 2 onwards holds the name and date of birth fields and "Page N of M"."""
    import pypdfium2 as pdfium

    reader = PdfReader(io.BytesIO(intake_pdf))
    pages = len(reader.pages)
    document = pdfium.PdfDocument(intake_pdf)
    for number, page in enumerate(reader.pages, 1):
        names = {annot.get_object().get("/T") for annot in page.get("/Annots", [])}
        top = document[number - 1].get_textpage().get_text_bounded(
            bottom=float(page.mediabox.top) - 60)  # the top margin: 60 pt
        if number == 1:
            assert "Page 1" not in top
            continue
        assert {"full_name", "date_of_birth"} <= names, number
        assert f"Page {number} of {pages}" in top and "Full name" in top and "Date of birth" in top
    assert m.Field.__dataclass_fields__["every_page"]
