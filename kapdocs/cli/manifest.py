"""`kapdocs manifest`: what each output was made from."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from kapdocs.errors import KapdocsError

app = typer.Typer(help="Build manifests (what each output was made from).", no_args_is_help=True)


@app.command("merge")
def merge(manifests: List[Path] = typer.Argument(..., help="Shard manifests to join."),
                   output: Path = typer.Option(..., "-o", "--output", help="The merged manifest (e.g. build/manifest.json).")) -> None:
    """Join the manifests of sharded builds into one, so the next build skips what any shard built."""
    from kapdocs.batch.manifest import Manifest
    from kapdocs.support.files import is_replaceable_file

    is_replaceable_file(output)  # a link, a folder or a FIFO is refused
    merged = Manifest(output)
    for path in manifests:
        if not path.is_file():
            raise KapdocsError("no such manifest", path, hint="give the manifest.json of each shard's output folder")
        merged.merge(Manifest.load(path))
    merged.save()
    typer.echo(f"wrote {output} ({len(merged.entries)} outputs)")


