"""The PPTX package made byte-stable: the same deck gives the same bytes on any day, on any machine."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from kapdocs.writers.deck import oxml


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with fixed entry times and attributes, [Content_Types].xml first, and
    `when` as the date it was created and changed.

    A chart's workbook, a package inside the package, gets the same: XlsxWriter stamps its core
    properties with the time it is written, so a deck with a chart came out different from one
    second to the next. (The deck's own already say `when`.)"""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = source.read(name)
            if name == "docProps/core.xml":
                content = oxml.dated_core(content, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
            elif name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                content = normalise_zip(content, when)
            target.writestr(info, content)
    return out.getvalue()
