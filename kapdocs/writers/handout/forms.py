"""`::: form` → HTML form controls that WeasyPrint turns into fillable PDF (AcroForm) fields.

Printed blank, each field is a write-on line, ruled lines, or a box big enough for a pen; on
screen, the same places are fields a PDF reader fills in. A field's PDF name is the name the
reader gave it (`date_of_birth`), the same in every language, so a clinic system can read the
filled values back; its label becomes the field's tooltip. Each form is one `<form>`: WeasyPrint
looks for a field's `<label>` inside its form, and groups radio buttons per form.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from typing import Callable

from markupsafe import Markup

from kapdocs import model as m

#: A form that a patient signs is kept on one page with its signature when it has up to this many
#: fields, so what is signed is on the page signed. A longer one, like every other form, breaks
#: between fields (see handout.css): a group taller than the page would wreck the layout.
SIGNED_FORM = 6
#: Short answers (text, date, phone) that follow each other share a row, at most this many to a row.
ROW_OF_SHORT_ANSWERS = 3
SHORT_ANSWERS = ("text", "date", "phone")
#: Choices of a checkbox group that all print at most this many Latin characters across (a Chinese,
#: Japanese or Korean one counts as two) are short: large print sets them two to a row, each within
#: two lines of its half of the page (at 18 pt on Letter or A4 a half holds about 22 to a line).
SHORT_CHOICE_CHARS = 40

Inlines = Callable[[m.Inlines], Markup]


def form_html(block: m.Container, labels: dict[str, str], inlines: Inlines) -> Markup:
    """One `::: form`: its title and its fields (kept together on a page when short and signed)."""
    title = Markup('<h3 class="form-title">{}</h3>\n').format(block.args[0]) if block.args else Markup("")
    fields = m.fields_of(block)
    signed = any(f.kind == "signature" for f in fields) and len(fields) <= SIGNED_FORM
    body = Markup("\n").join(_row(row, labels, inlines) if row[0].kind in SHORT_ANSWERS else _field(row[0], labels, inlines)
                             for row in _rows(fields))
    return Markup('<form class="form{}">\n{}{}\n</form>').format(" signed" if signed else "", title, body)


def _rows(fields: tuple[m.Field, ...]) -> list[tuple[m.Field, ...]]:
    """The fields in rows: each run of short answers split into rows as even as can be (four → two
    and two, not three and one; five → three and two), every other field a row of its own."""
    rows: list[tuple[m.Field, ...]] = []
    run: list[m.Field] = []
    for field in (*fields, None):
        if field is not None and field.kind in SHORT_ANSWERS:
            run.append(field)
            continue
        rows += _even_rows(run)
        run = []
        if field is not None:
            rows.append((field,))
    return rows


def _even_rows(run: list[m.Field]) -> list[tuple[m.Field, ...]]:
    """A run of short answers in as few rows as ROW_OF_SHORT_ANSWERS allows, the fuller rows first."""
    count = -(-len(run) // ROW_OF_SHORT_ANSWERS)
    ends = [-(-len(run) * i // count) for i in range(count + 1)] if run else []
    return [tuple(run[start:end]) for start, end in zip(ends, ends[1:])]


def _row(row: tuple[m.Field, ...], labels: dict[str, str], inlines: Inlines) -> Markup:
    """Short answers side by side, each a column of the row's width shared out evenly."""
    return Markup('<div class="field-row columns-{}">\n{}\n</div>').format(
        len(row), Markup("\n").join(_field(f, labels, inlines) for f in row))


def _field(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    return {"text": _line, "date": _line, "phone": _line, "long": _lines, "yesno": _yes_no,
            "checkboxes": _checkboxes, "ack": _acknowledgement, "signature": _signature}[field.kind](field, labels, inlines)


def _label(field: m.Field, labels: dict[str, str], inlines: Inlines, tag: str = "label") -> Markup:
    # The space inside the span: outside it, where a label's words just filled a line and
    # "(required)" had to wrap, WeasyPrint broke the line after the label's first word ("I / will
    # not drive for at least 24 hours after each session. / (required)").
    required = Markup('<span class="required"> {}</span>').format(labels["required"]) if field.required else ""
    target = Markup(' for="f-{}"').format(field.name) if tag == "label" else ""
    return Markup("<{0}{1}>{2}{3}</{0}>").format(Markup(tag), target, inlines(field.label), required)


def _help(field: m.Field, inlines: Inlines, extra: str = "") -> Markup:
    parts = [p for p in (inlines(field.help), Markup.escape(extra) if extra else "") if p]
    return Markup('<p class="help">{}</p>').format(Markup(" ").join(parts)) if parts else Markup("")


def _line(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """Short text, a date or a phone number: one write-on line."""
    kind = {"phone": "tel"}.get(field.kind, "text")
    hint = labels["date_hint"] if field.kind == "date" else ""
    return Markup('<div class="field field-{}">\n{}\n{}\n<input type="{}" id="f-{}" name="{}">\n</div>').format(
        field.kind, _label(field, labels, inlines), _help(field, inlines, hint), kind, field.name, field.name)


def _lines(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """A longer answer: ruled lines, one field that takes several lines on screen. The stylesheet
    makes the box `--lines` write-on lines high (handout.css, `--write-on-line`)."""
    return Markup('<div class="field field-long">\n{}\n{}\n<textarea id="f-{}" name="{}" rows="{}" style="--lines: {}">'
                  '</textarea>\n</div>').format(_label(field, labels, inlines), _help(field, inlines),
                                                field.name, field.name, field.lines, field.lines)


def _box(kind: str, name: str, ident: str, value: str, text: Markup) -> Markup:
    return Markup('<span class="choice"><input type="{}" id="f-{}" name="{}" value="{}">'
                  '<label for="f-{}">{}</label></span>').format(kind, ident, name, value, ident, text)


def _yes_no(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """Two round buttons of one group, whose value is `yes` or `no`. The buttons are titled with
    the question, not labelled with “Yes”/“No”: the group takes its PDF tooltip from its first button."""
    question = m.plain_text(field.label)
    boxes = Markup("").join(
        Markup('<span class="choice"><input type="radio" name="{}" value="{}" title="{}"><span>{}</span></span>').format(
            field.name, value, question, labels[value]) for value in ("yes", "no"))
    return Markup('<fieldset class="field field-yesno">\n{}\n{}\n<div class="choices">{}</div>\n</fieldset>').format(
        _label(field, labels, inlines, "legend"), _help(field, inlines), boxes)


def _checkboxes(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """Select all that apply: one check box per choice, each its own field."""
    boxes = Markup("\n").join(_box("checkbox", c.name, c.name, "Yes", inlines(c.label)) for c in field.choices)
    short = all(_printed_chars(m.plain_text(c.label)) <= SHORT_CHOICE_CHARS for c in field.choices)
    return Markup('<fieldset class="field field-checkboxes">\n{}\n{}\n<div class="choices{}">\n{}\n</div>\n'
                  '</fieldset>').format(_label(field, labels, inlines, "legend"),
                                        _help(field, inlines, labels["select_all"]), " short" if short else "", boxes)


def _printed_chars(text: str) -> int:
    """How many Latin characters `text` takes across: a Chinese, Japanese or Korean one is two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _acknowledgement(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """A statement the patient ticks to say they have read and understood it."""
    return Markup('<div class="field field-ack">\n<input type="checkbox" id="f-{}" name="{}" value="Yes">\n'
                  '{}\n</div>').format(field.name, field.name, _label(field, labels, inlines))


def _signature(field: m.Field, labels: dict[str, str], inlines: Inlines) -> Markup:
    """A signature line and a date line beside it, each labelled underneath as on a paper form."""
    date = f"{field.name}_date"
    return Markup('<div class="field field-signature">\n'
                  '<div class="signature-line"><input type="text" id="f-{}" name="{}">{}</div>\n'
                  '<div class="signature-date"><input type="text" id="f-{}" name="{}">'
                  '<label for="f-{}">{}</label></div>\n</div>').format(
        field.name, field.name, _label(field, labels, inlines), date, date, date, labels["date"])


#: A field's label in the HTML above: `<label for="f-NAME">…</label>`.
_LABEL = re.compile(r'<label for="f-([^"]+)">(.*?)</label>', re.S)
_TAG = re.compile(r"<[^>]+>")


def field_tooltips(html: str) -> dict[str, str]:
    """Each field's name → its label as one line of text, for the PDF field's tooltip (/TU, what a
    screen reader announces). WeasyPrint takes the label's text as laid out, so a label that wraps
    loses the space at the line break (“related toyou”); this is the text as written."""
    return {name: " ".join(unescape(_TAG.sub(" ", text)).split()).replace(" )", ")").replace("( ", "(")
            for name, text in _LABEL.findall(html)}
