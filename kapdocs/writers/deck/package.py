"""The PPTX package made byte-stable: the same deck gives the same bytes on any day, on any machine;
and a master's package checked before python-pptx unpacks it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.project import Limits
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


def check_master(master: Path, limits: Limits) -> None:
    """Refuse a master that is not a zip package, or that would unpack to more than the limits
    allow (a zip bomb inflated 4.3 GB in memory before python-pptx read a slide)."""
    try:
        with zipfile.ZipFile(master) as package:
            unpacked = sum(entry.file_size for entry in package.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise KapdocsError(f"cannot open the PowerPoint master: it is not a .pptx package ({err})", master,
                           hint="give a .pptx file saved by PowerPoint, LibreOffice or `kapdocs template master`") from None
    if unpacked > limits.master_mib * 2**20:
        raise limits.exceeded("master_mib", f"the PowerPoint master unpacks to {unpacked / 2**20:,.0f} MiB", master)
    ratio = unpacked / max(master.stat().st_size, 1)
    if ratio > limits.master_ratio:
        raise limits.exceeded("master_ratio", f"the PowerPoint master unpacks to {ratio:,.0f} times its size", master)
