"""Everything kapdocs does to WeasyPrint beyond its public API: each patch, and each private
attribute it reads. pdf.py uses WeasyPrint's public API and this module; no other module of
kapdocs reaches further in.

Importing this module imports nothing of WeasyPrint. `load()` imports it (patches 1 and 2);
pdf.py calls it before anything else, so importing pdf.py is what loads WeasyPrint (`kapdocs
handout`'s layout process imports it early for that). `apply()` installs patches 3 to 6;
HandoutRenderer calls it when it is made. Patches 3 to 5 change nothing outside a render of a
HandoutRenderer, so plain WeasyPrint in the same process (the benchmark's baseline) works as
shipped. `shape_problems()` says which of the internals below no longer look as they are used;
a test runs it, and pyproject.toml keeps WeasyPrint to the versions it passes with (70.x).

Patches:

1. No library search (`load`, Linux only). WeasyPrint opens Pango, HarfBuzz and fontconfig by
   trying each under the names every platform gives it; each name the system loader cannot open
   sends cffi to ctypes.util.find_library, which on Linux runs ldconfig, gcc and ld in turn: 22
   searches, 0.21-0.46 s of every process that makes a PDF, for names (`libpango-1.0-0`) that no
   Linux has. While WeasyPrint is imported the search finds nothing. Safe: the same lists hold
   each library's Linux file name (`libpango-1.0.so.0`), which the loader opens itself, so the
   same files are mapped; should the import fail anyway, it is made again with the search.
2. fontTools' subsetter and instancer deferred (`load`). WeasyPrint imports them at its start
   but uses them only where kapdocs' handouts do not go: the subsetter on a system without
   HarfBuzz's own, the instancer for variable fonts. With what they bring, they are about a
   quarter of WeasyPrint's import: pdf.py imports in 0.21 s instead of 0.28 s (medians of 8
   alternating runs). While WeasyPrint is imported, each module of DEFERRED_FONTTOOLS is a
   stand-in that imports the real one when WeasyPrint first uses it. Safe: the stand-ins are
   gone from sys.modules once WeasyPrint is imported, so other code gets the real modules, and
   what WeasyPrint holds forwards to them.
3. Pictures encoded once (`apply`: RasterImage.__init__ and get_x_object). WeasyPrint decodes a
   PNG and compresses it again on every write_pdf: 20-40 ms of every handout for the logo,
   105-135 ms more for the 2400-pixel figure. The patched methods hand each picture to pdf.py
   (EncodedPictures), which keeps its stream and, with a core to spare, encodes it while the
   pages are laid out. Safe: a stream is kept under the digest of the picture's bytes and every
   attribute get_x_object reads (`picture_identity`), and each PDF gets its own copy.
4. One glyph array type (`apply`: WeasyPrint's ffi.new). To subset a font WeasyPrint asks cffi
   for `hb_codepoint_t[N]`, N being how many glyphs it keeps, and cffi parses every new N with
   pycparser: 4-6 ms each, some 20 a handout, a tenth of the render in a fresh process. While a
   renderer renders, it is asked for `hb_codepoint_t[]`, parsed once. Safe: an open array
   filled with the same N items is the same array in memory.
5. Large streams compressed once (`apply`: pydyf.zlib, the zlib of WeasyPrint's PDF writer).
   pydyf compresses a form's whole font again for every PDF at zlib's level 9: 40-50 ms for the
   intake form's font and about 15 ms more for its tables. While a renderer renders, pydyf's
   zlib is pdf.py's KeptCompression, which gives back a large stream compressed before. Safe:
   pydyf compresses a stream in one `compress` call and a `flush`, so the same calls on the
   same bytes give the same bytes.
6. Gradients computed on a copy (`apply`: computed_values.image, and the computer of
   border-image-source). A fix, not a speed-up: WeasyPrint writes the lengths it computes for
   a gradient (the ruled answer box's `2.05em`, 32.8 px at 12 pt) into the gradient object of
   the parsed stylesheet, which a renderer keeps for the next handout (40-60 ms a handout not
   parsed again); after a large-print form, the next regular one's answer boxes had no lines.
   Safe: the copy is computed exactly as the original would have been.
6b. Languages in the structure tree (`apply`: weasyprint.pdf.tags._build_box_tree). A fix:
   WeasyPrint tags the PDF from the HTML but sets /Lang only on the catalog, so a screen reader
   reads the language-assistance notice's Chinese, Arabic or Korean line with the handout's
   voice (PDF/UA-1 7.2, WCAG 3.1.2). The element made for an HTML element with its own `lang`
   gets it as /Lang. Safe: the tree is the same otherwise; only while a renderer renders.
6c. The text behind each glyph (`apply`: weasyprint.draw.text.draw_first_line). A fix, for
   WeasyPrint's issue 2841 (open): a PDF's ToUnicode gives each glyph one text, which WeasyPrint
   takes from the first cluster it draws the glyph in, giving the cluster's whole text to one of
   its glyphs and nothing to the others. Noto Sans Arabic draws لًا (lam, fathatan, alef) as the
   fathatan mark and the lam-alef ligature: the mark then read back as the three letters, and
   the ligature, wherever it stood alone, as nothing, which readers show as a stray character
   (U+02C0 in the Arabic samples). After WeasyPrint draws a line that gave a new glyph other than
   one character (`_doubtful`), the line's clusters are shared out again (`_cluster_shares`):
   a glyph that is the font's own glyph for one of the cluster's characters takes that character,
   the first other glyph the rest. Each glyph keeps the surest text it has been given:
   its own character, then a cluster it drew alone, then a share of a cluster. Safe: only the
   ToUnicode map changes, not what is drawn; lines with no new or doubtful glyph are not walked
   again. Not fixed: a glyph drawn alone for two different texts keeps the first (WeasyPrint
   would need a second glyph id for it, as its unmerged pull request 2869 does); nor a new mark
   given one character that is not its own, beside a base glyph met before (no script of the
   samples draws one).
6d. SVG text set as a line (`apply`: the `text` drawer of weasyprint.svg and its TAGS). A fix:
   WeasyPrint 70 lays out and places an SVG <text> one character at a time, left to right, so
   Arabic letters neither join nor run right to left, and Latin loses its kerning. A <text> or
   <tspan> that places its characters no further (one x and one y at most; no dx, dy, rotate,
   letter-spacing or textLength: `_set_as_a_line`) is handed to WeasyPrint as one "character",
   its whole text (`_WholeText`), which Pango shapes and orders as it does a line of the page;
   text-anchor and the text's box work on it as on one glyph. Safe: the text drawn is the same
   text in the same font, size and colour at the same anchor; anything else is drawn as shipped.

Read, not changed:

7. The warm-up (`warm_up_steps`): the C types WeasyPrint asks its ffi for first (35 ms of
   pycparser) and the modules it imports on first use (30 ms), done by a layout process while
   it waits for its HTML: up to 60 ms the render saves.
8. Font copies (`FontConfiguration._folder`): the temporary folder WeasyPrint copies a
   stylesheet's fonts into, removed when a renderer goes (`remove_font_copies`) and started
   afresh in a forked worker (`font_copies_apart`).
9. Laid-out boxes (`Page._page_box`, MarginBox, LineBox, TextBox): where the footer ends, for
   the bottom margin a long footer needs (`footer_end`, `margin_bottom`), and the size of the
   running text (`running_text`).
10. HarfBuzz's subsetter (`weasyprint.text.ffi.harfbuzz_subset`): whether WeasyPrint subsets
    fonts with fontTools instead (`subsets_with_fonttools`).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import ctypes.util
import functools
import hashlib
import importlib
import importlib.util
import inspect
import io
import itertools
import re
import shutil
import sys
import types
from pathlib import Path
from typing import Callable, Iterator

#: WeasyPrint's libraries and their Linux file names, which patch 1 relies on it trying.
LINUX_LIBRARIES = {"gobject": "libgobject-2.0.so.0", "pango": "libpango-1.0.so.0", "harfbuzz": "libharfbuzz.so.0",
                   "fontconfig": "libfontconfig.so.1", "pangoft2": "libpangoft2-1.0.so.0"}

#: Patch 2: the fontTools modules WeasyPrint 70 imports at its start and kapdocs defers, each with
#: the names WeasyPrint takes from it (`from fontTools import subset` takes the module itself).
DEFERRED_FONTTOOLS = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}

#: Warm-up (7): what a fresh process's first render meets first, each once: the C types WeasyPrint
#: 70 asks cffi for (pycparser parses each, 4-5 ms: 35 ms in all), and the modules it imports on
#: first use (Pillow's image formats, fontTools' glyph names and the tables it reads of a form's
#: font, email's headers: 30 ms).
FIRST_C_TYPES = ("PangoFcFontMap *", "FcChar8 **", "char[]", "PangoRectangle *", "PangoLogAttr[]",
                 "unsigned int *", "hb_tag_t[100]", "char[4]", "hb_codepoint_t[]")
FIRST_MODULES = ("PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin", "PIL.PngImagePlugin",
                 "PIL.PpmImagePlugin", "PIL.ImageChops", "fontTools.agl", "fontTools.ttLib.tables._h_h_e_a",
                 "fontTools.ttLib.tables._c_m_a_p", "fontTools.ttLib.tables._h_e_a_d",
                 "fontTools.ttLib.tables._m_a_x_p", "fontTools.ttLib.tables._p_o_s_t", "email.policy", "fractions")

_SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


# -- Loading (patches 1 and 2) ---------------------------------------------------------------------

def load() -> None:
    """Import WeasyPrint, on Linux without ctypes' library search (patch 1), and without fontTools'
    subsetter and instancer until WeasyPrint uses them (patch 2). Does nothing once it is imported."""
    if "weasyprint" in sys.modules:
        return
    with _fonttools_deferred():
        if sys.platform.startswith("linux"):
            search, ctypes.util.find_library = ctypes.util.find_library, lambda name: None
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its advice on failing
                    import weasyprint  # noqa: F401
                return
            except OSError:  # a WeasyPrint that names its libraries otherwise: again, with the search
                for name in [m for m in sys.modules if m.split(".")[0] == "weasyprint"]:
                    del sys.modules[name]
            finally:
                ctypes.util.find_library = search
        import weasyprint  # noqa: F401


@contextlib.contextmanager
def _fonttools_deferred() -> Iterator[None]:
    """While inside, each module of DEFERRED_FONTTOOLS not yet loaded is a stand-in that imports
    it when first used; afterwards the stand-ins are gone, so any other code importing those
    modules gets them as usual."""
    stand_ins = {name: _ImportedOnFirstUse(name, names) for name, names in DEFERRED_FONTTOOLS.items()
                 if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


class _ImportedOnFirstUse(types.ModuleType):
    """A module's stand-in: the real module is imported when a name of it is first looked up, or,
    for `names` (which `from module import name` looks up at once), when that name is first called."""

    def __init__(self, name: str, names: tuple[str, ...]) -> None:
        super().__init__(name)
        for function in names:
            setattr(self, function, functools.partial(self._call, function))

    def _call(self, function: str, *args, **kwargs):
        return self._real_one().__dict__[function](*args, **kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # the import system's own questions (`__path__`) are not a use
            raise AttributeError(name)
        return getattr(self._real_one(), name)

    def _real_one(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]  # used while WeasyPrint was still importing
        return importlib.import_module(self.__name__)


# -- Patches 3 to 6 --------------------------------------------------------------------------------

_applied = False
_encode_picture: Callable | None = None  # WeasyPrint's own RasterImage.get_x_object


def apply(*, at_work: Callable[[], bool], picture_loaded: Callable, picture_stream: Callable, pydyf_zlib) -> None:
    """Install patches 3 to 6b, once a process (later calls change nothing).

    `at_work()`: whether a HandoutRenderer is rendering (patch 4 acts only then);
    `picture_loaded(image)`: called after WeasyPrint has loaded a picture (patch 3);
    `picture_stream(image, interpolate, dpi_ratio)`: the picture's PDF stream, instead of
    RasterImage.get_x_object (patch 3), which `encode_picture` still calls;
    `pydyf_zlib`: pydyf's zlib from now on (patch 5), one that is zlib outside a render."""
    global _applied, _encode_picture
    if _applied:
        return
    import pydyf
    from weasyprint.css import computed_values
    from weasyprint.images import RasterImage
    from weasyprint.text.ffi import ffi

    _encode_picture = getattr(RasterImage, "get_x_object", None)  # as WeasyPrint 70 names it
    if _encode_picture is not None:  # a WeasyPrint without it still renders, encoding every time
        load_image = RasterImage.__init__

        def loading_picture(image, *args, **kwargs) -> None:
            """RasterImage.__init__, then the picture goes to `picture_loaded`."""
            load_image(image, *args, **kwargs)
            picture_loaded(image)

        def encoding_picture(image, interpolate, dpi_ratio):
            """RasterImage.get_x_object: the stream from `picture_stream`."""
            return picture_stream(image, interpolate, dpi_ratio)

        RasterImage.__init__ = _replacing(load_image, loading_picture)
        RasterImage.get_x_object = _replacing(_encode_picture, encoding_picture)

    new_cdata = ffi.new

    def new_open_array(cdecl, init=None):
        """ffi.new, asking for an open array where WeasyPrint names its length, while at work."""
        if (isinstance(init, (list, tuple)) and isinstance(cdecl, str) and at_work()
                and (sized := _SIZED_ARRAY.fullmatch(cdecl)) and int(sized[2]) == len(init)):
            cdecl = f"{sized[1]}[]"
        return new_cdata(cdecl, init)

    ffi.new = _replacing(new_cdata, new_open_array)  # WeasyPrint's own FFI object, shared by its modules
    pydyf.zlib = pydyf_zlib  # pydyf's own name for zlib

    compute_image = computed_values.image

    def gradient_of_its_own(style, name, image):
        """The computed value of a background or border image, a gradient's worked out on a copy,
        so that the parsed stylesheet keeps the lengths as written."""
        kind, value = image
        if kind in ("linear-gradient", "radial-gradient"):
            image = (kind, copy.copy(value))
        return compute_image(style, name, image)

    computed_values.image = _replacing(compute_image, gradient_of_its_own)  # as background-image's computer calls it
    computed_values.COMPUTER_FUNCTIONS["border_image_source"] = gradient_of_its_own
    _tag_languages(at_work, pydyf)
    _text_by_cluster(at_work)
    _svg_text_as_a_line(at_work)
    _applied = True


def _tag_languages(at_work: Callable[[], bool], pydyf) -> None:
    """Patch 6b: an element's own `lang` as its structure element's /Lang, while at work."""
    from weasyprint.pdf import tags

    build_box_tree = tags._build_box_tree

    def with_language(box, parent, *args):
        """tags._build_box_tree, the elements it makes for `box` carrying the box's own language."""
        laid_out = getattr(box, "_box", box)  # an absolutely placed box's placeholder
        element = laid_out.element if at_work() else None
        lang = element.get("lang") if element is not None and laid_out.element_tag not in ("html", "body") else None
        for made in build_box_tree(box, parent, *args):
            if lang and "Lang" not in made:
                made["Lang"] = pydyf.String(lang)
            yield made

    tags._build_box_tree = _replacing(build_box_tree, with_language)  # it calls itself by this global name


def _text_by_cluster(at_work: Callable[[], bool]) -> None:
    """Patch 6c: after a line is drawn, a glyph it gave a doubtful text gets its share of its cluster."""
    from weasyprint.draw import text as draw_text
    from weasyprint.text.ffi import ffi, pango

    draw_first_line = draw_text.draw_first_line

    def sharing_clusters(stream, textbox, *args, **kwargs):
        """draw_first_line, then the line's clusters shared out again if it left a glyph a doubtful text."""
        if not at_work():
            return draw_first_line(stream, textbox, *args, **kwargs)
        fonts = stream._fonts
        known = {key: len(font.to_unicode) for key, font in fonts.items()}
        drawn = draw_first_line(stream, textbox, *args, **kwargs)
        if any(_doubtful(font, known.get(key, 0)) for key, font in fonts.items()):
            _share_line(stream, textbox, ffi, pango)
        return drawn

    draw_text.draw_first_line = _replacing(draw_first_line, sharing_clusters)  # svg.text takes it from there too


class _WholeText(str):
    """An SVG text that WeasyPrint's letter-by-letter loop takes as one letter (patch 6d)."""

    def __iter__(self):
        return iter((str(self),))


#: Patch 6d: what places an SVG text's characters one by one; a text with none of these (and one
#: x and y at most) is set as a line.
PER_CHARACTER = ("dx", "dy", "rotate", "letter-spacing", "textLength")


def _set_as_a_line(node) -> bool:
    """Whether an SVG <text> or <tspan> node places its characters no further than its start."""
    return bool(node.text) and not any(node.get(name) for name in PER_CHARACTER) and all(
        len(str(node.attrib.get(name, "")).replace(",", " ").split()) <= 1 for name in ("x", "y"))


def _svg_text_as_a_line(at_work: Callable[[], bool]) -> None:
    """Patch 6d: an SVG text that places no character of its own is set as one shaped line."""
    import weasyprint.svg as svg_package

    draw_text = svg_package.text  # the drawer: the package's own name for it, also in its TAGS

    def as_a_line(svg, node, font_size):
        """weasyprint.svg's text drawer, given the node's text as one letter where that is the same drawing."""
        if not (at_work() and _set_as_a_line(node)):
            return draw_text(svg, node, font_size)
        text = node.text
        node._etree_node.text = _WholeText(text)
        try:
            return draw_text(svg, node, font_size)
        finally:
            node._etree_node.text = text

    as_a_line = _replacing(draw_text, as_a_line)
    svg_package.TAGS.update({tag: as_a_line for tag, drawer in svg_package.TAGS.items() if drawer is draw_text})
    svg_package.text = as_a_line  # draw_node compares TAGS' drawer with this name to find text


def _own_glyphs(font):
    """The font's own glyph for each character (its cmap), kept with WeasyPrint's font object."""
    if (own := getattr(font, "_kapdocs_own_glyphs", None)) is None:
        from kapdocs.support.shaping import NominalGlyphs
        own = font._kapdocs_own_glyphs = NominalGlyphs(functools.partial(_font_table, font))
    return own


def _font_table(font, tag: str) -> bytes:
    """One table of a WeasyPrint font's face, copied out of HarfBuzz ("" where the font has none)."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(font.hb_face, harfbuzz.hb_tag_from_string(tag.encode(), -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return b"" if data == ffi.NULL else ffi.unpack(data, length[0])
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _doubtful(font, known: int) -> bool:
    """Whether a glyph that `font` met for the first time (after its first `known`) was given other
    than one character: a cluster's whole text, or none. (Asked after every line drawn: the cmap
    is read only for the lines this finds.)"""
    return len(font.to_unicode) != known and any(
        len(text) != 1 for text in itertools.islice(font.to_unicode.values(), known, None))


def _share_line(stream, textbox, ffi, pango) -> None:
    """Each glyph of the line's first line offered its share of its cluster's text (see `_offer`)."""
    line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    run = line.runs[0]
    while run != ffi.NULL:  # as WeasyPrint's draw_first_line walks the runs
        glyph_item, run = run.data, run.next
        font, _ = stream.add_font(glyph_item.item.analysis.font)
        own = _own_glyphs(font)
        for glyphs, text in _clusters(glyph_item, utf8, pango):
            for glyph, share, sureness in _cluster_shares(glyphs, text, own.of):
                _offer(font, glyph, share, sureness, own.of)


def _clusters(glyph_item, utf8: bytes, pango) -> Iterator[tuple[list[int], str]]:
    """A run's clusters: the glyphs drawn for each (in reading order) and its text."""
    item, glyph_string = glyph_item.item, glyph_item.glyphs
    starts: dict[int, list[int]] = {}
    for i in range(glyph_string.num_glyphs):
        glyph = glyph_string.glyphs[i].glyph
        drawn = starts.setdefault(glyph_string.log_clusters[i], [])
        if glyph != pango.PANGO_GLYPH_EMPTY and not glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
            drawn.append(glyph)  # a missing character's stand-in keeps the text WeasyPrint gave it
    ends = sorted(starts)[1:] + [item.length]
    right_to_left = item.analysis.level % 2
    for start, end in zip(sorted(starts), ends):
        glyphs = starts[start][::-1] if right_to_left else starts[start]
        yield glyphs, utf8[item.offset + start:item.offset + end].decode()


#: How sure a glyph's text is (`_offer`): the font's own glyph for that character; the only glyph
#: of a cluster; the rest of a cluster shared out; nothing.
OWN, ALONE, SHARED, NOTHING = 3, 2, 1, 0


def _cluster_shares(glyphs: list[int], text: str, own_glyph: Callable[[str], int | None]) -> list[tuple[int, str, int]]:
    """Each glyph of one cluster with its share of the cluster's text and how sure that is: a glyph
    that is the font's own for one of the characters takes it; the first other glyph takes the rest.
    Noto Sans Arabic's لًا: the fathatan mark takes U+064B, the lam-alef ligature لا."""
    if len(glyphs) == 1:
        glyph = glyphs[0]
        return [(glyph, text, OWN if len(text) == 1 and own_glyph(text) == glyph else ALONE)]
    rest, shares, others = list(text), [], []
    for glyph in glyphs:
        character = next((c for c in rest if own_glyph(c) == glyph), None)
        if character is None:
            others.append(glyph)
        else:
            rest.remove(character)
            shares.append((glyph, character, OWN))
    left = "".join(rest)
    for n, glyph in enumerate(others):
        shares.append((glyph, left, SHARED) if n == 0 and left else (glyph, "", NOTHING))
    return shares


def _offer(font, glyph: int, text: str, sureness: int, own_glyph: Callable[[str], int | None]) -> None:
    """`text` becomes the glyph's in the font's ToUnicode map if it is surer than the one it has."""
    sure = font.__dict__.setdefault("_kapdocs_sureness", {})
    if (had := sure.get(glyph)) is None:
        old = font.to_unicode.get(glyph)
        had = OWN if old is not None and len(old) == 1 and own_glyph(old) == glyph else -1
    if sureness > had:
        font.to_unicode[glyph] = text
        sure[glyph] = sureness


def _replacing(original: Callable, replacement: Callable) -> Callable:
    """`replacement`, with the WeasyPrint function it replaces as its `__wrapped__`, where
    inspect.unwrap (and shape_problems) finds it."""
    replacement.__wrapped__ = original
    return replacement


def encode_picture(image, interpolate: bool, dpi_ratio: float):
    """WeasyPrint's own encoding of a picture as a PDF stream (RasterImage.get_x_object)."""
    return _encode_picture(image, interpolate, dpi_ratio)


def picture_identity(image) -> tuple:
    """What RasterImage.get_x_object makes a picture's stream of: the digest of its encoded bytes,
    and its attributes."""
    return (hashlib.sha256(image.image_data.data).digest(), image.format, image.mode, image.width,
            image.height, image.optimize, image.invert_colors)


# -- Read, not changed (7 to 10) -------------------------------------------------------------------

def warm_up_steps() -> Iterator[None]:
    """Do, a step at a time, what a fresh process's first render would do first (FIRST_C_TYPES,
    FIRST_MODULES): for a layout process that has loaded WeasyPrint before its HTML has come,
    which stops between two steps when the HTML comes. The same PDF either way."""
    from weasyprint.text.ffi import ffi

    for cdecl in FIRST_C_TYPES:
        with contextlib.suppress(Exception):  # cffi's CDefError: a WeasyPrint that no longer declares it
            ffi.typeof(cdecl)
        yield
    for name in FIRST_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
        yield


def remove_font_copies(font_config) -> None:
    """Remove the folder WeasyPrint copied the stylesheets' fonts into, if it made one."""
    folder = getattr(font_config, "_folder", None)  # as WeasyPrint 70 names it
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        # Gone: WeasyPrint's own finalizer, run later at the interpreter's end, would try again
        # with a module already torn down ("TypeError: 'NoneType' object is not callable").
        font_config._folder = None


def font_copies_apart(font_config) -> None:
    """Let `font_config` copy the next font it is given into a new folder, not the one it has.

    WeasyPrint adds a stylesheet's font only if its copy is not in the folder yet, taking the
    copy for a sign that this font configuration has it; a forked worker sharing the folder
    would make the first process's configuration believe it had fonts it was never given."""
    if getattr(font_config, "_folder", None):
        font_config._folder = None


def footer_end(page) -> float | None:
    """Where the last line in the page's bottom margin boxes ends (px from the paper's top), or
    None if they hold no line."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    ends = [line.position_y + line.height for box in page._page_box.children
            if isinstance(box, MarginBox) and box.at_keyword.startswith("@bottom")
            for line in box.descendants() if isinstance(line, LineBox)]
    return max(ends) if ends else None


def margin_bottom(page) -> float:
    """The page's bottom margin as laid out (px)."""
    return page._page_box.margin_bottom


def running_text(page, skipped: set[str]) -> Iterator[tuple[str, float]]:
    """Each piece of text inside the page's <main> and its font size (px), but for text inside an
    element with a class in `skipped`."""
    from weasyprint.formatting_structure.boxes import TextBox

    def visit(box, in_main: bool) -> Iterator[tuple[str, float]]:
        element = getattr(box, "element", None)
        in_main = in_main or getattr(box, "element_tag", "") == "main"
        if element is not None and set((element.get("class") or "").split()) & skipped:
            return
        if isinstance(box, TextBox):
            if in_main:
                yield box.text, box.style["font_size"]
            return
        for child in getattr(box, "children", ()):
            yield from visit(child, in_main)

    return visit(page._page_box, False)


def subsets_with_fonttools() -> bool:
    """Whether WeasyPrint subsets fonts with its fontTools fallback, about 3× slower than HarfBuzz's
    subsetter (libharfbuzz-subset0, HarfBuzz 4.1 or later), which it uses when it can."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return not (harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0))


# -- Shape checks ----------------------------------------------------------------------------------

def shape_problems(import_module: Callable[[str], types.ModuleType] = importlib.import_module) -> list[str]:
    """What no longer looks as the patches and readers above use it, one line each, naming the
    patch and the WeasyPrint version; empty when all is as they expect. `import_module` gives the
    modules looked at (a test hands it broken stand-ins). Before or after `apply`, the same: each
    patched function is looked at as WeasyPrint made it (its `__wrapped__`)."""
    version = getattr(import_module("weasyprint"), "__version__", "of unknown version")
    problems = []
    for label, check in _SHAPE_CHECKS:
        try:
            found = list(check(import_module))
        except Exception as err:  # an attribute gone, a module that is not there
            found = [f"{type(err).__name__}: {err}"]
        problems += [f"{label} (WeasyPrint {version}): {what}" for what in found]
    return problems


def _library_names(modules) -> Iterator[str]:
    ffi_module = modules("weasyprint.text.ffi")
    source = inspect.getsource(ffi_module)
    for library, file in LINUX_LIBRARIES.items():
        if not hasattr(ffi_module, library):
            yield f"weasyprint.text.ffi has no `{library}`"
        elif f"'{file}'" not in source and f'"{file}"' not in source:
            yield f"weasyprint.text.ffi no longer tries {library} as {file}"


def _fonttools_taken(modules) -> Iterator[str]:
    for name, names in DEFERRED_FONTTOOLS.items():
        real = modules(name)
        yield from (f"{name} has no callable `{n}`" for n in names if not callable(getattr(real, n, None)))
    taken = _taken_from_fonttools(Path(modules("weasyprint").__file__).parent)
    for name, names in DEFERRED_FONTTOOLS.items():
        if name not in taken:
            yield f"WeasyPrint no longer imports {name}: there is nothing to defer"
        elif extra := taken[name] - set(names):
            yield (f"WeasyPrint takes {', '.join(sorted(extra))} from {name}, which DEFERRED_FONTTOOLS does not list: "
                   "its stand-in would import the module at once")


def _taken_from_fonttools(package: Path) -> dict[str, set[str]]:
    """Each deferred module that WeasyPrint's source imports, with the names it takes from it."""
    taken: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in DEFERRED_FONTTOOLS:
                        taken.setdefault(alias.name, set())
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if node.module in DEFERRED_FONTTOOLS:
                        taken.setdefault(node.module, set()).add(alias.name)
                    elif f"{node.module}.{alias.name}" in DEFERRED_FONTTOOLS:  # `from fontTools import subset`
                        taken.setdefault(f"{node.module}.{alias.name}", set())
    return taken


def _pictures(modules) -> Iterator[str]:
    images = modules("weasyprint.images")
    encode = getattr(images.RasterImage, "get_x_object", None)
    if encode is None:
        yield "RasterImage has no get_x_object"
    elif (params := list(inspect.signature(inspect.unwrap(encode)).parameters)) != ["self", "interpolate", "dpi_ratio"]:
        yield f"RasterImage.get_x_object takes ({', '.join(params)}), not (self, interpolate, dpi_ratio)"
    if missing := {"image_data", "format", "mode", "width", "height", "optimize", "invert_colors"} - _names_used(
            inspect.unwrap(images.RasterImage.__init__)):
        yield f"RasterImage.__init__ no longer sets {', '.join(sorted(missing))}, which picture_identity reads"
    for kind in ("LazyImage", "LazyLocalImage"):
        if not isinstance(getattr(getattr(images, kind, None), "data", None), property):
            yield f"weasyprint.images.{kind} has no `data` property, which picture_identity reads"
    if (params := list(inspect.signature(modules("pydyf").Stream).parameters)[:3]) != ["stream", "extra", "compress"]:
        yield f"pydyf.Stream takes ({', '.join(params)}, …), not (stream, extra, compress), as pdf.py copies a stream"


def _glyph_arrays(modules) -> Iterator[str]:
    ffi = modules("weasyprint.text.ffi").ffi
    if (params := list(inspect.signature(inspect.unwrap(ffi.new)).parameters)[:2]) != ["cdecl", "init"]:
        yield f"WeasyPrint's ffi.new takes ({', '.join(params)}, …), not (cdecl, init)"
    if "hb_codepoint_t[{" not in inspect.getsource(modules("weasyprint.pdf.fonts")):
        yield "weasyprint.pdf.fonts no longer asks ffi.new for sized hb_codepoint_t arrays"


def _compression(modules) -> Iterator[str]:
    pydyf = modules("pydyf")
    if not hasattr(pydyf, "zlib"):
        yield "pydyf no longer has the module attribute `zlib`"
    data = getattr(pydyf.Stream, "data", None)
    if not isinstance(data, property):
        yield "pydyf.Stream.data is not a property"
    elif missing := {"zlib", "compressobj", "compress", "flush"} - _names_used(data.fget):
        yield ("pydyf.Stream.data no longer compresses with zlib.compressobj, compress and flush "
               f"(missing: {', '.join(sorted(missing))})")


def _gradients(modules) -> Iterator[str]:
    computed_values = modules("weasyprint.css.computed_values")
    image = inspect.unwrap(computed_values.image)
    if (params := list(inspect.signature(image).parameters)) != ["style", "name", "image"]:
        yield f"computed_values.image takes ({', '.join(params)}), not (style, name, image)"
    computers = computed_values.COMPUTER_FUNCTIONS
    if inspect.unwrap(computers.get("border_image_source")) is not image:
        yield "border-image-source's computer is no longer computed_values.image"
    if "image" not in _names_used(computers.get("background_image")):
        yield "background-image's computer no longer calls computed_values.image"


def _languages(modules) -> Iterator[str]:
    tags = modules("weasyprint.pdf.tags")
    build = inspect.unwrap(getattr(tags, "_build_box_tree", None) or (lambda: None))
    if (params := list(inspect.signature(build).parameters)[:2]) != ["box", "parent"]:
        yield f"tags._build_box_tree takes ({', '.join(params)}), not (box, parent, ...)"
    if "_build_box_tree" not in _names_used(build):
        yield "tags._build_box_tree no longer calls itself by its module's name"


def _cluster_texts(modules) -> Iterator[str]:
    draw = inspect.unwrap(getattr(modules("weasyprint.draw.text"), "draw_first_line", None) or (lambda: None))
    if (params := list(inspect.signature(draw).parameters)[:2]) != ["stream", "textbox"]:
        yield f"draw.text.draw_first_line takes ({', '.join(params)}), not (stream, textbox, ...)"
    elif missing := {"to_unicode", "log_clusters", "add_font", "get_first_line", "runs"} - _names_used(draw):
        yield f"draw.text.draw_first_line no longer uses {', '.join(sorted(missing))}"
    if missing := {"_fonts"} - _names_used(modules("weasyprint.pdf.stream").Stream.__init__):
        yield "pdf.stream.Stream.__init__ no longer sets `_fonts`, the fonts a line is drawn with"
    if missing := {"to_unicode", "hb_face"} - _names_used(modules("weasyprint.pdf.fonts").Font.__init__):
        yield f"pdf.fonts.Font.__init__ no longer sets {', '.join(sorted(missing))}"
    harfbuzz = modules("weasyprint.text.ffi").harfbuzz
    yield from (f"WeasyPrint's harfbuzz has no {name}" for name in
                ("hb_face_reference_table", "hb_tag_from_string", "hb_blob_get_data", "hb_blob_destroy")
                if not hasattr(harfbuzz, name))


def _svg_text(modules) -> Iterator[str]:
    svg = modules("weasyprint.svg")
    draw = inspect.unwrap(getattr(svg, "text", None) or (lambda: None))
    if (params := list(inspect.signature(draw).parameters)) != ["svg", "node", "font_size"]:
        yield f"weasyprint.svg.text takes ({', '.join(params)}), not (svg, node, font_size)"
    elif not {"text", "tspan"} <= {tag for tag, drawer in svg.TAGS.items() if inspect.unwrap(drawer) is draw}:
        yield "weasyprint.svg.TAGS no longer draws <text> and <tspan> with weasyprint.svg.text"
    elif "split_first_line" not in _names_used(draw) or "text" not in _names_used(draw):
        yield "weasyprint.svg.text no longer lays out node.text with split_first_line"
    if "text" not in _names_used(svg.SVG.draw_node):
        yield "SVG.draw_node no longer finds text nodes by the drawer's name `text`"
    node = getattr(svg, "Node", None)
    if not isinstance(getattr(node, "text", None), property) or "_etree_node" not in _names_used(node.text.fget):
        yield "weasyprint.svg.Node.text is no longer its element's text"


def _warm_up(modules) -> Iterator[str]:
    ffi = modules("weasyprint.text.ffi").ffi
    for cdecl in FIRST_C_TYPES:
        try:
            ffi.typeof(cdecl)
        except Exception:
            yield f"WeasyPrint's ffi no longer knows the C type {cdecl}"
    yield from (f"there is no module {name}" for name in FIRST_MODULES if importlib.util.find_spec(name) is None)


def _font_copies(modules) -> Iterator[str]:
    fonts = modules("weasyprint.text.fonts").FontConfiguration
    for method in ("add_font_face", "__del__"):
        if "_folder" not in _names_used(getattr(fonts, method, None)):
            yield f"FontConfiguration.{method} no longer uses `_folder`"


def _boxes(modules) -> Iterator[str]:
    # What layout sets (position_y, height, margin_bottom, style) cannot be seen before a layout;
    # the footer and body size tests of test_handout.py lay out handouts.
    boxes = modules("weasyprint.formatting_structure.boxes")
    for name in ("LineBox", "MarginBox", "TextBox"):
        if not (isinstance(kind := getattr(boxes, name, None), type) and issubclass(kind, boxes.Box)):
            yield f"weasyprint.formatting_structure.boxes has no box class {name}"
    if not callable(getattr(boxes.Box, "descendants", None)):
        yield "Box has no descendants()"
    if missing := {"element_tag", "element"} - _names_used(boxes.Box.__init__):
        yield f"Box.__init__ no longer sets {', '.join(sorted(missing))}"
    for name, made_with in (("MarginBox", "at_keyword"), ("TextBox", "text")):
        if hasattr(boxes, name) and made_with not in inspect.signature(getattr(boxes, name)).parameters:
            yield f"{name} is not made with its {made_with}"
    if "_page_box" not in _names_used(modules("weasyprint.document").Page.__init__):
        yield "Page.__init__ no longer sets `_page_box`"


def _subsetter(modules) -> Iterator[str]:
    ffi_module = modules("weasyprint.text.ffi")
    yield from (f"weasyprint.text.ffi has no `{name}`" for name in ("harfbuzz", "harfbuzz_subset")
                if not hasattr(ffi_module, name))
    if hasattr(ffi_module, "harfbuzz") and not hasattr(ffi_module.harfbuzz, "hb_version_atleast"):
        yield "WeasyPrint's harfbuzz has no hb_version_atleast"


def _names_used(function) -> set[str]:
    """The global and attribute names a Python function's code uses, those it sets too, and those
    of the code inside it (a generator expression's)."""
    names: set[str] = set()
    codes = [getattr(function, "__code__", None)]
    while codes:
        if isinstance(code := codes.pop(), types.CodeType):
            names.update(code.co_names)
            codes += code.co_consts
    return names


_SHAPE_CHECKS = (
    ("patch 1, no library search", _library_names),
    ("patch 2, fontTools deferred", _fonttools_taken),
    ("patch 3, pictures encoded once", _pictures),
    ("patch 4, one glyph array type", _glyph_arrays),
    ("patch 5, large streams compressed once", _compression),
    ("patch 6, gradients computed on a copy", _gradients),
    ("patch 6b, languages in the structure tree", _languages),
    ("patch 6c, the text behind each glyph", _cluster_texts),
    ("patch 6d, SVG text set as a line", _svg_text),
    ("7, the warm-up", _warm_up),
    ("8, font copies", _font_copies),
    ("9, laid-out boxes", _boxes),
    ("10, HarfBuzz's subsetter", _subsetter),
)
