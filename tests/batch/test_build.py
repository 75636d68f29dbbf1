"""Batch builds: skipping by hash, rebuilding what changed, shards, failures, interrupts, Dask."""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from kapdocs.batch.build import BuildOptions, build
from kapdocs.batch.plan import plan_jobs, shard
from kapdocs.cli import app
from kapdocs.brand.kits import builtin_templates
from kapdocs.batch.manifest import Manifest

from conftest import FRONT, write


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def statuses(project, *args: str) -> dict[str, str]:
    """Build with --json; output (relative to build/) → built | skipped | failed."""
    result = run("build", "--json", "--jobs", "1", "--project", str(project.root), *args)
    data = json.loads(result.output)
    return {(r["output"] or r["source"]).removeprefix("build/"): r["status"] for r in data["results"]}


def add_translation(project) -> None:
    """Spanish catalogs (the source text standing in for Spanish), so the matrix has a second language."""
    assert run("i18n", "update", "--locale", "es", "--project", str(project.root)).exit_code == 0
    import polib

    for path in project.root.glob("*/locales/es/*.po"):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = entry.msgid
        catalog.save()
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'locales = ["es"]\n')


def test_an_unchanged_job_is_skipped_and_its_file_left_alone(project):
    first = statuses(project)
    assert set(first.values()) == {"built"} and len(first) == 4
    stamps = {p: p.stat().st_mtime_ns for p in (project.root / "build").rglob("*.p*")}
    second = statuses(project)
    assert second == {name: "skipped" for name in first}
    assert stamps == {p: p.stat().st_mtime_ns for p in (project.root / "build").rglob("*.p*")}
    assert set(statuses(project, "--force").values()) == {"built"}


def test_touching_a_source_rebuilds_only_its_outputs(project):
    statuses(project)
    source = project.root / "handouts/sample.md"
    source.write_text(source.read_text().replace("One main message", "One main message, reworded"))
    assert statuses(project) == {"default/en/sample.pdf": "built", "default/en/sample.pptx": "built",
                                 "default/en/training.pdf": "skipped", "default/en/training.pptx": "skipped"}


def test_touching_a_catalog_rebuilds_only_that_language(project):
    add_translation(project)
    assert set(statuses(project).values()) == {"built"}
    catalog = project.root / "handouts/locales/es/sample.po"
    catalog.write_text(catalog.read_text().replace('msgstr "Sample handout"', 'msgstr "Folleto de ejemplo"'))
    changed = {name for name, status in statuses(project).items() if status == "built"}
    assert changed == {"default/es/sample.pdf", "default/es/sample.pptx"}


def test_touching_a_brand_template_rebuilds_that_brands_outputs(project):
    folder = project.root / "templates" / "clinic"
    shutil.copytree(builtin_templates() / "default", folder)
    assert set(statuses(project, "--brand", "clinic").values()) == {"built"}
    css = folder / "handout.css"
    css.write_text(css.read_text() + "\n/* a new rule */\n")
    assert set(statuses(project, "--brand", "clinic").values()) == {"built"}
    assert set(statuses(project, "--brand", "clinic").values()) == {"skipped"}


def two_generations(project) -> Path:
    """templates/clinic extends templates/family, which extends the built-in default; → family's folder."""
    for key, parent, colour in (("family", "default", "#1F4E79"), ("clinic", "family", "")):
        folder = project.root / "templates" / key
        folder.mkdir(parents=True)
        shutil.copy(builtin_templates() / "default" / "logo.png", folder / "logo.png")
        own = f'colours:\n  primary: "{colour}"\n' if colour else ""
        (folder / "brand.yaml").write_text(f"extends: {parent}\nname: {key.title()} clinic\n{own}")
    return project.root / "templates" / "family"


@pytest.mark.parametrize("edit", ["brand.yaml", "handout.css", "locales/es.po", "logo.png"])
def test_a_change_in_a_parent_brand_rebuilds_the_brands_that_extend_it(project, edit):
    parent = two_generations(project)
    assert set(statuses(project, "--brand", "clinic").values()) == {"built"}
    assert set(statuses(project, "--brand", "clinic").values()) == {"skipped"}
    changed = parent / edit
    changed.parent.mkdir(parents=True, exist_ok=True)
    if edit == "brand.yaml":
        changed.write_text(changed.read_text().replace("#1F4E79", "#2B5D34"))
    elif edit == "logo.png":
        shutil.copy(project.root / "handouts/images/stages.png", changed)
    else:
        changed.write_text("/* the parent's own file */\n")
    assert set(statuses(project, "--brand", "clinic").values()) == {"built"}
    assert set(statuses(project, "--brand", "clinic").values()) == {"skipped"}


def test_a_picture_added_in_the_language_rebuilds_that_language(project):
    add_translation(project)
    statuses(project)
    images = project.root / "handouts/images"
    shutil.copy(images / "stages.png", images / "stages.es.png")
    changed = {name for name, status in statuses(project).items() if status == "built"}
    assert changed == {"default/es/sample.pdf", "default/es/sample.pptx"}


def test_an_output_changed_by_hand_is_rebuilt(project):
    statuses(project)
    (project.root / "build/default/en/sample.pdf").write_bytes(b"%PDF-1.7 edited")
    assert statuses(project)["default/en/sample.pdf"] == "built"


def test_every_job_is_in_exactly_one_shard(repo):
    jobs = plan_jobs(repo, brands=("all",), large_print=False)
    jobs += plan_jobs(repo, brands=("all",), large_print=True)
    shards = [shard(jobs, repo, k, 3) for k in (1, 2, 3)]
    keys = [job.key(repo) for part in shards for job in part]
    assert sorted(keys) == sorted(job.key(repo) for job in jobs) and len(set(keys)) == len(jobs)
    assert all(shards)  # none empty: the hash spreads them
    assert shard(jobs, repo, 2, 3) == shards[1]  # the same slice every time


def test_shard_manifests_merge_into_one_that_skips_everything(project, tmp_path):
    for k in (1, 2):
        result = run("build", "--shard", f"{k}/2", "--jobs", "1", "--out", str(tmp_path / f"s{k}"),
                     "--project", str(project.root))
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"s{k}/manifest.json").is_file()  # even a shard that got no jobs writes one
    merged = project.root / "build/manifest.json"
    for k in (1, 2):
        shutil.copytree(tmp_path / f"s{k}", project.root / "build", dirs_exist_ok=True, ignore=shutil.ignore_patterns("manifest.json"))
    result = run("manifest", "merge", str(tmp_path / "s1/manifest.json"), str(tmp_path / "s2/manifest.json"),
                 "-o", str(merged))
    assert result.exit_code == 0 and "(4 outputs)" in result.output
    assert set(statuses(project).values()) == {"skipped"}


def test_a_bad_shard_is_a_clear_error(project):
    result = run("build", "--shard", "3/2", "--project", str(project.root))
    assert result.exit_code == 1 and "shard 3/2 does not exist" in str(result.exception or result.output)


def test_one_failing_job_does_not_stop_the_pool(project):
    write(project, "handouts/bad.md", FRONT + "\n::: sidebar\nx\n:::\n")
    result = run("build", "--jobs", "2", "--json", "--project", str(project.root))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"built": 4, "skipped": 0, "failed": 2, "seconds": data["summary"]["seconds"],
                               "slow_subsetting": False}
    errors = {r["error"] for r in data["results"] if r["status"] == "failed"}
    assert errors == {"handouts/bad.md:11: unknown block `::: sidebar`. use one of: callout, column, columns, deck, "
                      "faq, form, handout, include, notes, stats, steps"}


def test_a_killed_build_leaves_whole_files_and_the_next_run_finishes_it(project):
    for n in range(6):
        write(project, f"handouts/copy{n}.md", (project.root / "handouts/sample.md").read_text()
              .replace("id: sample", f"id: copy{n}"))
    command = [sys.executable, "-m", "kapdocs", "build", "--jobs", "1", "--format", "pdf", "--project", str(project.root)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    out = project.root / "build/default/en"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 2:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = sorted(p.name for p in out.glob("*.pdf"))
    assert 2 <= len(finished) < 8, finished
    for path in out.glob("*.pdf"):
        assert len(PdfReader(path).pages) >= 1  # every file there is whole
    again = statuses(project, "--format", "pdf")
    assert {name.rsplit("/", 1)[1] for name, status in again.items() if status == "skipped"} == set(finished)
    assert sum(status == "built" for status in again.values()) == 8 - len(finished)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_outputs_are_created_as_any_new_file_is(project, umask):
    """Written through a temporary file, outputs were private to the account that built them
    (rw-------), which the front desk's print account or a web server could not read."""
    subprocess.run([sys.executable, "-m", "kapdocs", "build", "--format", "pptx", "--project", str(project.root)],
                   check=True, capture_output=True, preexec_fn=lambda: os.umask(umask))
    written = [p for p in (project.root / "build").rglob("*") if p.is_file()]
    assert len(written) == 7  # two decks, their pictures, the manifest, its font digests and the catalog page
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(0o666 & ~umask)}


def test_dask_builds_byte_identical_files_and_records_the_same_inputs(project, tmp_path):
    """On workers with two threads each, as `dask worker` gives one thread a core by default.
    Jobs run side by side in one process recorded each other's reads: one output was recorded
    with no inputs at all, and so would never have been rebuilt."""
    distributed = pytest.importorskip("distributed")
    jobs = plan_jobs(project)
    local = build(project, jobs, BuildOptions(out=tmp_path / "local", workers=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=True,
                                  dashboard_address=None) as cluster:
        remote = build(project, jobs, BuildOptions(out=tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address))
    assert all(r.ok for r in local + remote)
    files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*.p*"))
    assert len(files) == 4
    for name in files:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    recorded = {where: {key: entry.inputs for key, entry in Manifest.load(tmp_path / where / "manifest.json").entries.items()}
                for where in ("local", "dask")}
    assert all(recorded["local"].values()) and recorded["dask"] == recorded["local"]


def test_the_manifest_names_only_the_projects_files_so_another_machine_agrees(project):
    """kapdocs' own files (code, catalogs, built-in brands) are in the code fingerprint by content;
    named in the manifest by their absolute path, they would be absent on any other machine or
    environment, and every output there would rebuild."""
    from kapdocs.brand.kits import builtin_templates

    assert run("build", "--project", str(project.root)).exit_code == 0
    manifest = Manifest.load(project.root / "build/manifest.json")
    names = {name for entry in manifest.entries.values() for name in entry.inputs}
    assert names and not [name for name in names if Path(name).is_absolute()], sorted(names)[:5]
    assert any(name.startswith("handouts/") for name in names)
    assert not builtin_templates().is_relative_to(project.root)  # the built-in brands were read from outside


def test_help_and_a_no_change_rebuild_never_import_the_renderers(project):
    """Nor Babel, markdown-it or Jinja: planning reads front matter only (a no-change rebuild is
    mostly start-up). Nor pydantic: typer 0.29 coerces every option through it, 0.1 s a start."""
    assert run("build", "--project", str(project.root)).exit_code == 0
    code = ("import sys; from kapdocs.cli import app; from typer.testing import CliRunner; "
            f"r = CliRunner().invoke(app, ['build', '--project', {str(project.root)!r}]); "
            "assert r.exit_code == 0 and '0 built, 4 skipped' in r.output, r.output; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pptx', 'fontTools', 'babel', 'markdown_it', 'jinja2', 'pydantic'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_manifest_journal_is_folded_in_and_a_torn_line_ignored(project):
    assert run("build", "--project", str(project.root), "--jobs", "1").exit_code == 0
    manifest = Manifest.load(project.root / "build/manifest.json")
    assert len(manifest.entries) == 4 and not manifest.journal.exists()
    written = json.loads(manifest.path.read_text())
    files = [tuple(pair) for pair in written["inputs"]]
    assert len(set(files)) == len(files)  # each input file with its digest once, named by index
    assert {tuple(files[i] for i in value["inputs"]) for value in written["outputs"].values()} == \
        {tuple(entry.inputs.items()) for entry in manifest.entries.values()}
    # One input or output a line, inside the opening, the middle and the closing.
    assert len(manifest.path.read_text().splitlines()) == len(files) + 4 + 3
    key, entry = next(iter(manifest.entries.items()))
    del manifest.entries[key]
    manifest.save()
    manifest.record(key, entry)
    with manifest.journal.open("a") as stream:
        stream.write('{"key": "half a line')
    assert Manifest.load(manifest.path).entries[key] == entry


def test_a_manifest_of_an_older_layout_rebuilds_everything(project):
    assert run("build", "--project", str(project.root), "--jobs", "1").exit_code == 0
    path = project.root / "build/manifest.json"
    path.write_text(path.read_text().replace('"layout": 2', '"layout": 1'))
    result = run("build", "--project", str(project.root), "--jobs", "1")
    assert "4 built, 0 skipped, 0 failed" in result.output
    assert len(Manifest.load(path).entries) == 4


def test_a_skipped_output_still_says_what_was_wrong_with_it(project):
    """A warning is true of the file until its inputs change: the manifest keeps it, and a
    rebuild that skips the file says it again (as it was when the file was built)."""
    from kapdocs.brand.kits import builtin_templates

    brand = project.root / "templates/typo"
    brand.mkdir(parents=True)
    for name in ("brand.yaml", "logo.png"):
        (brand / name).write_bytes((builtin_templates() / "default" / name).read_bytes())
    css = (builtin_templates() / "default/handout.css").read_text()
    (brand / "handout.css").write_text(css + "body { colour: #333 }\n")  # a typo WeasyPrint ignores, with a warning
    build = ["build", "--brand", "typo", "--format", "pdf", "--jobs", "1", "--project", str(project.root)]

    def said(*extra: str) -> list[tuple[str, str, str]]:
        results = json.loads(run(*build, "--json", *extra).output)["results"]
        return [(r["output"], r["status"], w) for r in results for w in r["warnings"] if "colour" in w]

    first = said()
    assert [status for _, status, _ in first] == ["built", "built"]  # the sample and the training handout
    assert said() == [(output, "skipped", warning) for output, _, warning in first]
    assert f"warning: {first[0][0]}: {first[0][2]}" in run(*build).output


def test_pptx_outputs_are_whole_zip_files(project):
    run("build", "--format", "pptx", "--project", str(project.root))
    for path in (project.root / "build").rglob("*.pptx"):
        assert zipfile.ZipFile(io.BytesIO(path.read_bytes())).testzip() is None


def test_slow_font_subsetting_is_said_once_with_the_fix(project, capsys):
    from kapdocs.pipeline import Job
    from kapdocs.batch.build import Result
    from kapdocs.batch.progress import BatchReport

    jobs = [Job(project.root / "handouts/sample.md", "default", fmt) for fmt in ("pdf", "pptx")]
    with BatchReport(project, 2) as report:
        for job in jobs:
            report.add(Result(job, project.root / f"build/x.{job.format}", 1, slow_subsetting=job.format == "pdf"))
    report.finish(1.0)
    err = capsys.readouterr().err
    assert err.count("about 3× slower") == 1 and "apt-get install libharfbuzz-subset0" in err


def _report(project, **options):
    from kapdocs.pipeline import Job
    from kapdocs.batch.build import Result
    from kapdocs.batch.progress import BatchReport

    jobs = [Job(project.root / "handouts/sample.md", "default", fmt) for fmt in ("pdf", "pptx")]
    with BatchReport(project, 2, **options) as report:
        report.add(Result(jobs[0], project.root / "build/default/en/sample.pdf", 3))
        report.add(Result(jobs[1], project.root / "build/default/en/sample.pptx", 9, skipped=True))
    report.finish(1.25)


def test_a_log_gets_plain_lines_and_a_terminal_a_table(project, capsys, monkeypatch):
    """Rich draws only for someone watching: a log (CI, a pipe) has no use for a bar or a box."""
    _report(project)
    out = capsys.readouterr().out
    assert out.splitlines() == ["built build/default/en/sample.pdf (3 pages, 0.00 s)",
                                "1 built, 1 skipped, 0 failed in 1.2 s"]

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _report(project)
    out = capsys.readouterr().out
    assert re.search(r"built\s*┃\s*skipped\s*┃\s*failed\s*┃\s*time", out), out
    assert re.search(r"1\s*│\s*1\s*│\s*0\s*│\s*1\.2 s", out) and "1 built, 1 skipped, 0 failed" in out


def test_a_job_reports_the_memory_its_worker_holds():
    """The benchmark's leak check reads these: the resident size, and what malloc has handed out
    and not had back, which grows at once with memory held on to."""
    from kapdocs.batch.executors import _heap_kb, _resident_kb

    before = _heap_kb()
    held = [b"x" * (1 << 20) for _ in range(8)]
    assert _heap_kb() - before >= 8 * 1024 - 64
    assert _resident_kb() > 0
    del held


def test_a_process_freezes_what_it_loaded_once_and_ends_cleanly(project):
    """After its first job a process freezes what it holds, so that the garbage collector stops
    going through WeasyPrint and the caches at every full collection; only once, since whatever
    is frozen is never collected as part of a cycle. At exit it is finalized without an error."""
    jobs = [job for job in plan_jobs(project) if job.format == "pdf"][:1] + \
        [job for job in plan_jobs(project) if job.format == "pptx"][:1]
    code = ("import gc, pickle, sys; from pathlib import Path; from kapdocs.batch.executors import make; "
            f"jobs = pickle.loads({pickle.dumps(jobs)!r}); counts = [gc.get_freeze_count()]; "
            f"counts += [(make(Path({str(project.root)!r}), job).error or gc.get_freeze_count()) for job in jobs * 2]; "
            "print(counts)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    counts = json.loads(result.stdout)
    assert counts[0] == 0 and counts[1] > 10_000, counts  # WeasyPrint and the first handout's caches
    # Frozen objects can still be freed when nothing refers to them; nothing is frozen later
    # (python-pptx, first loaded by the second job, would add thousands).
    assert all(later <= earlier for earlier, later in zip(counts[1:], counts[2:])), counts


def _jobs(*kinds: str):
    """Jobs named `language:brand:format`, a source each (the dispatcher looks at nothing else)."""
    from kapdocs.pipeline import Job

    return [Job(Path(f"handouts/{n}.md"), brand, fmt, language)
            for n, kind in enumerate(kinds) for language, brand, fmt in [kind.split(":")]]


def test_each_worker_keeps_to_the_languages_it_has_while_they_last():
    """Two workers asking in turn: each gets one language's handouts, then the brand it has, and
    decks only when no handout is left; every job is handed out once."""
    from kapdocs.batch.executors import Dispatch

    jobs = _jobs(*[f"{language}:{brand}:{fmt}" for fmt in ("pptx", "pdf") for language in ("", "es")
                   for brand in ("cedar", "default") for _ in range(2)])
    dispatch = Dispatch(jobs, 2)
    given: list[list] = [[], []]
    while (job := dispatch.next_for(len(given[0]) > len(given[1]))) is not None:
        given[len(given[0]) > len(given[1])].append(job)
    assert sorted(map(id, given[0] + given[1])) == sorted(map(id, jobs))
    for worker in given:
        assert len({job.locale for job in worker}) == 1  # the other's language never came to it
        assert [job.format for job in worker] == ["pdf"] * 4 + ["pptx"] * 4
        assert [job.brand for job in worker[:4]] == ["cedar", "cedar", "default", "default"]


def test_a_worker_whose_languages_are_done_takes_over_anothers():
    from kapdocs.batch.executors import Dispatch

    dispatch = Dispatch(_jobs("es:default:pdf", "es:default:pdf", "es:default:pdf", "vi:default:pdf"), 2)
    first, second = dispatch.next_for(0), dispatch.next_for(1)
    assert (first.locale, second.locale) == ("es", "vi")
    assert dispatch.next_for(1).locale == "es" and dispatch.next_for(0).locale == "es"
    assert dispatch.next_for(0) is None and dispatch.next_for(1) is None


def test_a_worker_that_dies_fails_the_jobs_it_held_and_a_new_one_builds_the_rest(project, monkeypatch):
    """A worker killed in the middle of a job (out of memory, say) takes down only that job and
    the one waiting behind it; a worker started in its place builds the rest. (The workers are
    forked from this process, so they run the patched function.)"""
    from kapdocs.batch import executors

    for n in range(4):
        write(project, f"handouts/copy{n}.md", (project.root / "handouts/sample.md").read_text()
              .replace("id: sample", f"id: copy{n}"))
    made = executors._make

    def dies_on_one(root, job):
        if job.source.stem == "copy1" and job.format == "pdf":
            os._exit(9)
        return made(root, job)

    monkeypatch.setattr(executors, "_make", dies_on_one)
    results = build(project, plan_jobs(project), BuildOptions(workers=2))
    failed = [r for r in results if r.error]
    assert len(results) == 12 and 1 <= len(failed) <= 2
    assert "copy1.md" in {r.job.source.name for r in failed if r.job.format == "pdf"}
    assert all("BrokenProcessPool" in r.error and not r.internal for r in failed)
    assert all(r.path.is_file() for r in results if not r.error)


# ---- faults: a broken picture, a broken manifest, two builds at once, a parent killed -------------

def test_a_corrupt_picture_fails_the_job_and_the_next_build_retries_it(project):
    picture = project.root / "handouts/images/stages.png"
    whole = picture.read_bytes()
    picture.write_bytes(whole[:300])  # cut short, as a failed copy leaves it
    first = statuses(project, "--format", "pdf")
    assert first == {"handouts/sample.md": "failed", "default/en/training.pdf": "built"}
    assert statuses(project, "--format", "pdf")["handouts/sample.md"] == "failed"  # tried again, not skipped
    picture.write_bytes(whole)
    assert statuses(project, "--format", "pdf")["default/en/sample.pdf"] == "built"


def test_an_unreadable_manifest_is_set_aside_and_everything_rebuilt(project):
    """Valid JSON of the current layout, broken inside (a torn file and another program's JSON are
    in tests/cli/test_bad_input.py)."""
    text = '{"layout": 2, "inputs": 7, "outputs": {}}'
    assert run("build", "--format", "pptx", "--project", str(project.root)).exit_code == 0
    write(project, "build/manifest.json", text)
    result = subprocess.run([sys.executable, "-m", "kapdocs", "build", "--format", "pptx"], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "warning: manifest.json could not be read" in result.stderr
    assert "2 built, 0 skipped, 0 failed" in result.stdout
    assert (project.root / "build/manifest.json.unreadable").read_text() == text
    assert len(Manifest.load(project.root / "build/manifest.json").entries) == 2


def test_two_builds_into_one_folder_leave_a_whole_manifest(project):
    command = [sys.executable, "-m", "kapdocs", "build", "--jobs", "2", "--force", "--format", "pptx"]
    builds = [subprocess.Popen(command, cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    ended = [(b.wait(timeout=120), b.stderr.read()) for b in builds]
    for b in builds:
        b.stderr.close()
    assert sorted(code for code, _ in ended) in ([0, 0], [0, 3]), ended
    for code, said in ended:
        if code == 3:
            assert "another build is writing into this folder" in said
    manifest = Manifest.load(project.root / "build/manifest.json")
    assert not manifest.set_aside and not manifest.journal.exists()
    assert len(manifest.entries) == 2


def test_a_second_build_is_refused_while_one_holds_the_folder(project):
    from kapdocs.batch.manifest import output_lock

    with output_lock(project.root / "build"):
        result = subprocess.run([sys.executable, "-m", "kapdocs", "build"], cwd=project.root,
                                capture_output=True, text=True)
    assert result.returncode == 3
    assert result.stderr.strip().endswith("another build is writing into this folder. wait for it to finish, "
                                          "or build into another folder with --out")


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(project):
    for n in range(4):
        write(project, f"handouts/copy{n}.md", (project.root / "handouts/sample.md").read_text()
              .replace("id: sample", f"id: copy{n}"))
    parent = subprocess.Popen([sys.executable, "-m", "kapdocs", "build", "--jobs", "2", "--format", "pdf"],
                              cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children) < 2:
        time.sleep(0.05)
        children = [int(pid) for pid in Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()]
    assert len(children) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(map(_alive, children)):
        time.sleep(0.1)
    assert not any(map(_alive, children))


def test_a_bug_in_a_worker_fails_its_job_exits_70_and_keeps_the_traceback(project, monkeypatch, tmp_path):
    from kapdocs.batch import executors

    made = executors._make

    def buggy_on_one(root, job):
        if job.source.stem == "training" and job.format == "pdf":
            {}["missing"]
        return made(root, job)

    monkeypatch.setattr(executors, "_make", buggy_on_one)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the log goes
    result = run("build", "--jobs", "2", "--json", "--project", str(project.root))
    assert result.exit_code == 70
    failed, = [r for r in json.loads(result.output)["results"] if r["status"] == "failed"]
    assert failed["error"].startswith("training.md: internal error (KeyError: 'missing'). This is a bug in kapdocs: "
                                      "please report it with ")
    log = Path(failed["error"].rsplit(" ", 1)[1])
    assert log.parent == tmp_path and "in buggy_on_one" in log.read_text()


def test_the_samples_are_released_in_every_language_with_nothing_left_out(repo):
    """Issue 32: 4 sources × 5 languages for each brand, and `--strict` has nothing to refuse."""
    from kapdocs.batch.plan import plan_jobs, skipped

    assert skipped(repo, None, ("all",)) == []
    jobs = plan_jobs(repo, brands=("all",), locales=("all",), formats=("pdf",))
    brands = {job.brand for job in jobs}
    assert len(repo.sources()) == 4 and len(brands) >= 2
    pairs = {(job.source.name, job.locale or "en") for job in jobs}
    assert len(pairs) == 4 * 5 and len(jobs) == 4 * 5 * len(brands)


def test_a_build_of_every_language_lists_what_it_leaves_out_and_strict_refuses(project):
    add_translation(project)
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text().replace('locales = ["es"]\n', 'locales = ["es"]\n\n[released]\nar = ["sample"]\n'))
    result = run("build", "--format", "pdf", "--locale", "all", "--jobs", "1", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert "skipped handouts/sample.md in ar: released in ar but has no catalog" in result.stderr
    assert "skipped decks/training.md in ar: not released in ar (kapdocs.toml)" in result.stderr
    out = project.root / "strict-build"
    strict = run("build", "--format", "pdf", "--locale", "all", "--strict", "--out", str(out), "--project", str(project.root))
    assert strict.exit_code == 1 and "2 source × language pair(s) would be left out" in str(strict.exception)
    assert not out.exists()
