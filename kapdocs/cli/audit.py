"""`kapdocs audit` and `build --audit`: read built PDFs and decks back and report what a printer
or a screen reader would hit."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kapdocs.cli.options import ProjectOption, find_project
from kapdocs.errors import KapdocsError


def audit(
    files: Optional[List[Path]] = typer.Argument(None, help="PDFs, decks or folders of them (default: build/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    skip: Optional[List[str]] = typer.Option(None, "--skip", help="Leave out a rule's findings (repeatable); "
                                             "each is still counted in the summary."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Read built handouts and decks back: overprint, type size, markers, page fill, footer, tags, slides."""
    from kapdocs.audit import output_of
    from kapdocs.brand.kits import all_brands

    proj = find_project(project)
    brands = all_brands(proj.root)
    outputs = [output_of(path, brands) for path in _outputs_in(files or [proj.root / "build"])]
    if not report_audit(proj, outputs, as_json, tuple(skip or ())):
        raise typer.Exit(1)


def _outputs_in(named: list[Path]) -> list[Path]:
    """Every PDF and PPTX named, or inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in named:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".pdf", ".pptx"))
        elif path.suffix in (".pdf", ".pptx") and path.is_file():
            found.append(path)
        else:
            raise KapdocsError("not a built PDF, deck or folder of them", path,
                               hint="name files ending in .pdf or .pptx, or the build folder")
    if not found:
        raise KapdocsError("nothing to audit: no PDF or PPTX there", named[0], hint="run `kapdocs build` first")
    return found


def outputs_built(results) -> list:
    """Every output a build planned and has on disk: the ones it wrote and the ones up to date."""
    from kapdocs.audit import Output

    return [Output(r.path, r.job.brand, r.path.parent.name, r.job.large_print)
            for r in results if r.ok and r.path is not None]


def report_audit(proj, outputs: list, as_json: bool, skip: tuple[str, ...] = ()) -> bool:
    """Audit the outputs and print the findings; True when there are none (but the skipped rules')."""
    import os
    from collections import Counter

    from kapdocs.audit import RULES, audit as audit_outputs

    if unknown := set(skip) - set(RULES):
        raise KapdocsError(f"--skip {sorted(unknown)[0]}: no such rule", hint=f"use one of: {', '.join(RULES)}")
    every = audit_outputs(outputs, proj, os.cpu_count() or 1)
    findings = [f for f in every if f.rule not in skip]
    skipped = Counter(f.rule for f in every if f.rule in skip)
    if as_json:
        import json

        typer.echo(json.dumps({"files": len(outputs), "findings": [vars(f) for f in findings],
                               "skipped": dict(sorted(skipped.items()))}, ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            typer.echo(str(finding))
        left_out = ", ".join(f"{count} {rule}" for rule, count in sorted(skipped.items()))
        typer.echo(f"{len(outputs)} files audited: {len(findings)} findings" + (f" (skipped: {left_out})" if skipped else ""))
    return not findings
