"""`kapdocs form`: intake forms."""

from __future__ import annotations

from pathlib import Path

import typer

from kapdocs.errors import KapdocsError

app = typer.Typer(help="Intake forms: read the answers back from a filled-in PDF.", no_args_is_help=True)


@app.command("read")
def read(filled: Path = typer.Argument(..., help="A filled-in handout PDF."),
              as_json: bool = typer.Option(False, "--json", help="Print the answers as JSON.")) -> None:
    """The answers in a filled-in form: text as typed, check boxes true/false, yes/no as yes, no or empty."""
    import json

    from kapdocs.audit.pdf import form_values

    if not filled.is_file():
        raise KapdocsError("no such file", filled, hint="give the path of the filled-in PDF")
    try:
        values = form_values(filled.read_bytes())
    except Exception as err:  # pdfium's own error for a file that is not a PDF
        raise KapdocsError(f"cannot read the PDF ({err})", filled, hint="check that it is the PDF the patient returned") from None
    if not values:
        raise KapdocsError("the PDF has no form fields", filled, hint="give a handout built from a source with ::: form")
    if as_json:
        typer.echo(json.dumps(values, ensure_ascii=False, indent=1))
        return
    for name, value in values.items():
        shown = "yes" if value is True else "no" if value is False else "" if value is None else value
        typer.echo(f"{name}: {shown}")


