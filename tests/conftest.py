"""Shared fixtures: small complete projects copied to a temporary folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kapdocs.support.project import Project

PROJECTS = Path(__file__).parent / "projects"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_project(tmp_path):
    """Copy fixture project `name` (tests/projects/<name>) into a temporary folder."""

    def make(name: str = "basic") -> Project:
        target = tmp_path / name
        shutil.copytree(PROJECTS / name, target)
        return Project(target.resolve())

    return make


@pytest.fixture
def project(make_project) -> Project:
    return make_project("basic")


@pytest.fixture
def repo() -> Project:
    """The repository itself: the sample library."""
    return Project(REPO)


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch):
    """Outputs must not depend on the environment's SOURCE_DATE_EPOCH unless a test sets it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def write(project: Project, relative: str, text: str) -> Path:
    path = project.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FRONT = """---
id: bad
title: Bad input
lang: en
version: "1"
reviewed: 2026-10-01
reviewed_by: R
next_review: 2027-10-01
---
"""


def to_data(value):
    """A model value as plain data with each node's type named (for readable snapshots)."""
    import dataclasses
    import datetime as dt

    if dataclasses.is_dataclass(value):
        fields = {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"type": type(value).__name__, **fields}
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, (Path, dt.date)):
        return str(value)
    return value
