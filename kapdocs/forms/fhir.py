"""A document's `::: form` fields → a FHIR R4 Questionnaire; a filled-in PDF's answers → its
QuestionnaireResponse. Plain JSON-ready dicts: a clinic's EHR takes them in as they are.

Every question's linkId is its field's name, which is also its PDF field's name: the reader makes
it from the source-language label or takes it from `name=`, so it is the same in every language and
stays the same across versions while the field keeps its name. A section (`##`) is a group whose
linkId is the section's anchor.
"""

from __future__ import annotations

import datetime as dt
import re

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.i18n.labels import labels

#: The FHIR item type of each field kind. A yes/no question and a ticked statement are booleans.
ITEM_TYPE = {"text": "string", "long": "text", "date": "date", "phone": "string", "yesno": "boolean",
             "checkboxes": "choice", "ack": "boolean", "signature": "string"}


def canonical(document: m.Document) -> str:
    """The Questionnaire's canonical URL with its version: what a response says it answers."""
    return f"urn:kapdocs:form:{document.meta.id}|{document.meta.version}"


def questionnaire(document: m.Document) -> dict:
    """The document's form fields as a FHIR R4 Questionnaire, one group per section."""
    meta = document.meta
    return {
        "resourceType": "Questionnaire",
        "id": meta.id,
        "url": f"urn:kapdocs:form:{meta.id}",
        "version": meta.version,
        "name": re.sub(r"[^A-Za-z0-9]", "", meta.id.title()) or "Form",
        "title": meta.title,
        "status": "draft" if meta.draft else "active",
        "language": meta.lang,
        "date": meta.reviewed.isoformat(),
        "item": [_group(anchor, title, fields, meta.lang) for anchor, title, fields in _sections(document)],
    }


def _sections(document: m.Document) -> list[tuple[str, str, list[m.Field]]]:
    """Each section holding form fields: its anchor, its title and its fields, in reading order."""
    sections: list[tuple[str, str, list[m.Field]]] = []
    anchor, title = "form", document.meta.title
    for block in m.walk(document.blocks):
        if isinstance(block, m.Heading) and block.level <= 2:
            anchor, title = block.anchor, m.plain_text(block.content)
        elif isinstance(block, m.Container) and block.kind == "form":
            if not sections or sections[-1][0] != anchor:
                sections.append((anchor, title, []))
            sections[-1][2].extend(m.fields_of(block))
    return sections


def _group(anchor: str, title: str, fields: list[m.Field], lang: str) -> dict:
    items = [item for field in fields for item in _items(field, lang)]
    return {"linkId": anchor, "text": title, "type": "group", "item": items}


def _items(field: m.Field, lang: str) -> list[dict]:
    """A field's questions: one, or for a signature the signed name and the date beside it."""
    item: dict = {"linkId": field.name, "text": m.plain_text(field.label), "type": ITEM_TYPE[field.kind]}
    if field.required:
        item["required"] = True
    if field.kind == "checkboxes":
        item["repeats"] = True
        item["answerOption"] = [{"valueCoding": {"code": c.name, "display": m.plain_text(c.label)}}
                                for c in field.choices]
    if field.help:
        item["item"] = [{"linkId": f"{field.name}-help", "text": m.plain_text(field.help), "type": "display"}]
    if field.kind != "signature":
        return [item]
    date = {"linkId": f"{field.name}_date", "text": labels(lang)["date"], "type": "date"}
    return [item, {**date, "required": True} if field.required else date]


def questionnaire_response(document: m.Document, answers: dict[str, str | bool | None], shown: str) -> dict:
    """A filled-in form's answers (as read from its PDF fields) as a QuestionnaireResponse to the
    document's Questionnaire: `completed` when every required question has an answer."""
    day_first = "MM/DD" not in labels(document.meta.lang)["date_hint"]
    groups, missing = [], False
    for anchor, title, fields in _sections(document):
        items = []
        for field in fields:
            for question in _items(field, document.meta.lang):
                given = _answer(question, field, answers, day_first, shown)
                missing |= bool(question.get("required")) and not given
                if given:
                    items.append({"linkId": question["linkId"], "text": question["text"], "answer": given})
        if items:
            groups.append({"linkId": anchor, "text": title, "item": items})
    return {"resourceType": "QuestionnaireResponse", "questionnaire": canonical(document),
            "status": "in-progress" if missing else "completed", "language": document.meta.lang, "item": groups}


def _answer(question: dict, field: m.Field, answers: dict, day_first: bool, shown: str) -> list[dict]:
    """The FHIR answers to one question, [] when the patient left it blank."""
    kind, name = question["type"], question["linkId"]
    if kind == "choice":
        return [{"valueCoding": option["valueCoding"]} for option in question["answerOption"]
                if answers.get(option["valueCoding"]["code"]) is True]
    value = answers.get(name)
    if kind == "boolean":
        if field.kind == "ack":
            return [{"valueBoolean": True}] if value is True else []
        return [{"valueBoolean": value == "yes"}] if value in ("yes", "no") else []
    if not isinstance(value, str) or not value.strip():
        return []
    if kind == "date":
        return [{"valueDate": _date(value.strip(), day_first, name, shown)}]
    return [{"valueString": value.strip()}]


def _date(text: str, day_first: bool, name: str, shown: str) -> str:
    """A date as written on the form (the language's order, or ISO) → `YYYY-MM-DD`."""
    formats = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y") if day_first else ("%Y-%m-%d", "%m/%d/%Y")
    for form in formats:
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    raise KapdocsError(f"field `{name}` holds “{text}”, which is not a date", shown,
                       hint="correct it in the PDF as the form asks (for example 04/30/1980), then read it again")
