"""Transforms: image checks that keep content inside the project, and the output filter."""

from __future__ import annotations

import pytest

from kapdocs import model as m
from kapdocs.brand.schema import load_brand
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline

from conftest import FRONT, write


def read(project, relative="handouts/sample.md"):
    path = project.root / relative
    return read_source(path, project.shown(path))


def kinds(blocks):
    return [type(b).__name__ + (f":{b.kind}" if isinstance(b, m.Container) else "") for b in m.walk(blocks)]


def test_handout_branch_drops_deck_and_notes(project):
    document = apply_pipeline(read(project), Context(project, "handout", load_brand("default", project.root)))
    texts = [m.plain_text(c) for b in m.walk(document.blocks) for c in m.inlines_of(b)]
    assert "Only on paper." in texts
    assert "Only on the slide" not in texts
    assert "Only the presenter sees this." not in texts
    assert [k for k in kinds(document.blocks) if k.startswith("Container")] == ["Container:callout"]


def test_deck_branch_keeps_notes_and_drops_handout(project):
    document = apply_pipeline(read(project), Context(project, "deck", load_brand("default", project.root)))
    texts = [m.plain_text(c) for b in m.walk(document.blocks) for c in m.inlines_of(b)]
    assert "Only on the slide" in texts and "Only the presenter sees this." in texts
    assert "Only on paper." not in texts
    assert "Container:notes" in kinds(document.blocks)


def test_transforms_leave_their_input_alone(project):
    document = read(project)
    before = repr(document)
    apply_pipeline(document, Context(project, "handout", load_brand("default", project.root)))
    assert repr(document) == before


def test_image_paths_become_project_relative(project):
    document = apply_pipeline(read(project), Context(project, "handout", load_brand("default", project.root)))
    figure = next(b for b in m.walk(document.blocks) if isinstance(b, m.Figure))
    assert figure.image.src == "handouts/images/stages.png"


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("../../outside.png", "image `../../outside.png` is outside the project"),
        ("/etc/hostname", "image `/etc/hostname` is an absolute path"),
        ("file:///etc/hostname", "image `file:///etc/hostname` is a URL"),
        ("https://example.org/a.png", "image `https://example.org/a.png` is a URL"),
        ("images/missing.png", "image `images/missing.png` does not exist"),
        ("notes.txt", "image `notes.txt` is a .txt"),
    ],
)
def test_bad_images_are_refused_with_file_and_line(project, src, message):
    (project.root.parent / "outside.png").write_bytes(b"\x89PNG")
    write(project, "handouts/notes.txt", "not a picture")
    source = write(project, "handouts/bad.md", FRONT + f"\nText.\n\n![A picture]({src})\n")
    with pytest.raises(KapdocsError) as caught:
        apply_pipeline(read_source(source, project.shown(source)), Context(project, "handout", load_brand("default", project.root)))
    assert str(caught.value).startswith(f"handouts/bad.md:13: {message}")


@pytest.mark.parametrize(("beside", "refused"), [
    ((), False),                                     # a photo: no words, no versions
    (("stages.cedar.png",), False),                  # a brand's colours say nothing of words
    (("stages.es.png",), True),                      # translated: it has words
    (("stages.cedar.zh-Hans.png",), True),
    (("stages.large-print.es.svg",), True),          # a large-print version, not in English
    (("stages.es.png", "stages.large-print.svg"), False),  # words, and a large-print version
])
def test_large_print_refuses_a_picture_with_words_and_no_large_print_version(project, beside, refused):
    """Its words would print at the picture's scale (the four-stages PNG's at about 9 pt), and
    no audit can read a picture's words back to say so."""
    images = project.root / "handouts/images"
    for name in beside:
        (images / name).write_bytes((images / "stages.png").read_bytes() if name.endswith(".png")
                                    else b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    context = Context(project, "handout", load_brand("default", project.root, large_print=True), large_print=True)
    if not refused:
        apply_pipeline(read(project), context)
        return
    with pytest.raises(KapdocsError) as caught:
        apply_pipeline(read(project), context)
    assert "image `images/stages.png` has words in it and no large-print version in this language" in str(caught.value)
    assert "stages.large-print.en.svg" in caught.value.hint


def test_symlink_out_of_the_project_is_refused(project, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG private")
    (project.root / "handouts/images/link.png").symlink_to(secret)
    source = write(project, "handouts/bad.md", FRONT + "\n![A picture](images/link.png)\n")
    with pytest.raises(KapdocsError, match="is outside the project"):
        apply_pipeline(read_source(source, project.shown(source)), Context(project, "handout", load_brand("default", project.root)))


def test_brand_variables_are_filled_in(project):
    source = write(project, "handouts/vars.md", FRONT + "\nCall {{ clinic.phone }} or visit {{clinic.web}}.\n\n- {{ clinic.name }}\n")
    document = apply_pipeline(read_source(source), Context(project, "handout", load_brand("default", project.root)))
    texts = [m.plain_text(c) for b in m.walk(document.blocks) for c in m.inlines_of(b)]
    assert texts == ["Call (503) 555-0142 or visit lakeview-clinic.example.org.", "Lakeview Mind & Body Clinic"]


EVERYWHERE = """---
id: everywhere
title: Call {{ clinic.phone }}
subtitle: At {{ clinic.name }}
summary: Questions? Call {{ clinic.phone }}.
lang: en
version: "1"
reviewed: 2026-10-01
reviewed_by: R
next_review: 2027-10-01
---

## Help

::: callout info "Call {{ clinic.phone }}"
Any time.[^1]
:::

![The {{ clinic.name }} building](images/stages.png "{{ clinic.web }}")

[^1]: Ask {{ clinic.name }}.
"""


def test_brand_variables_are_filled_in_every_text_a_reader_sees(project):
    source = write(project, "handouts/everywhere.md", EVERYWHERE)
    document = apply_pipeline(read_source(source), Context(project, "handout", load_brand("default", project.root)))
    meta = document.meta
    assert (meta.title, meta.subtitle, meta.summary) == (
        "Call (503) 555-0142", "At Lakeview Mind & Body Clinic", "Questions? Call (503) 555-0142.")
    callout = next(b for b in m.walk(document.blocks) if isinstance(b, m.Container) and b.kind == "callout")
    figure = next(b for b in m.walk(document.blocks) if isinstance(b, m.Figure))
    assert callout.args[-1] == "Call (503) 555-0142"
    assert (figure.image.alt, figure.image.title) == ("The Lakeview Mind & Body Clinic building", "lakeview-clinic.example.org")
    assert m.plain_text(document.footnotes[0].blocks[0].content) == "Ask Lakeview Mind & Body Clinic."
    assert "{{" not in repr(document)


@pytest.mark.parametrize("where, text", [("title", "title: Call {{ clinic.fax }}\n"),
                                         ("callout", '::: callout info "Fax {{ clinic.fax }}"\nText.\n:::\n')])
def test_an_unknown_variable_outside_the_text_is_an_error_too(project, where, text):
    source = write(project, "handouts/vars.md", FRONT.replace("title: Bad input\n", text) if where == "title"
                   else FRONT + "\n" + text)
    with pytest.raises(KapdocsError, match=r"unknown variable `\{\{ clinic.fax \}\}`"):
        apply_pipeline(read_source(source), Context(project, "handout", load_brand("default", project.root)))


def test_unknown_variable_is_an_error_with_its_line(project):
    source = write(project, "handouts/vars.md", FRONT + "\nText.\n\n- Call {{ clinic.fax }}\n")
    with pytest.raises(KapdocsError, match=r"handouts/vars.md:13: unknown variable `\{\{ clinic.fax \}\}`. use one of: clinic.address"):
        apply_pipeline(read_source(source), Context(project, "handout", load_brand("default", project.root)))
