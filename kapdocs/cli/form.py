"""`kapdocs form`: intake forms, read back from a filled-in PDF or written for an EHR as FHIR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kapdocs.cli.options import ProjectOption, find_project
from kapdocs.errors import KapdocsError

app = typer.Typer(help="Intake forms: read the answers back from a filled-in PDF, or write them as FHIR.",
                  no_args_is_help=True)


@app.command("read")
def read(filled: Path = typer.Argument(..., help="A filled-in handout PDF."),
         as_json: bool = typer.Option(False, "--json", help="Print the answers as JSON."),
         fhir: bool = typer.Option(False, "--fhir", help="Print the answers as a FHIR R4 QuestionnaireResponse."),
         out: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of printing."),
         project: Optional[Path] = ProjectOption) -> None:
    """The answers in a filled-in form: text as typed, check boxes true/false, yes/no as yes, no or empty."""
    from kapdocs.audit.pdf import form_values, handout_identity

    if not filled.is_file():
        raise KapdocsError("no such file", filled, hint="give the path of the filled-in PDF")
    data = filled.read_bytes()
    try:
        values = form_values(data)
    except Exception as err:  # pdfium's own error for a file that is not a PDF
        raise KapdocsError(f"cannot read the PDF ({err})", filled, hint="check that it is the PDF the patient returned") from None
    if not values:
        raise KapdocsError("the PDF has no form fields", filled, hint="give a handout built from a source with ::: form")
    if fhir:
        from kapdocs.forms import filled_response

        keywords, lang = handout_identity(data)
        _emit(json.dumps(filled_response(find_project(project), values, keywords, lang, str(filled)),
                         ensure_ascii=False, indent=1), out)
    elif as_json:
        _emit(json.dumps(values, ensure_ascii=False, indent=1), out)
    else:
        _emit("\n".join(f"{name}: {_shown(value)}" for name, value in values.items()), out)


@app.command("questionnaire")
def questionnaire(source: Path = typer.Argument(..., help="A source with `::: form` blocks."),
                  locale: str = typer.Option("", "--locale", help="A translation's language (default: the source's own)."),
                  draft: bool = typer.Option(False, "--draft", help="Use an incomplete translation anyway."),
                  out: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of printing."),
                  project: Optional[Path] = ProjectOption) -> None:
    """The source's form as a FHIR R4 Questionnaire (linkIds are the PDF's field names)."""
    from kapdocs.forms import source_questionnaire

    found = find_project(project)
    chosen = found.named_sources([source])[0]
    _emit(json.dumps(source_questionnaire(found, chosen, locale, draft), ensure_ascii=False, indent=1), out)


def _shown(value) -> str:
    return "yes" if value is True else "no" if value is False else "" if value is None else value


def _emit(text: str, out: Optional[Path]) -> None:
    """Print `text`, or write it atomically to `out`."""
    if out is None:
        typer.echo(text)
        return
    from kapdocs.support.files import write_atomically

    write_atomically(out, (text + "\n").encode())
