"""Packaging: from the built wheel alone, in a fresh virtual environment, `kapdocs new clinic` and
`kapdocs build` make every format and the catalog page; the wheel carries what that needs."""

from __future__ import annotations

import pytest

import os
import subprocess
import sys
import sysconfig
import zipfile

from conftest import REPO

#: Runs in its own CI step (`pytest -m slow`): see the README.
pytestmark = pytest.mark.slow


def test_from_the_wheel_alone_a_new_project_builds(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(REPO)],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("kapdocs-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("templates/default/brand.yaml", "templates/default/handout.html.j2", "templates/default/deck.pptx",
                 "brand/starter/handouts/first-visit.md", "writers/html/web.html.j2", "writers/html/web.css"):
        assert f"kapdocs/{name}" in names, name
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith("LICENSE") for n in names)

    # A fresh environment: kapdocs from the wheel only; its dependencies are this environment's
    # (named by a .pth file, offline), where no kapdocs is importable from a checkout.
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    site = next(fresh.glob("lib/python*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(fresh / "bin/python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([fresh / "bin/python", "-c", "import kapdocs; print(kapdocs.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site)), where

    kapdocs = str(fresh / "bin/kapdocs")
    made = subprocess.run([kapdocs, "new", "clinic", "--name", "Harbor Clinic"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = subprocess.run([kapdocs, "build", "--jobs", "2"], cwd=tmp_path / "clinic", env=env,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    outputs = tmp_path / "clinic/build/clinic/en"
    assert sorted(p.suffix for p in outputs.iterdir()) == [".html", ".html", ".pdf", ".pdf", ".pptx", ".pptx"]
    assert (outputs / "first-visit.pdf").read_bytes().startswith(b"%PDF")
    assert (outputs / "first-visit.pptx").read_bytes().startswith(b"PK")
    assert "Harbor Clinic" in (outputs / "first-visit.html").read_text(encoding="utf-8")
    assert (tmp_path / "clinic/build/index.html").is_file()
