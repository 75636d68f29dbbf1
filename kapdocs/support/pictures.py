"""A picture file → whether both writers can carry it: a PNG, JPEG or GIF within the pixel limit
that decodes whole; and a slide's sketch → a small picture of it. The only module that imports Pillow.

Checked before anything is laid out, so a corrupt or truncated file, a picture with the wrong
extension or a decompression bomb fails the job with the source's line instead of leaving a
hole on the page (WeasyPrint skips a picture it cannot decode, with a warning) or a crash in
the deck writer. A batch checks each version of a file once per process.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from kapdocs.support.files import per_file_version

#: What Pillow calls the kinds both outputs can carry.
PICTURE_FORMATS = ("PNG", "JPEG", "GIF")


class PictureProblem(NamedTuple):
    """What is wrong with a picture: `too_big` (over the pixel limit) or not, and what to say."""

    too_big: bool
    text: str


def picture_problem(path: Path, max_megapixels: int) -> PictureProblem | None:
    """What is wrong with the picture at `path`, or None. An SVG (a brand's logo) is parsed as XML
    with no document type: entities, which expand into a bomb or read other files, are refused."""
    if path.suffix.lower() == ".svg":
        return _svg_problem(path)
    return _problem(path, max_megapixels)


@per_file_version(maxsize=64)
def _svg_problem(path: Path) -> PictureProblem | None:
    from xml.etree.ElementTree import ParseError, XMLParser

    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return PictureProblem(False, "declares a document type or entities, which an SVG picture does not need")
    try:
        parser = XMLParser()
        parser.feed(data)
        root = parser.close()
    except ParseError as err:
        return PictureProblem(False, f"is not well-formed SVG ({err})")
    if not root.tag.endswith("svg"):
        return PictureProblem(False, f"is XML but not SVG (its root is <{root.tag}>)")
    return None


@per_file_version(maxsize=1024)
def _problem(path: Path, max_megapixels: int) -> PictureProblem | None:
    from PIL import Image, ImageFile, UnidentifiedImageError

    # WeasyPrint, once imported, tells Pillow to fill in a truncated picture (LOAD_TRUNCATED_IMAGES):
    # it would print with a grey band, so the check asks for every byte while it runs.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            # Our own limit is checked before decoding; Pillow's bomb warning would fail the tests.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                if picture.format not in PICTURE_FORMATS:
                    return PictureProblem(False, f"is a {picture.format} picture, not PNG, JPEG or GIF")
                width, height = picture.size
                if width * height > max_megapixels * 1_000_000:
                    return PictureProblem(True, f"is {width} × {height} pixels ({width * height / 1e6:.0f} megapixels)")
                picture.load()  # decodes every byte: a truncated or corrupt file fails here
    except Image.DecompressionBombError as err:
        return PictureProblem(True, f"has too many pixels ({err})")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as err:
        return PictureProblem(False, f"cannot be read as a picture ({err})")
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


# ---- a slide drawn small: the catalog's picture of a deck ----------------------------------


@dataclass(frozen=True)
class Box:
    """Where a part of a slide is, as fractions of the slide's width and height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Fill:
    """A shape filled with one colour ("#RRGGBB"): a rectangle, rounded or an ellipse."""

    box: Box
    colour: str
    shape: str = "rect"  # rect, roundRect or ellipse


@dataclass(frozen=True)
class Picture:
    """A picture's bytes, stretched over its box as the slide stretches it."""

    box: Box
    data: bytes


@dataclass(frozen=True)
class Words:
    """Text in a box: its paragraphs, size (as a fraction of the slide's height), colour and font."""

    box: Box
    paragraphs: tuple[str, ...]
    size: float
    colour: str
    bold: bool = False
    font_file: str | None = None  # None: Pillow's own font
    anchor: str = "t"  # t, ctr or b


@dataclass(frozen=True)
class SlideSketch:
    """What a slide shows, bottom to top, over its background colour."""

    aspect: float  # width / height
    background: str
    parts: tuple[Fill | Picture | Words, ...] = ()


#: Drawn this many times larger, then scaled down: smooth edges and legible small text.
OVERSAMPLE = 3


def slide_png(sketch: SlideSketch, width: int = 160) -> bytes:
    """A schematic picture of a slide, `width` pixels wide: its background, filled shapes,
    pictures and text at their places. Not the deck as PowerPoint draws it (no gradients,
    effects, charts' insides or exact line breaks), but enough to know the deck by."""
    from PIL import Image, ImageDraw

    size = (width * OVERSAMPLE, round(width * OVERSAMPLE / sketch.aspect))
    canvas = Image.new("RGB", size, sketch.background)
    draw = ImageDraw.Draw(canvas)
    for part in sketch.parts:
        if isinstance(part, Fill):
            _fill(draw, part, size)
        elif isinstance(part, Picture):
            _picture(canvas, part, size)
        else:
            _words(draw, part, size)
    stream = io.BytesIO()
    canvas.resize((width, round(width / sketch.aspect)), Image.Resampling.LANCZOS).save(stream, format="PNG")
    return stream.getvalue()


def _pixels(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top = round(box.x * size[0]), round(box.y * size[1])
    return left, top, max(left, left + round(box.width * size[0]) - 1), max(top, top + round(box.height * size[1]) - 1)


def _fill(draw, part: Fill, size: tuple[int, int]) -> None:
    corners = _pixels(part.box, size)
    if part.shape == "ellipse":
        draw.ellipse(corners, fill=part.colour)
    elif part.shape == "roundRect":
        radius = round(min(corners[2] - corners[0], corners[3] - corners[1]) / 6)
        draw.rounded_rectangle(corners, radius, fill=part.colour)
    else:
        draw.rectangle(corners, fill=part.colour)


def _picture(canvas, part: Picture, size: tuple[int, int]) -> None:
    from PIL import Image, UnidentifiedImageError

    left, top, right, bottom = _pixels(part.box, size)
    try:
        with Image.open(io.BytesIO(part.data)) as picture:
            shown = picture.convert("RGBA").resize((right - left + 1, bottom - top + 1), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, ValueError):
        return  # a kind Pillow cannot draw (an SVG, say): its place stays empty
    canvas.paste(shown, (left, top), shown)


def _words(draw, part: Words, size: tuple[int, int]) -> None:
    """The paragraphs wrapped at the box's width, sitting at its top, middle or bottom."""
    font = _font(part.font_file, max(1, round(part.size * size[1])))
    left, top, right, bottom = _pixels(part.box, size)
    inset = round(0.0075 * size[0])  # PowerPoint's default inset, 0.1 in of 13.3 in
    lines = [line for paragraph in part.paragraphs for line in _wrapped(paragraph, font, right - left - 2 * inset)]
    leading = round(part.size * size[1] * 1.2)
    tall = leading * len(lines)
    y = {"b": bottom - inset - tall, "ctr": (top + bottom - tall) // 2}.get(part.anchor, top + inset)
    for line in lines:
        # A bold font file is bold already; Pillow's own font is thickened by a stroke.
        draw.text((left + inset, y), line, fill=part.colour, font=font,
                  stroke_width=1 if part.bold and not part.font_file else 0, stroke_fill=part.colour)
        y += leading


def _wrapped(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _font(path: str | None, pixels: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, pixels) if path else ImageFont.load_default(pixels)
    except OSError:
        return ImageFont.load_default(pixels)
