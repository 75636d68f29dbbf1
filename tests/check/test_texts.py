"""What the checker reads: every text a patient sees, with sentences apart from list fragments,
and speaker notes with their own threshold."""

from __future__ import annotations

from kapdocs.check import check_documents
from kapdocs.check.texts import Text

from checking import check_source



def report_of(project, body: str):
    path = check_source(project, body, summary="Call us if you feel worse.")
    return check_documents(project, [path], ("",), outputs=False)[0]


def test_a_list_item_is_a_sentence_only_when_it_ends_as_one():
    assert Text("Call us if you feel worse.", "f", 1, "item").is_sentence
    assert not Text("Talk therapy", "f", 1, "item").is_sentence
    assert Text("Ketamine acts on glutamate", "f", 1, "prose").is_sentence


def test_one_word_list_items_do_not_pull_the_grade_down(project):
    prose = ("## What to do\n\nKetamine-assisted psychotherapy combines medication with structured psychological "
             "preparation and integration.\n\n")
    fragments = "".join(f"- {word}\n" for word in ("Pills", "Therapy", "Sleep", "Walks", "Food", "Water", "Rest"))
    alone = report_of(project, prose).measures["reading"]
    with_fragments = report_of(project, prose + fragments).measures["reading"]
    assert alone == with_fragments  # the fragments are left out of the formula


def test_speaker_notes_are_held_to_the_presenters_threshold(project):
    hard = ("::: notes\nPharmacological interventions targeting glutamatergic neurotransmission demonstrate "
            "considerable therapeutic efficacy in treatment-resistant depressive disorders, necessitating "
            "comprehensive cardiovascular monitoring during administration.\n:::\n")
    plain = "::: notes\nShow the picture. Ask who has had a session before. Keep it short and kind.\n:::\n"
    base = "## What to do\n\nCall us if you feel worse.\n\n"
    notes = [f for f in report_of(project, base + hard + hard).findings if "speaker notes" in f.message]
    assert [(f.level, f.threshold) for f in notes] == [("warning", "≤ 10")]
    assert not [f for f in report_of(project, base + plain + plain + plain).findings if "speaker notes" in f.message]
