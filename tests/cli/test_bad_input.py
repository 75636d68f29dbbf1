"""The README's "bad input" table, case by case: each hostile or clumsy input ends, through the
real `kapdocs` command, in a readable error or a correct output within 10 s, never a traceback,
and leaves the files it was pointed at byte-identical."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from brands import DEFAULT, make_brand
from conftest import FRONT, write

#: Runs in its own CI step (`pytest -m slow`): see the README.
pytestmark = pytest.mark.slow

SECONDS = 10


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header claiming `width` × `height` pixels, with a few bytes of data (a decompression bomb's shape)."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + png_chunk(b"IEND", b"")


def source(body: str, name: str = "bad") -> str:
    return FRONT.replace("id: bad", f"id: {name}") + body


def o_on(target: str) -> Callable:
    def arrange(root: Path) -> list[str]:
        return ["deck", "handouts/sample.md", "-o", target]
    return arrange


def symlink(root: Path) -> list[str]:
    (root / "link.pptx").symlink_to(root / "handouts/sample.md")
    return ["deck", "handouts/sample.md", "-o", "link.pptx"]


def fifo(root: Path) -> list[str]:
    os.mkfifo(root / "pipe.pptx")
    return ["deck", "handouts/sample.md", "-o", "pipe.pptx"]


def stranger(root: Path) -> list[str]:
    (root / "notes.pptx").write_text("a colleague's notes", encoding="utf-8")
    return ["deck", "handouts/sample.md", "-o", "notes.pptx"]


def picture(data: bytes) -> Callable:
    def arrange(root: Path) -> list[str]:
        (root / "handouts/images/stages.png").write_bytes(data)
        return ["build", "handouts/sample.md"]
    return arrange


def bad_source(body: str, settings: str = "", command: str = "deck") -> Callable:
    def arrange(root: Path) -> list[str]:
        (root / "handouts/bad.md").write_text(source(body), encoding="utf-8")
        if settings:
            with (root / "kapdocs.toml").open("a", encoding="utf-8") as toml:
                toml.write(settings)
        return [command, "handouts/bad.md", "-o", "bad.out"]
    return arrange


def impossible_date(root: Path) -> list[str]:
    (root / "handouts/bad.md").write_text(FRONT.replace("reviewed: 2026-10-01", "reviewed: 0000-00-00"), encoding="utf-8")
    return ["deck", "handouts/bad.md", "-o", "bad.pptx"]


def bom_crlf(root: Path) -> list[str]:
    text = "\ufeff" + source("\n## Hello\n\nA line.\n\n- one\n- two\n").replace("\n", "\r\n")
    (root / "handouts/bad.md").write_bytes(text.encode("utf-8"))
    return ["handout", "handouts/bad.md", "-o", "bad.pdf"]


def fan_out(root: Path) -> list[str]:
    (root / "handouts/part.md").write_text(source("\n## Part\n\n" + ("Words of the part. " * 100 + "\n\n") * 20, "part"),
                                           encoding="utf-8")
    (root / "handouts/bad.md").write_text(source("\n## All\n\n" + "::: include part.md :::\n\n" * 30),
                                          encoding="utf-8")
    return ["deck", "handouts/bad.md", "-o", "bad.pptx"]


def deep_includes(root: Path) -> list[str]:
    for level in range(12):
        (root / f"handouts/level{level}.md").write_text(
            source(f"\n## Level {level}\n\n::: include level{level + 1}.md :::\n", f"level{level}"), encoding="utf-8")
    (root / "handouts/level12.md").write_text(source("\n## Bottom\n\nText.\n", "level12"), encoding="utf-8")
    return ["deck", "handouts/level0.md", "-o", "bad.pptx"]


def zip_bomb_master(root: Path) -> list[str]:
    folder = make_brand(root_project(root), DEFAULT, "bomb")
    with zipfile.ZipFile(folder / "deck.pptx", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("ppt/presentation.xml", b"\0" * (60 * 2**20))
    return ["deck", "handouts/sample.md", "--brand", "bomb", "-o", "bad.pptx"]


def brand_file(name: str, data: bytes, yaml: str = DEFAULT) -> Callable:
    def arrange(root: Path) -> list[str]:
        folder = make_brand(root_project(root), yaml, "broken")
        (folder / name).write_bytes(data)
        return ["handout", "handouts/sample.md", "--brand", "broken", "-o", "bad.pdf"]
    return arrange


ENTITIES = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>')


def root_project(root: Path):
    from kapdocs.support.project import Project

    return Project(root)


def manifest(text: str) -> Callable:
    def arrange(root: Path) -> list[str]:
        write(root_project(root), "build/manifest.json", text)
        return ["build", "handouts/sample.md", "--format", "pptx"]
    return arrange


@dataclass(frozen=True)
class Case:
    arrange: Callable[[Path], list[str]]
    code: int
    says: str
    untouched: str = ""  # a file that must be byte-identical afterwards


CASES = {
    "-o on a source": Case(o_on("handouts/sample.md"), 1, "the output would replace an input of the project", "handouts/sample.md"),
    "-o on kapdocs.toml": Case(o_on("kapdocs.toml"), 1, "the output would replace an input of the project", "kapdocs.toml"),
    "-o on a symlink": Case(symlink, 1, "the output is a symbolic link", "handouts/sample.md"),
    "-o on a FIFO": Case(fifo, 1, "the output is a FIFO"),
    "-o on someone's file": Case(stranger, 1, "a file kapdocs did not make is already there", "notes.pptx"),
    "truncated PNG": Case(picture((Path(__file__).parents[1] / "projects/basic/handouts/images/stages.png").read_bytes()[:300]),
                          1, "image `images/stages.png` cannot be read as a picture"),
    "text named .png": Case(picture(b"not a picture at all"), 1, "image `images/stages.png` cannot be read as a picture"),
    "decompression bomb": Case(picture(png_claiming(60_000, 60_000)), 1, "over the limit of 40 (image_megapixels in [limits])"),
    "BOM and CRLF": Case(bom_crlf, 0, "built bad.pdf"),
    "date 0000-00-00": Case(impossible_date, 1, "bad.md:2: invalid value in the YAML: year 0 is out of range"),
    "2.3 MB paragraph": Case(bad_source("\nword " * 1 + "word " * 470_000), 1, "(source_kib in [limits])"),
    "long paragraph": Case(bad_source("\n" + "word " * 5_000), 1, "bad.md:11: a paragraph is 25,000 characters"),
    "include fan-out": Case(fan_out, 1, "(expanded_kib in [limits])"),
    "includes 12 deep": Case(deep_includes, 1, "(include_depth in [limits])"),
    "huge table": Case(bad_source("\n| a | b |\n|---|---|\n" + "| x | y |\n" * 600), 1, "the table has 1,202 cells"),
    "too many slides": Case(bad_source("".join(f"\n## S{i}\n\n- x\n" for i in range(30)), "\n[limits]\nslides = 20\n"),
                            1, "the deck would have 32 slides, over the limit of 20"),
    "list 4 deep": Case(bad_source("\n- a\n  - b\n    - c\n      - d\n"), 1, "bad.md:14: a list is nested more than 3 levels deep"),
    "table in a list item": Case(bad_source("\n- a\n\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n"), 1, "bad.md:13: a list item holds a table"),
    "unknown limit": Case(bad_source("\nText.\n", "\n[limits]\nslide = 5\n"), 1, "unknown limit `slide` in [limits]"),
    "truncated logo": Case(brand_file("logo.png", b"\x89PNG\r\n\x1a\n cut"), 1, "logo `logo.png` cannot be read as a picture"),
    "SVG logo with entities": Case(brand_file("logo.svg", ENTITIES, DEFAULT.replace("logo: logo.png", "logo: logo.svg\ndeck_logo: logo.png")),
                                   1, "logo `logo.svg` declares a document type or entities"),
    "font file that is not one": Case(brand_file("x.ttf", b"not a font", DEFAULT.replace("fonts:\n", "fonts:\n  files: [x.ttf]\n")),
                                      1, "cannot read the font file `x.ttf`"),
    "zip-bomb master": Case(zip_bomb_master, 1, "(master_mib in [limits])"),
    "garbage manifest": Case(manifest("{not json"), 0, "warning: manifest.json could not be read"),
    "foreign manifest": Case(manifest('["a", "list"]'), 0, "warning: manifest.json could not be read"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_ends_in_a_readable_line_within_seconds(project, case):
    spec = CASES[case]
    command = spec.arrange(project.root)
    before = (project.root / spec.untouched).read_bytes() if spec.untouched else b""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kapdocs", *command], cwd=project.root, capture_output=True,
                          text=True, timeout=60)
    seconds = time.monotonic() - started
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "internal error" not in said, said
    assert (done.returncode, spec.says in said) == (spec.code, True), said
    assert seconds < SECONDS
    if spec.untouched:
        assert (project.root / spec.untouched).read_bytes() == before
    assert not list(project.root.rglob("*.part")), "a temporary file was left behind"
