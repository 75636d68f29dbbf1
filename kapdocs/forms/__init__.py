"""Intake forms for a clinic's EHR: a source → its FHIR Questionnaire, a filled-in handout PDF →
its FHIR QuestionnaireResponse (the source found in the project by the PDF's document id)."""

from __future__ import annotations

from pathlib import Path

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.forms.fhir import questionnaire, questionnaire_response
from kapdocs.pipeline import Job, prepared
from kapdocs.support.project import Project


def source_questionnaire(project: Project, source: Path, locale: str = "", draft: bool = False) -> dict:
    """The Questionnaire of a source's forms, in its own language or a translation's."""
    document, _ = prepared(project, Job(source, locale=locale, draft=draft))
    if not m.form_fields(document):
        raise KapdocsError("the source has no form fields", project.shown(source),
                           hint="give a source with a `::: form` block")
    return questionnaire(document)


def filled_response(project: Project, answers: dict, keywords: str, lang: str, shown: str) -> dict:
    """The QuestionnaireResponse of a filled-in handout, whose keywords (`intake, version 1.0`) name its source."""
    from kapdocs.readers import read_source

    doc_id = keywords.split(",")[0].strip()
    for source in project.sources():
        own = read_source(source, project.shown(source)).meta
        if own.id == doc_id:
            # A translation's draft still names its questions: the response keeps what the patient wrote.
            document, _ = prepared(project, Job(source, locale="" if lang == own.lang else lang, draft=True))
            return questionnaire_response(document, answers, shown)
    raise KapdocsError(f"no source in the project has the id `{doc_id}` this PDF was built from", shown,
                       hint="run the command inside the project that built the form, or pass --project")
