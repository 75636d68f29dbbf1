"""YAML front matter text → Meta, validated, with errors that name the field's line.

Brand kits have their own schema in brand.py but share `schema_error` from here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kapdocs.errors import KapdocsError
from kapdocs.model import Meta, Source
from kapdocs.readers.header import load_yaml

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A language as a source names it (`es`, `zh-Hans`, `pt_BR`); a picture's translated version ends in one.
LANG_PATTERN = r"^[a-z]{2,3}([-_][A-Za-z0-9]+)*$"


#: Words that name a role or stand in for a name: `reviewed_by` must name the person who reviewed.
PLACEHOLDER_WORDS = {"sample", "placeholder", "reviewer", "clinic", "medical", "tbd", "todo", "xxx", "unknown",
                     "someone", "name", "n/a", "none"}


class SourceEntry(BaseModel):
    """One publication under `sources:`: what a reader needs to find it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    year: int = Field(ge=1800, le=2100)
    url: str = Field(default="", pattern=r"^(https://\S+)?$")
    doi: str = Field(default="", pattern=r"^(10\.\d{4,}/\S+)?$")


class FrontMatter(BaseModel):
    """The schema of a source's front matter (see README, "The content source")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    subtitle: str = ""
    audience: Literal["patients", "clinicians"] = "patients"
    lang: str = Field(pattern=LANG_PATTERN)
    version: str = Field(min_length=1)
    reviewed: dt.date
    reviewed_by: str = ""  # empty until a named person has reviewed it; the outputs say DRAFT
    next_review: dt.date
    summary: str = ""
    agenda: bool = False  # decks: an agenda slide listing the sections after the title
    # `kapdocs check` rules this source waives, each with the reason the reviewer accepted.
    waive: dict[str, str] = {}
    # The publications the text cites with `[^key]`, each printed under the handout's sources.
    sources: dict[str, SourceEntry] = {}

    @field_validator("reviewed_by")
    @classmethod
    def _a_person(cls, value: str) -> str:
        words = set(re.findall(r"[a-z/]+", value.lower()))
        if value.strip() and (placeholder := sorted(words & PLACEHOLDER_WORDS)):
            raise ValueError(f"“{value}” is not a person's name (“{placeholder[0]}”)")
        return value.strip()

    @field_validator("sources")
    @classmethod
    def _keys_are_labels(cls, value: dict[str, SourceEntry]) -> dict[str, SourceEntry]:
        if bad := [key for key in value if not re.fullmatch(r"[a-z][a-z0-9-]*", str(key))]:
            raise ValueError(f"source key `{bad[0]}` is not a lowercase label such as ketalar-label")
        return value

    @field_validator("waive")
    @classmethod
    def _reasons_given(cls, value: dict[str, str]) -> dict[str, str]:
        if empty := [rule for rule, reason in value.items() if not str(reason).strip()]:
            raise ValueError(f"waiving `{empty[0]}` needs a reason")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        # YAML reads `version: 1.0` as a float; a version is a label, so keep what was typed.
        return str(value) if isinstance(value, (int, float)) else value


HINTS = {
    "id": "use lowercase letters, digits and hyphens, e.g. how-ketamine-works",
    "lang": "use a language code such as en, es or zh-Hans",
    "reviewed": "write the date as YYYY-MM-DD",
    "next_review": "write the date as YYYY-MM-DD",
    "audience": "use patients or clinicians",
    "reviewed_by": "write the reviewer's name, e.g. Dana Reyes, MD, once they have reviewed it; "
                   "leave it out until then and the outputs say DRAFT",
    "sources": "give each source a title, publisher, year and a url (https://…) or doi (10.…)",
}


def read_front_matter(text: str, file: Path, first_line: int) -> Meta:
    """Validate front matter text that starts at `first_line` of `file`."""
    data, lines = load_yaml(text, file, first_line)
    try:
        fm = FrontMatter.model_validate(data)
    except ValidationError as err:
        raise schema_error(err, file, lines, first_line, HINTS) from None
    values = fm.model_dump()
    values["waive"] = tuple(sorted(values["waive"].items()))
    values["sources"] = tuple(Source(key, **entry, line=lines.get(f"sources.{key}", lines.get("sources", first_line)))
                              for key, entry in values["sources"].items())
    return Meta(**values)


def schema_error(err: ValidationError, file: Path, lines: dict[str, int], first_line: int,
                 hints: dict[str, str]) -> KapdocsError:
    """The first schema problem as a KapdocsError at the offending key's line."""
    problem = err.errors()[0]
    loc = [str(part) for part in problem["loc"]]
    key = loc[0] if loc else ""
    name = ".".join(loc) or "front matter"
    at = lines.get(".".join(loc[:2]), lines.get(key, first_line))  # a source's own line, else its field's
    if problem["type"] == "missing":
        return KapdocsError(f"`{name}` is missing", file, first_line,
                            f"add a `{key}:` line" + (f" ({hints[key]})" if key in hints else ""))
    if problem["type"] == "extra_forbidden":
        return KapdocsError(f"unknown field `{name}`", file, at,
                            "remove it or fix its spelling")
    message = re.sub(r"^(Value error|Assertion failed), ", "", problem["msg"])
    return KapdocsError(f"`{name}`: {message}", file, at,
                        hints.get(key, ""))
