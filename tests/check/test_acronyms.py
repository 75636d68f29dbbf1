"""Acronyms: emphasis in capitals passes, real acronyms (by pattern or the project's list) are
found, and a finding inside an included section names the included file and its line."""

from __future__ import annotations

from kapdocs.check import check_documents
from kapdocs.check.acronyms import acronyms_in

from checking import check_source



def acronym_findings(project, body: str, summary: str = "Call us if you feel worse.", name: str = "check"):
    path = check_source(project, body, name, summary=summary)
    report = check_documents(project, [path], ("",), outputs=False)[0]
    return [(f.file, f.line, f.message) for f in report.findings if f.rule == "acronyms"]


def test_capitals_for_emphasis_are_not_acronyms(project):
    body = ("## What to do\n\nDO NOT drive after a session. CALL us if you feel worse. IMPORTANT: STOP and rest.\n\n"
            "PLEASE READ THIS FIRST. Keep this page.\n")
    assert acronym_findings(project, body) == []


def test_acronyms_are_found_by_pattern_including_mixed_case(project):
    found = acronym_findings(project, "## What to do\n\nCall us. Your mRNA test and the eCRF are ready. The FDA knows.\n")
    assert [message for *_, message in found] == [f"`{word}` is not spelled out at its first use"
                                                   for word in ("mRNA", "eCRF", "FDA")]
    assert [word for word, *_ in acronyms_in("SSRIs, Schedule III, U.S., OK, McDonald, iPad", frozenset())] == ["SSRI"]


def test_the_projects_list_makes_a_word_an_acronym(project):
    body = "## What to do\n\nCall us about your PET scan. Ask if you need a CAT scan.\n"
    assert acronym_findings(project, body) == []  # "pet" and "cat" are words: emphasis, on their own
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'acronyms = ["PET", "CAT"]\n')
    fresh = type(project)(project.root)
    found = acronym_findings(fresh, body)
    assert [message for *_, message in found] == ["`PET` is not spelled out at its first use",
                                                  "`CAT` is not spelled out at its first use"]
    spelled = ("## What to do\n\nCall us about your positron emission tomography (PET) scan. Ask if you need a "
               "CAT (computed axial tomography) scan.\n")
    assert acronym_findings(fresh, spelled) == []


def test_the_summary_and_table_cells_are_checked_at_their_lines(project):
    body = "## What to do\n\nCall us.\n\n| Drug | Use |\n|---|---|\n| An SSRI | Depression |\n"
    found = acronym_findings(project, body, summary="The FDA has not approved it.")
    assert found == [("handouts/check.md", 9, "`FDA` is not spelled out at its first use"),
                     ("handouts/check.md", 16, "`SSRI` is not spelled out at its first use")]


def test_a_finding_in_an_included_section_names_the_included_file(project):
    acronym_findings(project, "## Shared part\n\nCall us. The FDA has not approved it.\n", name="part")
    found = acronym_findings(project, "## What to do\n\nCall us.\n\n::: include part.md#shared-part :::\n")
    assert found == [("handouts/part.md", 14, "`FDA` is not spelled out at its first use")]
