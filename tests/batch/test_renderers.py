"""The renderers' versions and the system's fonts are part of every output's fingerprint."""

from __future__ import annotations

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


def test_a_font_file_that_changes_changes_the_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setattr(renderers, "FONT_FOLDERS", (str(tmp_path),))
    (tmp_path / "Clinic.ttf").write_bytes(b"one")
    before = renderers.renderers_fingerprint()
    assert renderers.renderers_fingerprint() == before
    (tmp_path / "Clinic.ttf").write_bytes(b"a longer font")
    assert renderers.renderers_fingerprint() != before
