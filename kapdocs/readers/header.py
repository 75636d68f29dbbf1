"""YAML text → plain values: a source's front matter and a brand kit's file. The only module
that imports yaml.

It parses with libyaml's loader when PyYAML was built with it (several times faster), and with
the pure-Python one otherwise; both read the same safe subset of YAML.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kapdocs.errors import KapdocsError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, file: Path, first_line: int) -> tuple[dict, dict[str, int]]:
    """Parse YAML safely; return the mapping and the source line of each top-level key (and of
    each key one level down, as `parent.key`: a source under `sources:`)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(err, "problem", None) or str(err)
        raise KapdocsError(f"invalid YAML: {problem}", file, line,
                           "check the indentation and quote values that contain a colon") from None
    except (ValueError, OverflowError) as err:  # a value YAML reads as a date or number that cannot be one: 0000-00-00
        raise KapdocsError(f"invalid value in the YAML: {err}", file, first_line,
                           "quote values that are not meant as dates or numbers") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise KapdocsError("the YAML must be a mapping of `key: value` lines", file, first_line)
    lines = {str(key.value): first_line + key.start_mark.line for key, _ in node.value}
    lines |= {f"{key.value}.{inner.value}": first_line + inner.start_mark.line for key, value in node.value
              if isinstance(value, yaml.MappingNode) for inner, _ in value.value}
    return data, lines


def read_header(path: Path) -> dict:
    """A source's front matter as plain values, unchecked (empty if it has none or it cannot be read).

    For planning a build: which document and language a file is, without parsing its Markdown."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    try:
        header = yaml.load(text[3:end], Loader=_Loader) if end > 0 else None
    except (yaml.YAMLError, ValueError, OverflowError):
        return {}
    return header if isinstance(header, dict) else {}
