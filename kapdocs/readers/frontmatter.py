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
from kapdocs.model import Meta
from kapdocs.readers.header import load_yaml

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class FrontMatter(BaseModel):
    """The schema of a source's front matter (see README, "The content source")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    subtitle: str = ""
    audience: Literal["patients", "clinicians"] = "patients"
    lang: str = Field(pattern=r"^[a-z]{2,3}([-_][A-Za-z0-9]+)*$")
    version: str = Field(min_length=1)
    reviewed: dt.date
    reviewed_by: str = ""  # none yet: the source builds as a draft, stamped "not yet reviewed"
    next_review: dt.date
    summary: str = ""
    agenda: bool = False  # decks: an agenda slide listing the sections after the title
    # `kapdocs check` rules this source waives, each with the reason the reviewer accepted.
    waive: dict[str, str] = {}

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
    return Meta(**values, draft=not values["reviewed_by"].strip())


def schema_error(err: ValidationError, file: Path, lines: dict[str, int], first_line: int,
                 hints: dict[str, str]) -> KapdocsError:
    """The first schema problem as a KapdocsError at the offending key's line."""
    problem = err.errors()[0]
    loc = [str(part) for part in problem["loc"]]
    key = loc[0] if loc else ""
    name = ".".join(loc) or "front matter"
    if problem["type"] == "missing":
        return KapdocsError(f"`{name}` is missing", file, first_line,
                            f"add a `{key}:` line" + (f" ({hints[key]})" if key in hints else ""))
    if problem["type"] == "extra_forbidden":
        return KapdocsError(f"unknown field `{name}`", file, lines.get(key, first_line),
                            "remove it or fix its spelling")
    message = re.sub(r"^(Value error|Assertion failed), ", "", problem["msg"])
    return KapdocsError(f"`{name}`: {message}", file, lines.get(key, first_line),
                        hints.get(key, ""))
