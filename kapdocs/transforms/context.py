"""What every transform may know about the build: the project, the output made, the brand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kapdocs.brand.schema import Brand
from kapdocs.support.project import Project

Output = Literal["handout", "deck"]


@dataclass(frozen=True)
class Context:
    """What transforms may know about the build: the project, the output made, the brand."""

    project: Project
    output: Output
    brand: Brand
    locale: str = ""  # the language to build in ("" = the source's own)
    draft: bool = False  # build an incomplete translation, stamped as a draft
    large_print: bool = False  # the large-print handout, set in the brand's large-print family
    # `kapdocs check`: keep each included section in an `included` container naming its file,
    # so a finding there names the file and line it is in (writers never see these).
    mark_includes: bool = False
