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


def audit_made(project_root: Path, job, output: str, data: bytes) -> list:
    """build --audit in a build worker: the findings in an output's bytes just made, each naming
    the file by its place under the output folder (`report_build_audit` names it as shown)."""
    from kapdocs.audit import Output, audit_bytes

    return audit_bytes(data, Output(Path(output), job.brand, Path(output).parent.name, job.large_print),
                       output, project_root)


def report_build_audit(proj, results) -> bool:
    """build --audit: the findings the workers made as they built, and those of the outputs up to
    date (read from disk), printed in the order `kapdocs audit` gives for the output folder."""
    from dataclasses import replace

    built = sorted((r for r in results if r.ok and r.path is not None), key=lambda r: r.path)
    outputs = [_output(r) for r in built]
    on_disk = [output for output, r in zip(outputs, built) if r.findings is None]
    read = iter(_audit_each(proj, on_disk))
    found = [next(read) if r.findings is None else
             [replace(f, file=proj.shown(r.path).as_posix()) for f in r.findings] for r in built]
    return report_audit(proj, outputs, as_json=False, found=found)


def _output(result):
    from kapdocs.audit import Output

    return Output(result.path, result.job.brand, result.path.parent.name, result.job.large_print)


def _audit_each(proj, outputs: list) -> list[list]:
    import os

    from kapdocs.audit import audit_each

    return audit_each(outputs, proj, os.cpu_count() or 1)


def report_audit(proj, outputs: list, as_json: bool, skip: tuple[str, ...] = (), found: list | None = None) -> bool:
    """Audit the outputs (unless their findings are `found`, output by output) and print the
    findings; True when there are none (but the skipped rules')."""
    from collections import Counter

    from kapdocs.audit import RULES

    if unknown := set(skip) - set(RULES):
        raise KapdocsError(f"--skip {sorted(unknown)[0]}: no such rule", hint=f"use one of: {', '.join(RULES)}")
    every = [f for findings in (found if found is not None else _audit_each(proj, outputs)) for f in findings]
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
