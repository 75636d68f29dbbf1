"""A picture file → whether both writers can carry it: a PNG, JPEG or GIF within the pixel limit
that decodes whole. The only module that imports Pillow.

Checked before anything is laid out, so a corrupt or truncated file, a picture with the wrong
extension or a decompression bomb fails the job with the source's line instead of leaving a
hole on the page (WeasyPrint skips a picture it cannot decode, with a warning) or a crash in
the deck writer. A batch checks each version of a file once per process.
"""

from __future__ import annotations

import warnings
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
