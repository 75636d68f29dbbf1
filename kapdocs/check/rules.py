"""The rules of `kapdocs check`, each with its threshold and where the threshold comes from.

Text rules read the handout branch of a document (in the language being checked): its
paragraphs, list items, callouts and glossary definitions; not headings, tables, stats labels,
form fields or references, which are not running prose. Output rules build the PDF (or plan the
deck) and read it back.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kapdocs import model as m
from kapdocs.check.acronyms import acronym_findings
from kapdocs.check.findings import DocumentReport, Finding
from kapdocs.check.readability import UNSPACED, count, flesch_kincaid_grade, inflesz, sentences_of, words_of
from kapdocs.check.scores import Handout, instruction_texts, score_findings
from kapdocs.check.sources import source_list_findings, unsourced_figures
from kapdocs.check.terms import approved_terms
from kapdocs.check.texts import RUNNING, Text, front_matter_lines, patient_texts, speaker_notes
from kapdocs.errors import KapdocsError

#: Plain-language targets: AMA and NIH/MedlinePlus ask for grade 6 to 8, the CDC for 8 or below.
GRADE_MAX, GRADE_WARN = 8.0, 6.0
#: Speaker notes are read by presenters, who are staff: a warning above grade 10 (said aloud, they
#: still have to be easy to follow); not assessed under 30 words.
NOTES_GRADE_MAX = 10.0
#: INFLESZ (Barrio-Cantalejo et al. 2008): 55 and above "normal" for general readers; 65 "fairly easy".
INFLESZ_MIN, INFLESZ_WARN = 55.0, 65.0
#: Sentence length: CDC Clear Communication Index and NIH plain-language guidance.
SENTENCE_AVERAGE_MAX, SENTENCE_WARN = 20, 25
#: CDC Clear Communication Index: lists of 7 items or fewer.
LIST_MAX = 7
#: Verbs that open an instruction ("Call us", "Do not drive"): PEMAT actionability.
ACTION_VERBS = {
    "en": {"ask", "avoid", "bring", "call", "check", "come", "do", "don't", "drink", "eat", "fill", "go", "keep",
           "leave", "let", "plan", "please", "read", "rest", "sleep", "stop", "take", "talk", "tell", "text",
           "tick", "try", "use", "wear", "write", "make", "notice", "sign", "book", "arrange", "follow"},
    "es": {"llame", "pregunte", "traiga", "tome", "no", "evite", "vaya", "pruebe", "escriba", "duerma", "lea",
           "marque", "llene", "descanse", "beba", "coma", "use", "póngase", "hable", "dígale", "avise", "planee",
           "consulte", "anote", "siga", "deje", "firme", "venga", "asista", "cuéntenos", "déjelo", "incluya"},
}
#: The share of the main message's key words that the first section must take up.
MAIN_MESSAGE_SHARE = 0.25
#: Body text of patient materials: at least 12 pt (CDC Simply Put; NIH/MedlinePlus "How to write easy-to-read").
BODY_MIN_PT = 12.0
#: Large print: at least 18 pt (American Council of the Blind; APH).
LARGE_PRINT_MIN_PT = 18.0
#: Document control: a handout is reviewed at least every two years (Joint Commission practice).
REVIEW_YEARS = 2


def check_one(project, source: Path, lang: str, brand_key: str, outputs: bool,
              large_print: bool = False) -> DocumentReport:
    """Every rule on one source in one language ("" = its own)."""
    from kapdocs.brand.schema import load_brand, localized
    from kapdocs.readers import read_source
    from kapdocs.transforms import Context, apply_pipeline

    shown = str(project.shown(source))
    report = DocumentReport(shown, lang)
    try:
        document = read_source(source, project.shown(source), project.settings.limits)
    except KapdocsError as err:
        report.findings.append(_finding_of(err, shown))
        return report
    report.lang = lang or document.meta.lang
    # Judged on the catalog's finished entries, so also while it is incomplete (the translator's draft).
    terms = approved_terms(project, source, document.meta.id, document.meta.lang, lang)
    try:
        brand = localized(load_brand(brand_key, project.root, large_print=large_print), report.lang, project.root)
        handout = apply_pipeline(document, Context(project, "handout", brand, lang, large_print=large_print,
                                                   mark_includes=True))
        deck = apply_pipeline(document, Context(project, "deck", brand, lang, mark_includes=True))
    except KapdocsError as err:
        return _filed(report, [_finding_of(err, shown)] + terms, document.meta.waive)
    findings = text_rules(handout, shown, report, front_matter_lines(source), project.settings.acronyms) + terms
    findings += notes_grade(speaker_notes(deck, shown), deck.meta.lang, shown)
    findings += document_control(handout.meta, shown)
    findings += slide_titles(without_marks(deck), brand, shown)
    findings += contrast_of(brand, shown)
    if outputs:
        findings += output_rules(project, source, brand_key, lang, handout, brand, shown, large_print)
        findings += slide_overflow(project, source, brand_key, lang, brand, shown)
    return _filed(report, findings, document.meta.waive)


def _filed(report: DocumentReport, findings: list[Finding], waive) -> DocumentReport:
    """The report with `findings` in it, those its source waives (`waive:`) apart with their reasons."""
    waivers = dict(waive)
    for finding in findings:
        if finding.rule in waivers and finding.level != "info":
            report.waived.append((finding, waivers[finding.rule]))
        else:
            report.findings.append(finding)
    return report


def _finding_of(err: KapdocsError, shown: str) -> Finding:
    """A document that cannot be read or translated is one error, under the rule it breaks."""
    return Finding(str(err.file or shown), err.line or 1, "error", err.rule or "source",
                   err.message + (f". {err.hint}" if err.hint else ""))


# ---- text ---------------------------------------------------------------------------------

def without_marks(document: m.Document) -> m.Document:
    """The document with its `included` marks unwrapped, as the writers see it."""
    from kapdocs.transforms.tree import map_containers

    return document.with_blocks(map_containers(
        document.blocks, lambda c: c.blocks if c.kind == "included" else (c,)))


def text_rules(document: m.Document, shown: str, report: DocumentReport, meta_lines: dict[str, int],
               known_acronyms: tuple[str, ...] = ()) -> list[Finding]:
    """The rules on what a patient reads: reading level, sentences, lists, acronyms, numbers and
    their sources, the main message and instructions, alt text, and the plain-language scores."""
    texts = patient_texts(document, shown, meta_lines)
    lang = document.meta.lang
    base = lang.split("-")[0]
    glossary = {m.plain_text(item.term) for block in m.walk(document.blocks) if isinstance(block, m.DefinitionList)
                for item in block.items}
    grade = reading_grade(texts, lang, shown, report)
    terms = acronym_findings(texts, glossary, frozenset(known_acronyms), lang)
    found = (grade + sentence_length(texts, shown, lang) + list_length(document.blocks, shown) + terms
             + main_message(document, texts, shown) + alt_text(document.blocks, shown)
             + table_headers(document.blocks, shown))
    if document.meta.audience == "patients":
        found += unsourced_figures(texts) + source_list_findings(document, shown)
        if base in ACTION_VERBS:
            assessed = report.measures.get("reading") != "not assessed"
            plain = not any(f.level in ("error", "warning") for f in grade) if assessed else None
            handout = Handout(document, texts, instruction_texts(texts, lambda s: _is_instruction(s, base), base),
                              plain, not terms)
            found += score_findings(handout, shown, report.measures)
    return found


def _running(texts: list[Text]) -> list[Text]:
    """The texts the formulas are taken on: sentences, not labels or list fragments."""
    return [t for t in texts if t.kind in RUNNING and t.is_sentence]


def reading_grade(texts: list[Text], lang: str, shown: str, report: DocumentReport) -> list[Finding]:
    """Reading level of the handout's sentences, per document and per section.

    English: Flesch-Kincaid grade ≤ 8, warning above 6 (AMA; NIH/MedlinePlus; CDC).
    Spanish: INFLESZ (Szigriszt-Pazos) ≥ 55, warning below 65 (Barrio-Cantalejo et al. 2008).
    Other languages: no validated formula here, so "not assessed" — never a silent pass.
    List items that are not sentences ("Talk therapy") are left out: the formulas are made for
    sentences, and a fragment counts as a very short one. The document's score passes or fails;
    each section's score is information, since the formulas are unstable on a few dozen words."""
    prose = _running(texts)
    if not prose:
        return []
    base = lang.split("-")[0]
    if base not in ("en", "es"):
        report.measures["reading"] = "not assessed"
        return [Finding(shown, 1, "info", "reading-grade", f"reading level not assessed: no validated formula "
                                                           f"for `{lang}` here")]
    score, name, fails, warns = _score([p.text for p in prose], base)
    report.measures["reading"] = f"{name} {score:.1f}"
    out = []
    threshold = f"≤ {GRADE_MAX:g}, warn above {GRADE_WARN:g}" if base == "en" else \
        f"≥ {INFLESZ_MIN:g}, warn below {INFLESZ_WARN:g}"
    if fails(score) or warns(score):
        out.append(Finding(shown, 1, "error" if fails(score) else "warning", "reading-grade",
                           "the handout reads above the plain-language target", f"{name} {score:.1f}", threshold))
    sections: dict[tuple[str, str, int], list[str]] = {}
    for p in prose:
        sections.setdefault((p.file, p.section, p.section_line), []).append(p.text)
    for (file, title, line), part in sections.items():
        section_score = _score(part, base)[0]
        if fails(section_score) and count(part, lang).words >= 30:
            out.append(Finding(file, line, "info", "reading-grade", f"section “{title or 'introduction'}” "
                               "reads above the target", f"{name} {section_score:.1f}", threshold))
    return out


def notes_grade(notes: list[Text], lang: str, shown: str) -> list[Finding]:
    """Speaker notes, read by presenters: a warning above grade 10 (English only; 30 words or more)."""
    texts = [n.text for n in notes]
    if lang.split("-")[0] != "en" or count(texts, "en").words < 30:
        return []
    grade = flesch_kincaid_grade(count(texts, "en"))
    if grade <= NOTES_GRADE_MAX:
        return []
    return [Finding(notes[0].file, notes[0].line, "warning", "reading-grade", "the speaker notes read above "
                    "the presenters' target", f"Flesch-Kincaid grade {grade:.1f}", f"≤ {NOTES_GRADE_MAX:g}")]


def _score(texts: list[str], base: str):
    counts = count(texts, base)
    if base == "en":
        return (flesch_kincaid_grade(counts), "Flesch-Kincaid grade",
                lambda s: s > GRADE_MAX, lambda s: s > GRADE_WARN)
    return inflesz(counts), "INFLESZ", lambda s: s < INFLESZ_MIN, lambda s: s < INFLESZ_WARN


def sentence_length(texts: list[Text], shown: str, lang: str = "en") -> list[Finding]:
    """Average sentence ≤ 20 words; any sentence over 25 words is named (CDC Index; NIH).
    Not assessed for languages written without spaces (Chinese, Japanese): words are not counted."""
    if lang.split("-")[0] in UNSPACED:
        return [Finding(shown, 1, "info", "sentence-length", f"sentence length not assessed for `{lang}`: "
                                                             "words are not separated by spaces")]
    sentences = [(s, p) for p in _running(texts) for s in sentences_of(p.text, lang)]
    if not sentences:
        return []
    lengths = [len(words_of(s)) for s, _ in sentences]
    average = sum(lengths) / len(lengths)
    out = []
    if average > SENTENCE_AVERAGE_MAX:
        out.append(Finding(shown, 1, "error", "sentence-length", "sentences are long on average",
                           f"{average:.1f} words", f"≤ {SENTENCE_AVERAGE_MAX}"))
    for (sentence, piece), length in zip(sentences, lengths):
        if length > SENTENCE_WARN:
            out.append(Finding(piece.file, piece.line, "warning", "sentence-length",
                               f"long sentence “{sentence[:60]}…”", f"{length} words", f"≤ {SENTENCE_WARN}"))
    return out


def list_length(blocks: m.Blocks, shown: str) -> list[Finding]:
    """Lists of at most 7 items (CDC Clear Communication Index); forms and glossaries excluded."""
    out = []
    for block, file in _walk_prose_blocks(blocks, shown):
        if isinstance(block, m.BulletList) and len(block.items) > LIST_MAX:
            out.append(Finding(file, block.line, "warning", "list-length", "a long list is hard to take in",
                               f"{len(block.items)} items", f"≤ {LIST_MAX}"))
    return out


def _walk_prose_blocks(blocks: m.Blocks, file: str):
    """Each block and the file it is in (an `included` mark names its own)."""
    for block in blocks:
        if isinstance(block, m.Container) and block.kind in ("form", "stats"):
            continue
        inner = block.args[0] if isinstance(block, m.Container) and block.kind == "included" else file
        yield block, file
        yield from _walk_prose_blocks(m.child_blocks(block), inner)


STOPWORDS = {"that", "this", "with", "your", "have", "will", "from", "they", "them", "their", "when", "what", "which",
             "about", "after", "before", "there", "then", "than", "into", "only", "more", "most", "some", "also",
             "para", "como", "pero", "este", "esta", "usted", "puede", "sobre", "cuando"}


def main_message(document: m.Document, texts: list[Text], shown: str) -> list[Finding]:
    """The main message exists and its substance appears in the first section, and at least one
    part tells the reader what to do (CDC Clear Communication Index items 1–3; PEMAT actionability)."""
    out = []
    summary = document.meta.summary
    base = document.meta.lang.split("-")[0]
    if base not in ACTION_VERBS:
        return [Finding(shown, 1, "info", "main-message", f"main message and instructions not assessed for "
                                                          f"`{document.meta.lang}`: no word lists for it here")]
    prose = [t for t in texts if t.kind in RUNNING]
    if not summary:
        out.append(Finding(shown, 1, "error", "main-message", "no main message (`summary:` in the front matter)",
                           "none", "one or two sentences"))
    else:
        key = {w.lower() for w in words_of(summary) if len(w) >= 4 and w.lower() not in STOPWORDS}
        opening = _opening(prose, base).lower()
        shared = {w for w in key if w in opening}
        if key and len(shared) / len(key) < MAIN_MESSAGE_SHARE:
            out.append(Finding(shown, 1, "warning", "main-message", "the main message is not taken up in the first "
                               "section", f"{len(shared)} of {len(key)} key words", f"at least {MAIN_MESSAGE_SHARE:.0%}"))
    instructions = [s for p in prose for s in sentences_of(p.text, base) if _is_instruction(s, base)]
    if document.meta.audience == "patients" and not instructions and not m.has_form(document):
        out.append(Finding(shown, 1, "error", "action", "nothing tells the reader what to do",
                           "0 instructions", "at least 1"))
    return out


def _opening(prose: list[Text], base: str) -> str:
    """The prose of the first section; a part's one-line lead (`# Part` then a sentence on why it
    matters, shown on its divider slide) is read with the section after it."""
    sections = list(dict.fromkeys(t.section for t in prose))
    taken: list[str] = []
    for section in sections:
        taken += [t.text for t in prose if t.section == section]
        if sum(len(sentences_of(text, base)) for text in taken) >= 2:
            break
    return " ".join(taken)


def _is_instruction(sentence: str, base: str) -> bool:
    words = [w.lower() for w in words_of(sentence)[:1]]
    return bool(words) and words[0] in ACTION_VERBS[base]


def alt_text(blocks: m.Blocks, shown: str) -> list[Finding]:
    """Every picture says what it shows: alt text of at least a few words, not a file name (WCAG 1.1.1)."""
    out = []
    for block, file in _walk_prose_blocks(blocks, shown):
        for inlines in m.inlines_of(block):
            for node in m.walk_inlines(inlines):
                if isinstance(node, m.Image) and (len(words_of(node.alt)) < 2 or re.search(r"\.\w{3,4}$", node.alt)):
                    out.append(Finding(file, block.line, "error", "alt-text", f"picture `{node.src}` has no useful "
                                       "alt text", f"“{node.alt}”", "a few words saying what it shows"))
    return out


def table_headers(blocks: m.Blocks, shown: str) -> list[Finding]:
    """Every column has a header a screen reader can announce: an empty header cell (the corner of
    a comparison table, `| | A | B |`) reads as nothing before each cell of its column, and PDF/UA
    checkers report it (WCAG 1.3.1)."""
    out = []
    for block, file in _walk_prose_blocks(blocks, shown):
        if isinstance(block, m.Table):
            empty = [n for n, cell in enumerate(block.header, 1) if not m.plain_text(cell).strip()]
            if empty:
                out.append(Finding(file, block.line, "error", "table-header", "a table column has no header: "
                                   "name what the column holds (for a first column of row names, what they are)",
                                   "empty header in column " + ", ".join(map(str, empty))))
    return out


def document_control(meta: m.Meta, shown: str, today: dt.date | None = None) -> list[Finding]:
    """Version, reviewer and review dates present; the next review not past and at most two years
    after the last (clinic document-control practice, Joint Commission)."""
    today = today or dt.date.today()
    out = []
    if meta.unreviewed:
        out.append(Finding(shown, 1, "info", "document-control", "no named reviewer yet: every page and slide "
                           "says “DRAFT — not reviewed”", "no reviewed_by", "the reviewer's name once reviewed"))
    if meta.next_review < today:
        out.append(Finding(shown, 1, "error", "document-control", "the next review date has passed",
                           f"next review {meta.next_review.isoformat()}", f"not before {today.isoformat()}"))
    limit = meta.reviewed.replace(year=meta.reviewed.year + REVIEW_YEARS)
    if meta.next_review > limit:
        out.append(Finding(shown, 1, "error", "document-control", "the next review is too far after the last",
                           f"{(meta.next_review - meta.reviewed).days} days", f"≤ {REVIEW_YEARS} years"))
    if meta.reviewed > today:
        out.append(Finding(shown, 1, "warning", "document-control", "the review date is in the future",
                           f"reviewed {meta.reviewed.isoformat()}", f"not after {today.isoformat()}"))
    return out


def slide_titles(document: m.Document, brand, shown: str) -> list[Finding]:
    """Every slide has a title (WCAG 2.4.2; screen readers announce slides by their titles)."""
    from kapdocs.writers.deck import plan_deck

    return [Finding(shown, slide.line, "error", "slide-title", "a slide has no title", "empty title", "a title")
            for slide in plan_deck(document, brand).slides if not slide.title.strip()]


def contrast_of(brand, shown: str) -> list[Finding]:
    """Text and background colours the outputs use reach WCAG 2.2 contrast: 4.5:1, and 7:1 for
    large print. A brand below 4.5:1 does not load at all; here the lowest ratio is reported."""
    from kapdocs.brand.schema import LARGE_PRINT_CONTRAST, contrast, text_pairs

    ratio, what = min((contrast(fore, back), what) for what, fore, back in text_pairs(brand))
    if ratio < LARGE_PRINT_CONTRAST:
        return [Finding(shown, 1, "warning", "contrast", f"{what} is too faint for large print",
                        f"{ratio:.2f}:1", f"≥ {LARGE_PRINT_CONTRAST:g}:1 for large print")]
    return [Finding(shown, 1, "info", "contrast", f"lowest contrast is {what}", f"{ratio:.2f}:1", "≥ 4.5:1")]


# ---- outputs ------------------------------------------------------------------------------

def output_rules(project, source: Path, brand_key: str, lang: str, handout: m.Document, brand, shown: str,
                 large_print: bool = False) -> list[Finding]:
    """Build the handout and read it back (see pdf_findings)."""
    from kapdocs.pipeline import Job, render_handout
    from kapdocs.audit.pdf import read_back
    from kapdocs.i18n.language import text_direction

    try:
        result, _ = render_handout(project, Job(source, brand_key, "pdf", lang, large_print=large_print))
    except KapdocsError as err:
        return [_finding_of(err, shown)]
    return pdf_findings(read_back(result.pdf, result.body_size), brand.footer.crisis_line, brand.footer.disclaimer,
                        text_direction(handout.meta.lang) == "rtl", shown,
                        LARGE_PRINT_MIN_PT if large_print else BODY_MIN_PT, disclaimer_on_every_page=not large_print)


def pdf_findings(facts, crisis_line: str, disclaimer: str, rtl: bool, shown: str,
                 body_min: float = 12.0, disclaimer_on_every_page: bool = True) -> list[Finding]:
    """The PDF as printed: the crisis line and the disclaimer on every page (the clinic's safety
    policy; Joint Commission NPSG 15.01.01 on suicide risk), tagged with its language and title
    (PDF/UA, WCAG 2.2 SC 3.1.1 and 2.4.2), body text at least 12 pt (large print: see README).
    Large print prints the disclaimer once, at the end (docs/brands.md#large-print)."""
    out = []
    if not disclaimer_on_every_page and not rtl:
        if not _printed(disclaimer, "".join(facts.pages), rtl):
            out.append(Finding(shown, 1, "error", "crisis-line", "the handout has no disclaimer", "missing", "once"))
        disclaimer = ""
    # Text read back from a PDF breaks lines with spaces (even inside Chinese) and gives
    # right-to-left text in an order of its own: compare without spaces, and for right-to-left
    # text compare the numbers to call, which are what the reader must find.
    wanted = [("crisis line", crisis_line)] + ([] if rtl or not disclaimer else [("disclaimer", disclaimer)])
    for number, text in enumerate(facts.pages, 1):
        for name, line in wanted:
            if not _printed(line, text, rtl):
                out.append(Finding(shown, 1, "error", "crisis-line", f"page {number} has no {name}",
                                   "missing", "on every page"))
    for what, ok in (("tagged", facts.tagged), ("language set", bool(facts.lang)), ("title set", bool(facts.title))):
        if not ok:
            out.append(Finding(shown, 1, "error", "pdf-tags", f"the PDF is not {what}", "no", "yes"))
    if 0 < facts.body_size < body_min:
        out.append(Finding(shown, 1, "error", "type-size", "body text is too small to read comfortably",
                           f"{facts.body_size:g} pt", f"≥ {body_min:g} pt"))
    return out



def _printed(line: str, text: str, rtl: bool) -> bool:
    """Whether `line` is in `text`: its opening words and every number in it (the page number is
    set inside the crisis line's paragraph and may come between its words when they wrap)."""
    key = re.findall(r"\d+", line) + ([] if rtl else ["".join(line.split())[:20]])
    return all(part in "".join(text.split()) for part in key)

def slide_overflow(project, source: Path, brand_key: str, lang: str, brand, shown: str) -> list[Finding]:
    """No slide text runs past its placeholder: the written deck is read back and each text box's
    paragraphs are measured at their written sizes with the deck writer's own font metrics."""
    from kapdocs.pipeline import Job, render
    from kapdocs.writers.deck.fit import deck_measure
    from kapdocs.writers.deck.powerpoint import overflowing_text

    try:
        data, *_ = render(project, Job(source, brand_key, "pptx", lang))
    except KapdocsError as err:
        return [_finding_of(err, shown)]
    measure = deck_measure(brand.fonts.deck_body, lang or "en")
    return [Finding(shown, 1, "error", "slide-overflow", f"slide {number}: the text of “{name}” runs past its box",
                    f"{needed:g} pt of text", f"{available:g} pt of box")
            for number, name, needed, available in overflowing_text(data, measure)]
