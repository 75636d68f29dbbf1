"""The picture check: whole PNG, JPEG and GIF files pass; cut, mislabelled, oversized and
entity-declaring ones fail, whether or not WeasyPrint (which tells Pillow to accept cut files)
is loaded in the process."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from kapdocs.support.pictures import picture_problem


def picture(kind: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, kind)
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels, with a few bytes of data: a bomb's shape."""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, data", [("a.png", picture("PNG")), ("a.jpg", picture("JPEG")), ("a.gif", picture("GIF")),
                                        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')])
def test_whole_pictures_pass(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert picture_problem(tmp_path / name, 40) is None


@pytest.mark.parametrize("name, data, too_big, says", [
    ("cut.png", picture("PNG", (400, 300))[:200], False, "cannot be read as a picture"),
    ("cut.jpg", picture("JPEG", (400, 300))[:400], False, "cannot be read as a picture"),
    ("text.png", b"hello", False, "cannot be read as a picture"),
    ("bmp.png", picture("BMP"), False, "is a BMP picture, not PNG, JPEG or GIF"),
    ("large.png", claiming(8_000, 8_000), True, "is 8000 × 8000 pixels (64 megapixels)"),
    ("bomb.png", claiming(50_000, 50_000), True, "has too many pixels"),
    ("entities.svg", b'<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', False,
     "declares a document type or entities"),
    ("broken.svg", b"<svg", False, "is not well-formed SVG"),
])
@pytest.mark.parametrize("weasyprint_loaded", [False, True])
def test_broken_or_oversized_pictures_fail(tmp_path, name, data, too_big, says, weasyprint_loaded):
    if weasyprint_loaded:
        import weasyprint  # noqa: F401  (sets Pillow's LOAD_TRUNCATED_IMAGES)
    (tmp_path / name).write_bytes(data)
    problem = picture_problem(tmp_path / name, 40)
    assert problem is not None and problem.too_big == too_big and says in problem.text, problem


def test_a_slide_sketch_is_drawn_with_its_background_shapes_picture_and_text():
    from kapdocs.support.pictures import Box, Fill, Picture, SlideSketch, Words, slide_png

    sketch = SlideSketch(16 / 9, "#1F4E79", (
        Fill(Box(0.05, 0.1, 0.3, 0.2), "#FFFFFF", "roundRect"),
        Fill(Box(0.0, 0.95, 1.0, 0.05), "#D9822B"),
        Picture(Box(0.6, 0.1, 0.2, 0.2), picture("PNG")),
        Picture(Box(0.6, 0.5, 0.2, 0.2), b"<svg/>"),  # a kind Pillow cannot draw: its place stays empty
        Words(Box(0.05, 0.4, 0.9, 0.3), ("Training deck",), 0.08, "#FFFFFF", bold=True, anchor="ctr"),
    ))
    drawn = Image.open(io.BytesIO(slide_png(sketch, 320)))
    assert drawn.format == "PNG" and drawn.size == (320, 180)
    pixel = drawn.convert("RGB").getpixel
    assert pixel((5, 5)) == (31, 78, 121)  # background
    assert pixel((60, 27)) == (255, 255, 255)  # the rounded panel
    assert pixel((160, 178)) == (217, 130, 43)  # the band at the foot
    assert pixel((224, 27)) == (31, 78, 121)  # the picture (the same blue as the background here)
    title = drawn.convert("RGB").crop((16, 72, 304, 126))
    assert (255, 255, 255) in {colour for _, colour in title.getcolors(4096)}  # the title's white text
