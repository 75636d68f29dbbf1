"""The renderers' versions and the system's fonts are part of every output's fingerprint."""

from __future__ import annotations

import hashlib
import json
import os

import pptx
import weasyprint

from kapdocs.batch import renderers
from kapdocs.batch.build import BuildOptions, build
from kapdocs.batch.manifest import code_fingerprint
from kapdocs.batch.plan import plan_jobs


def test_the_installed_renderers_are_named_with_their_versions():
    versions = renderers.renderer_versions()
    assert versions["weasyprint"] == weasyprint.__version__
    assert versions["pptx"] == pptx.__version__
    assert versions["libpango-1.0.so.0"].count(".") == 2 and versions["libharfbuzz.so.0"].count(".") == 2
    assert renderers.installed_version("no_such_module_here", "nothing") == "absent"
    assert renderers.shared_library_version("libnothing-here.so.0", "f") == "absent"


def test_a_new_weasyprint_version_rebuilds_everything(project, monkeypatch):
    jobs = plan_jobs(project)
    first = build(project, jobs)
    assert first and all(r.ok and not r.skipped for r in first)
    code_fingerprint.cache_clear()
    assert all(r.skipped for r in build(project, jobs))  # nothing changed: nothing is made again

    real = renderers.installed_version
    monkeypatch.setattr(renderers, "installed_version",
                        lambda module, name: "999.0" if module == "weasyprint" else real(module, name))
    code_fingerprint.cache_clear()
    try:
        again = build(project, jobs, BuildOptions())
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()
    assert len(again) == len(first) and not any(r.skipped for r in again)


def fonts_in(monkeypatch, *folders):
    monkeypatch.setattr(renderers, "FONT_FOLDERS", tuple(str(f) for f in folders))


def test_a_font_whose_bytes_change_changes_the_fingerprint_and_one_touched_does_not(tmp_path, monkeypatch):
    fonts_in(monkeypatch, tmp_path)
    font = tmp_path / "Clinic.ttf"
    font.write_bytes(b"one")
    before = renderers.renderers_fingerprint()
    os.utime(font, ns=(10**18, 10**18))  # touched: the same bytes at another time
    assert renderers.renderers_fingerprint() == before
    font.write_bytes(b"two")  # replaced: the same size, other bytes
    assert renderers.renderers_fingerprint() != before
    font.unlink()
    assert renderers.renderers_fingerprint() != before


def test_the_same_fonts_in_another_folder_at_another_time_give_the_same_fingerprint(tmp_path, monkeypatch):
    here, there = tmp_path / "here", tmp_path / "there/truetype"
    for folder, when in ((here, 1), (there, 2)):
        folder.mkdir(parents=True)
        for name, data in (("Clinic.ttf", b"regular"), ("Clinic-Bold.ttf", b"bold")):
            (folder / name).write_bytes(data)
            os.utime(folder / name, ns=(when, when))
    fonts_in(monkeypatch, here)
    ours = renderers.renderers_fingerprint()
    fonts_in(monkeypatch, tmp_path / "there")
    assert renderers.renderers_fingerprint() == ours
    (there / "Extra.ttf").write_bytes(b"another font")
    assert renderers.renderers_fingerprint() != ours


def test_a_font_is_hashed_again_only_when_its_file_changes(tmp_path, monkeypatch):
    fonts_in(monkeypatch, tmp_path / "fonts")
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts/Clinic.ttf"
    font.write_bytes(b"one")
    kept = tmp_path / "build" / renderers.FONT_DIGESTS
    first = renderers.font_digests(kept)
    assert first == [hashlib.sha256(b"one").hexdigest()] and kept.is_file()
    # Bytes changed behind the file's back (same size, time and inode): the kept digest is used,
    # which shows the file was not read again.
    stat = font.stat()
    with font.open("r+b") as stream:
        stream.write(b"owe")
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert renderers.font_digests(kept) == first
    assert renderers.font_digests(None) == [hashlib.sha256(b"owe").hexdigest()]
    os.utime(font, ns=(1, 1))  # its time changes: read again
    assert renderers.font_digests(kept) == [hashlib.sha256(b"owe").hexdigest()]
    kept.write_text("{not json")  # a kept file that cannot be read is made again
    assert renderers.font_digests(kept) == [hashlib.sha256(b"owe").hexdigest()]
    assert json.loads(kept.read_text())["fonts"][str(font)][3] == hashlib.sha256(b"owe").hexdigest()


def test_a_build_keeps_the_font_digests_beside_its_manifest(project):
    code_fingerprint.cache_clear()
    try:
        build(project, plan_jobs(project, formats=("pptx",)))
    finally:
        code_fingerprint.cache_clear()
    kept = json.loads((project.root / "build" / renderers.FONT_DIGESTS).read_text())["fonts"]
    assert kept and all(len(facts) == 4 for facts in kept.values())
