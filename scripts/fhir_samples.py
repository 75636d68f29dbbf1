"""Every form handout in a build folder as a clinic's EHR takes it, checked by FHIR's own models
(fhir.resources, R4B): its Questionnaire in the PDF's language is valid and asks exactly the PDF's
fields; the PDF filled in as a patient's PDF reader fills it (pypdf) and read back by
`kapdocs form read --fhir` is a valid, completed QuestionnaireResponse holding every answer given.
Prints one line per problem and ends with 1 if there was any. Used by scripts/check_samples.sh.

    python scripts/fhir_samples.py BUILD_FOLDER
"""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader, PdfWriter

from kapdocs.forms import source_questionnaire
from kapdocs.support.project import Project

ROOT = Path(__file__).resolve().parent.parent
#: A patient's answers by the question's FHIR type; a yes/no group's second button is No (/1).
TYPED = {"string": "Ana Patient", "text": "Sertraline 50 mg daily", "date": "1980-04-30"}


def questions(items: list[dict]) -> dict[str, dict]:
    """Every question (not groups or help text) by linkId."""
    found = {}
    for item in items:
        if item["type"] not in ("group", "display"):
            found[item["linkId"]] = item
        found |= questions(item.get("item", []))
    return found


def answers(items: list[dict]) -> dict[str, list]:
    """Every answered question of a QuestionnaireResponse: linkId → its answers."""
    found = {}
    for item in items:
        if "answer" in item:
            found[item["linkId"]] = item["answer"]
        found |= answers(item.get("item", []))
    return found


def pdf_field_names(asked: dict[str, dict]) -> set[str]:
    """The PDF fields the questions are: a "select all" question is one check box per choice."""
    names = set()
    for link, item in asked.items():
        names |= {o["valueCoding"]["code"] for o in item["answerOption"]} if item["type"] == "choice" else {link}
    return names


#: A PDF button field's flag for a radio group (ISO 32000-1, 12.7.4.2.1): a yes/no question.
RADIO = 1 << 15


def filled(pdf: bytes, asked: dict[str, dict]) -> tuple[bytes, int]:
    """The PDF with every question answered (a yes/no as No, a statement ticked, the first choice
    of a "select all"), and how many."""
    reader = PdfReader(io.BytesIO(pdf))
    radio = {name for name, field in reader.get_fields().items() if int(field.get("/Ff", 0)) & RADIO}
    values = {}
    for link, item in asked.items():
        if item["type"] == "choice":
            values[item["answerOption"][0]["valueCoding"]["code"]] = "/on"
        elif item["type"] == "boolean":
            values[link] = "/1" if link in radio else "/on"
        else:
            values[link] = TYPED[item["type"]]
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        if "/Annots" in page:  # (pypdf says so of a page without fields)
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(asked)


@functools.lru_cache(maxsize=None)
def valid_questionnaire(project: Project, source: Path, lang: str) -> dict:
    """The source's Questionnaire in `lang`, validated (the same for every brand and size)."""
    found = source_questionnaire(project, source, "" if lang == "en" else lang)
    Questionnaire.model_validate(found)
    return found


def check(path: Path, folder: Path, project: Project) -> list[str]:
    """What an EHR would refuse in one form handout (`<brand>/<lang>/<id>[.large-print].pdf`)."""
    shown = path.relative_to(folder)
    pdf = path.read_bytes()
    fields = set(PdfReader(io.BytesIO(pdf)).get_fields() or {})
    lang, source = path.parent.name, ROOT / "handouts" / f"{path.name.split('.')[0]}.md"
    found = valid_questionnaire(project, source, lang)
    asked = questions(found["item"])
    if pdf_field_names(asked) != fields:
        return [f"{shown}: the Questionnaire's questions are not the PDF's fields: "
                f"{sorted(pdf_field_names(asked) ^ fields)}"]
    answered, count = filled(pdf, asked)
    with tempfile.TemporaryDirectory() as elsewhere:
        returned = Path(elsewhere) / path.name
        returned.write_bytes(answered)
        read = subprocess.run([sys.executable, "-m", "kapdocs", "form", "read", str(returned), "--fhir",
                               "--project", str(ROOT)], capture_output=True, text=True)
    if read.returncode:
        return [f"{shown}: `kapdocs form read --fhir` failed: {read.stdout}{read.stderr}"]
    response = json.loads(read.stdout)
    QuestionnaireResponse.model_validate(response)
    given = answers(response["item"])
    problems = []
    if response["status"] != "completed":
        problems.append(f"{shown}: the filled-in form reads back as {response['status']}, not completed")
    if len(given) != count or response["language"] != found["language"]:
        problems.append(f"{shown}: {len(given)} of {count} answers read back ({response['language']})")
    return problems


def main(folder: Path) -> int:
    project = Project(ROOT)
    forms = [p for p in sorted(folder.rglob("*.pdf")) if PdfReader(p).get_fields()]
    for path in forms:  # each language's Questionnaire made once, before the PDFs are read back side by side
        valid_questionnaire(project, ROOT / "handouts" / f"{path.name.split('.')[0]}.md", path.parent.name)
    with ThreadPoolExecutor(os.cpu_count()) as pool:  # each reading back is a process of its own
        problems = [problem for found in pool.map(lambda path: check(path, folder, project), forms) for problem in found]
    print(*problems, sep="\n") if problems else None
    print(f"FHIR: {len(forms)} form PDFs, {len(forms) - len({p.split(':')[0] for p in problems})} "
          "read back as valid, completed QuestionnaireResponses to valid Questionnaires")
    return 1 if problems or not forms else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
