"""The command line, end to end on fixture projects, including bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kapdocs.cli import app

from conftest import FRONT, write

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def outputs(project):
    """The files a build wrote, apart from its manifest, its font digests and its catalog page (build/index.html)."""
    return sorted(p.relative_to(project.root).as_posix() for p in (project.root / "build").rglob("*")
                  if p.is_file() and p.name not in ("manifest.json", "manifest.fonts.json", "index.html")
                  and ".thumbnails" not in p.parts)


def test_build_everything(project):
    result = run("build", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert outputs(project) == [
        "build/default/en/sample.pdf", "build/default/en/sample.pptx",
        "build/default/en/training.pdf", "build/default/en/training.pptx",
    ]
    assert "4 built, 0 skipped, 0 failed" in result.output


def test_build_one_format_to_another_folder(project, tmp_path):
    out = tmp_path / "elsewhere"
    result = run("build", str(project.root / "handouts/sample.md"), "--format", "pptx", "--out", str(out),
                 "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*") if p.is_file() and ".thumbnails" not in p.parts) == [
        "index.html", "manifest.fonts.json", "manifest.json", "sample.pptx"]


def test_handout_and_deck_commands(project, tmp_path):
    pdf, pptx = tmp_path / "one.pdf", tmp_path / "one.pptx"
    assert run("handout", str(project.root / "handouts/sample.md"), "-o", str(pdf)).exit_code == 0
    assert run("deck", str(project.root / "handouts/sample.md"), "-o", str(pptx)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF") and pptx.read_bytes().startswith(b"PK")


BAD_INPUTS = {
    "broken YAML": (FRONT.replace("title: Bad input", "title: a: b"), "handouts/bad.md:3: invalid YAML"),
    "unknown container": (FRONT + "\n::: sidebar\nx\n:::\n", "handouts/bad.md:11: unknown block `::: sidebar`"),
    "missing alt text": (FRONT + "\n![](images/stages.png)\n", "handouts/bad.md:11: image `images/stages.png` has no alt text"),
    "raw HTML": (FRONT + "\n<script>alert(1)</script>\n", "handouts/bad.md:11: raw HTML is not allowed"),
    "image outside": (FRONT + "\n![Secret](../../secret.png)\n", "handouts/bad.md:11: image `../../secret.png` is outside the project"),
    "file URL image": (FRONT + "\n![Host](file:///etc/hostname)\n", "handouts/bad.md:11: image `file:///etc/hostname` is a URL"),
    "missing image": (FRONT + "\n![Gone](images/gone.png)\n", "handouts/bad.md:11: image `images/gone.png` does not exist"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_bad_input_is_one_clear_line_and_no_file(project, case, fmt):
    (project.root.parent / "secret.png").write_bytes(b"\x89PNG private")
    text, expected = BAD_INPUTS[case]
    write(project, "handouts/bad.md", text)
    result = run("build", str(project.root / "handouts/bad.md"), "--format", fmt, "--project", str(project.root))
    assert result.exit_code == 1
    assert f"error: {expected}" in result.output
    assert "Traceback" not in result.output
    assert outputs(project) == []  # nothing written, not even a temporary file


def test_one_failure_does_not_stop_the_others(project):
    write(project, "handouts/bad.md", FRONT + "\n::: sidebar\nx\n:::\n")
    result = run("build", "--format", "pdf", "--project", str(project.root))
    assert result.exit_code == 1
    assert outputs(project) == ["build/default/en/sample.pdf", "build/default/en/training.pdf"]
    assert "2 built, 0 skipped, 1 failed" in result.output


def test_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = subprocess.run([sys.executable, "-m", "kapdocs", "build"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("error: no kapdocs.toml in")
    assert "Traceback" not in result.stderr


def test_help_does_not_import_weasyprint():
    code = ("import sys; from kapdocs.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pptx')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_console_script_error_has_no_traceback(project):
    write(project, "handouts/bad.md", FRONT + "\n<div>x</div>\n")
    result = subprocess.run([sys.executable, "-m", "kapdocs", "handout", "handouts/bad.md", "-o", "x.pdf"],
                            cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: handouts/bad.md:11: raw HTML is not allowed in a source. use Markdown, or a ::: block for boxes and layout"]
    assert not (project.root / "x.pdf").exists()


#: Runs the command line in this process, noting what was loaded when it forked and at the end.
NOTING_FORKS = """
import json, os, sys
from kapdocs.cli import app
loaded_at_fork = []
os.register_at_fork(before=lambda: loaded_at_fork.append(
    sorted(m for m in ("jinja2", "markdown_it", "weasyprint") if m in sys.modules)))
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps({"loaded at fork": loaded_at_fork, "weasyprint here": "weasyprint" in sys.modules}))
"""


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="a handout is laid out ahead only on Linux with two cores or more")
def test_one_handout_is_laid_out_by_a_child_that_loads_weasyprint_while_the_source_is_read(project, tmp_path):
    pdf = tmp_path / "one.pdf"
    result = subprocess.run([sys.executable, "-c", NOTING_FORKS, "handout", "handouts/sample.md", "-o", str(pdf)],
                            cwd=project.root, capture_output=True, text=True, check=True)
    noted = json.loads(result.stdout.splitlines()[-1])
    # One child, started before the source's Markdown and HTML libraries load; WeasyPrint only there.
    assert noted == {"loaded at fork": [[]], "weasyprint here": False}
    from kapdocs.pipeline import Job, render

    assert pdf.read_bytes() == render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))[0]


#: Runs the `kapdocs` command as its console script does, noting what was loaded and whether the
#: collector was on when it forked, and at the end.
NOTING_EARLY_FORKS = """
import atexit, gc, json, os, sys
noted = {"at fork": []}
os.register_at_fork(before=lambda: noted["at fork"].append(
    sorted(m for m in ("typer", "kapdocs.cli.app", "jinja2", "weasyprint") if m in sys.modules) + [gc.isenabled()]))
atexit.register(lambda: print(json.dumps({**noted, "collecting": gc.isenabled(), "frozen": gc.get_freeze_count(),
    "loaded": sorted(m for m in ("segno", "fontTools", "weasyprint", "pptx") if m in sys.modules)})))
sys.argv = ["kapdocs", *sys.argv[1:]]
from kapdocs.__main__ import main
main()
"""


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="a handout is laid out ahead only on Linux with two cores or more")
def test_the_handout_command_starts_its_layout_process_first_and_never_collects(project, tmp_path):
    """`kapdocs handout` forks the process that lays its PDF out before typer and kapdocs' commands
    load, and like `kapdocs deck`, which makes one file too, runs without the garbage collector
    (and so never freezes what it holds); `kapdocs build` keeps it on. The process that reads the
    source loads only what that needs."""
    def run(*command: str) -> dict:
        result = subprocess.run([sys.executable, "-c", NOTING_EARLY_FORKS, *command], cwd=project.root,
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout.splitlines()[-1])

    pdf, pptx = tmp_path / "one.pdf", tmp_path / "one.pptx"
    # Reading the source needs neither segno (the default brand has no QR code) nor fontTools (it
    # ships no font files): 20 and 17 ms of imports the command no longer pays.
    assert run("handout", "handouts/sample.md", "-o", str(pdf)) == {"at fork": [[False]], "collecting": False,
                                                                   "frozen": 0, "loaded": []}
    assert run("deck", "handouts/sample.md", "-o", str(pptx)) == {"at fork": [], "collecting": False, "frozen": 0,
                                                                  "loaded": ["fontTools", "pptx", "segno"]}
    assert run("build", "--jobs", "1", "--format", "pdf", "--out", str(tmp_path / "b"))["collecting"] is True
    assert run("handout", "--help")["at fork"] == []  # nothing to lay out
    from kapdocs.pipeline import Job, render

    assert pdf.read_bytes() == render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))[0]


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="a handout is laid out ahead only on Linux with two cores or more")
def test_a_layout_process_started_early_is_ended_when_the_command_fails_before_it(project):
    """A command line that turns out wrong after the layout process has started (an unknown brand,
    a bad option) ends as before, with one line, and leaves no process behind."""
    for extra, message in ((["--brand", "nosuch"], "error: "), (["--no-such-option"], "No such option")):
        command = subprocess.Popen([sys.executable, "-m", "kapdocs", "handout", "handouts/sample.md", "-o", "x.pdf",
                                    *extra], cwd=project.root, start_new_session=True, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, err = command.communicate(timeout=60)
        assert command.returncode != 0 and message in err and "Traceback" not in err
        assert wait_until(lambda: not living_processes(command.pid)), "the layout process outlived the command"
        assert not (project.root / "x.pdf").exists()


def living_processes(group: int) -> list[int]:
    """The processes of a process group that have not ended (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue
        if int(pgrp) == group and state != "Z":
            found.append(int(stat.parent.name))
    return found


def wait_until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="a handout is laid out ahead only on Linux with two cores or more")
def test_a_killed_handout_command_leaves_no_file_and_no_process_behind(project, tmp_path):
    pdf = tmp_path / "one.pdf"
    command = subprocess.Popen([sys.executable, "-m", "kapdocs", "handout", "handouts/sample.md", "-o", str(pdf)],
                               cwd=project.root, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_until(lambda: len(living_processes(command.pid)) == 2), "the child laying the PDF out never started"
    command.kill()
    command.wait()
    assert wait_until(lambda: not living_processes(command.pid)), "the child outlived the command"
    assert not pdf.exists()


def test_an_error_met_while_laying_out_is_still_one_line(project):
    """A brand stylesheet that reaches for a private file is refused in the child that lays the
    handout out; the refusal ends the command as any bad input does."""
    brand = project.root / "templates/leaky"
    brand.mkdir(parents=True)
    from kapdocs.brand.kits import builtin_templates

    for name in ("brand.yaml", "logo.png"):
        (brand / name).write_bytes((builtin_templates() / "default" / name).read_bytes())
    css = (builtin_templates() / "default/handout.css").read_text()
    (brand / "handout.css").write_text(css + "\nbody { background: url(file:///etc/hostname) }\n")
    result = subprocess.run([sys.executable, "-m", "kapdocs", "handout", "handouts/sample.md", "--brand", "leaky",
                             "-o", "x.pdf"], cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: handouts/sample.md: the handout refers to a file it may not read: `file:///etc/hostname` is outside the "
        "project or missing. only files inside the project and its brand folder can be used"]
    assert not (project.root / "x.pdf").exists()


@pytest.mark.parametrize("command", [["handout", "handouts/sample.md", "-o", "one.pdf"],
                                     ["build", "--jobs", "1"], ["build", "--jobs", "2", "--force"]])
def test_a_command_leaves_no_temporary_files_behind(project, tmp_path, command):
    """WeasyPrint copies a stylesheet's fonts into a temporary folder that only its font
    configuration's finalizer removes, and a process ended at once (the worker and layout
    processes, and kapdocs itself when its work is done) runs no finalizer: kapdocs removes it."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = subprocess.run([sys.executable, "-m", "kapdocs", *command], cwd=project.root, capture_output=True,
                            text=True, env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout  # printed in full before the process ended
    assert sorted(p.name for p in temporary.iterdir()) == []


@pytest.mark.parametrize("option, expected", [
    (["--brand", "lakevew"], "error: no brand `lakevew`. the brands are cedar, default; for a new one, "
                             "create templates/lakevew/brand.yaml in the project"),
    (["--locale", "sp"], "error: unknown language `sp`. use a code such as en, es, ar or zh-Hans"),
])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_mistyped_brand_or_language_is_one_error_before_any_job(project, command, option, expected):
    result = subprocess.run([sys.executable, "-m", "kapdocs", command, *option], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [expected]  # not one per source, language and format
    assert not (project.root / "build").exists()


def test_one_handout_in_a_language_and_in_large_print(repo, tmp_path):
    """The front desk prints the Spanish intake form in large print without a batch build."""
    from pdfs import font_sizes, pdf_facts

    pdf = tmp_path / "intake-es.pdf"
    result = run("handout", str(repo.root / "handouts/intake.md"), "--locale", "es", "--large-print",
                 "-o", str(pdf), "--project", str(repo.root))
    assert result.exit_code == 0, result.output
    facts = pdf_facts(pdf.read_bytes())
    assert facts["lang"] == "es" and facts["title"] == "Formulario de ingreso para pacientes nuevos"
    assert f"Página 2 de {facts['pages']}" in facts["text"][1]  # in the patient header after page 1
    assert min(size for _, char, size, _ in font_sizes(pdf.read_bytes()) if char.strip()) >= 18
    assert list(tmp_path.iterdir()) == [pdf]


def test_one_deck_in_a_language(repo, tmp_path):
    from pptx import Presentation

    pptx = tmp_path / "how-ketamine-works-ar.pptx"
    result = run("deck", str(repo.root / "handouts/how-ketamine-works.md"), "--locale", "ar", "-o", str(pptx),
                 "--project", str(repo.root))
    assert result.exit_code == 0, result.output
    assert Presentation(str(pptx)).slides[0].shapes.title.text == "كيف يعمل الكيتامين"


#: Runs the `kapdocs` command as its console script does, noting what the command asked of its
#: layout process, in order: the folders of the stylesheets it sent ahead, then "render".
NOTING_ASKS = """
import atexit, json, sys
from kapdocs.batch import ahead
asked = []
prepare, render = ahead.RendererAhead.prepare, ahead.RendererAhead.render
def preparing(self, sheets, *args):
    asked.append([folder.name for _, folder in sheets])
    prepare(self, sheets, *args)
def rendering(self, *args, **kwargs):
    asked.append("render")
    return render(self, *args, **kwargs)
ahead.RendererAhead.prepare, ahead.RendererAhead.render = preparing, rendering
atexit.register(lambda: print(json.dumps(asked)))
sys.argv = ["kapdocs", *sys.argv[1:]]
from kapdocs.__main__ import main
main()
"""


@pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                    reason="a handout is laid out ahead only on Linux with two cores or more")
def test_the_handout_command_sends_its_stylesheets_ahead_of_the_handout(repo, tmp_path):
    """The brand's stylesheets as soon as the brand is loaded, then all of them (the notice's and
    the form's fonts too) before the HTML is made, then the handout."""
    pdf = tmp_path / "intake.pdf"
    result = subprocess.run([sys.executable, "-c", NOTING_ASKS, "handout", "handouts/intake.md", "-o", str(pdf)],
                            cwd=repo.root, capture_output=True, text=True, check=True)
    brand_sheets, all_sheets, last = json.loads(result.stdout.splitlines()[-1])
    assert brand_sheets == ["default", "default"]
    assert all_sheets == brand_sheets + ["shipped_fonts", "shipped_fonts"] and last == "render"
    from kapdocs.pipeline import Job, render

    assert pdf.read_bytes() == render(repo, Job(repo.root / "handouts/intake.md", "default", "pdf"))[0]


def test_quiet_prints_only_problems_and_completion_can_be_installed(project):
    quiet = subprocess.run([sys.executable, "-m", "kapdocs", "-q", "build", "--format", "html", "--project",
                            str(project.root)], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stdout == "" and (project.root / "build/default/en/sample.html").is_file()
    loud = subprocess.run([sys.executable, "-m", "kapdocs", "build", "--format", "html", "--force", "--project",
                           str(project.root)], capture_output=True, text=True)
    assert "built build/default/en/sample.html" in loud.stdout
    shown = subprocess.run([sys.executable, "-m", "kapdocs", "--help"], capture_output=True, text=True).stdout
    assert "--install-completion" in shown and "--verbose" in shown


# ---- exit codes a script can rely on ---------------------------------------------------------

#: Runs the command line with one more command, which fails as a bug in kapdocs would.
WITH_A_BUG = """
import sys
from kapdocs.cli import app, main
@app.command()
def broken() -> None:
    {}["missing"]
sys.argv = ["kapdocs", "broken"]
main()
"""


def test_an_internal_error_exits_70_with_one_line_naming_a_log_of_the_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-c", WITH_A_BUG], capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    assert result.returncode == 70
    line, = result.stderr.strip().splitlines()
    assert line.startswith("internal error: KeyError: 'missing'. This is a bug in kapdocs: please report it with ")
    log = Path(line.rsplit(" ", 1)[1])
    assert log.parent == tmp_path and "Traceback" in log.read_text() and "in broken" in log.read_text()


def test_a_usage_error_exits_2_and_bad_input_1(project):
    usage = subprocess.run([sys.executable, "-m", "kapdocs", "build", "--no-such-option"], cwd=project.root,
                           capture_output=True, text=True)
    bad = subprocess.run([sys.executable, "-m", "kapdocs", "build", "handouts/none.md"], cwd=project.root,
                         capture_output=True, text=True)
    assert (usage.returncode, bad.returncode) == (2, 1)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_exits_3(project, stop):
    for n in range(2):
        write(project, f"handouts/copy{n}.md", (project.root / "handouts/sample.md").read_text()
              .replace("id: sample", f"id: copy{n}"))
    build = subprocess.Popen([sys.executable, "-m", "kapdocs", "build", "--jobs", "1", "--format", "pdf"],
                             cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert build.stdout.readline().startswith("built ")  # past start-up, building
    build.send_signal(stop)
    _, said = build.communicate(timeout=60)
    assert build.returncode == 3
    assert said.strip().splitlines()[-1] == ("interrupted: the outputs already written are whole; "
                                             "run the command again to finish")


def test_o_replaces_an_output_of_kapdocs_and_a_strangers_file_only_with_force(project, tmp_path):
    target = tmp_path / "one.pptx"
    for _ in range(2):  # the second time over its own deck
        assert run("deck", str(project.root / "handouts/sample.md"), "-o", str(target)).exit_code == 0
    target.write_text("a colleague's notes")
    with pytest.raises(Exception, match="a file kapdocs did not make is already there"):
        run("deck", str(project.root / "handouts/sample.md"), "-o", str(target))
    assert target.read_text() == "a colleague's notes"
    assert run("deck", str(project.root / "handouts/sample.md"), "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"PK")
