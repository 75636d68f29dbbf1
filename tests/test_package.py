"""Packaging: the built-in templates ship inside the wheel and work from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import REPO, PROJECTS


def test_wheel_carries_templates_and_builds_from_them(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(REPO)],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("kapdocs-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("brand.yaml", "handout.css", "handout.html.j2", "logo.png", "deck.pptx"):
        assert f"kapdocs/templates/default/{name}" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)

    project = tmp_path / "project"  # a project with no templates/ of its own
    shutil.copytree(PROJECTS / "basic", project)
    script = (f"import sys; sys.path.insert(0, {str(unpacked)!r}); import kapdocs.brand.schema as b; "
              f"assert str(b.builtin_templates()).startswith({str(unpacked)!r}), b.builtin_templates(); "
              "from kapdocs.cli import main; sys.argv = ['kapdocs', 'build']; main()")
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "build/default/en/sample.pdf").read_bytes().startswith(b"%PDF")
    assert (project / "build/default/en/sample.pptx").read_bytes().startswith(b"PK")
