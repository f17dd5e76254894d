"""Read articles from disk or stdin into :class:`Source` records.

An article is plain text or Markdown, optionally with

* YAML-style front matter between ``---`` lines (``title``, ``outlet``, ``url``,
  ``published``, ``sources``),
* header lines as stored by the eval clusters (``URL: ...``, ``TITLE: ...``, ``DATE: ...``)
  followed by a blank line,
* a web archive's date stamp at the top of the body (`` date 2023-10-07 ...``).

Everything before the body is metadata, not claims; offsets stay offsets into the
whole file text so findings point at the file as a reader sees it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from dateutil import parser as date_parser

from factcheck.errors import InputError
from factcheck.records import Source

STDIN = "-"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADER_LINE = re.compile(r"(URL|TITLE|DATE|PUBLISHED|OUTLET|SOURCE):[ \t]*(.*)", re.IGNORECASE)
_ARCHIVE_DATE = re.compile(r"[ \t]*date (\d{4}-\d{2}-\d{2})\b[ \t]*")
# Editorial notes an archive appends to a title: "[title from URL slug; not stored]".
_BRACKET_NOTE = re.compile(r"\s*[\[(](?:title|text)[^\])]*[\])]\s*$", re.IGNORECASE)


@dataclass
class Metadata:
    """What the head of a file says about the article."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    sources: list[str] = field(default_factory=list)


def parse_date(value: str, where: str) -> dt.date:
    """Parse a publication date as a newsroom writes it ("2023-10-07", "Oct. 7, 2023")."""
    value = value.strip().strip("'\"")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        parsed: dt.datetime = date_parser.parse(value.replace(".", ""), fuzzy=False)
        return parsed.date()
    except (ValueError, OverflowError) as error:
        raise InputError(where, f"cannot read the date {value!r} (use YYYY-MM-DD)") from error


def _front_matter_value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [item.strip().strip("'\"") for item in raw[1:-1].split(",") if item.strip()]
    return raw.strip("'\"")


def _read_front_matter(block: str, where: str, meta: Metadata) -> None:
    current_list: list[str] | None = None
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"\s*-\s+(.*)", line)
        if item and current_list is not None:
            current_list.append(item.group(1).strip().strip("'\""))
            continue
        key_value = re.match(r"([A-Za-z_][\w-]*)\s*:\s*(.*)", line)
        if not key_value:
            raise InputError(where, f"front matter line is not 'key: value': {line.strip()!r}")
        key, raw = key_value.group(1).lower(), key_value.group(2)
        value = _front_matter_value(raw)
        current_list = None
        if key == "sources":
            meta.sources = value if isinstance(value, list) else ([value] if value else [])
            current_list = meta.sources
        elif isinstance(value, str) and value:
            _set_field(meta, key, value, where)


def _set_field(meta: Metadata, key: str, value: str, where: str) -> None:
    if key == "title":
        meta.title = _BRACKET_NOTE.sub("", value).strip() or None
    elif key in ("outlet", "source", "sitename"):
        meta.outlet = value
    elif key == "url":
        meta.url = value
        if meta.outlet is None:
            host = urlparse(value).hostname or ""
            meta.outlet = host.removeprefix("www.") or None
    elif key in ("published", "date"):
        meta.published = parse_date(value, where)


def read_metadata(text: str, where: str) -> tuple[Metadata, int]:
    """Split a file's text into its metadata and the offset where the body starts."""
    meta = Metadata()
    position = 0
    front = _FRONT_MATTER.match(text)
    if front:
        _read_front_matter(front.group(1), where, meta)
        position = front.end()
    # Header lines ("URL: ...", "TITLE: ...") up to the first blank line.
    scan = position
    saw_header = False
    while scan < len(text):
        line_end = text.find("\n", scan)
        line_end = len(text) if line_end < 0 else line_end
        header = _HEADER_LINE.fullmatch(text[scan:line_end].rstrip("\r"))
        if not header:
            break
        saw_header = True
        _set_field(meta, header.group(1).lower(), header.group(2).strip(), where)
        if header.group(1).lower() == "title" and meta.title:
            title_start = scan + header.start(2)
            meta.title_span = (title_start, title_start + len(meta.title))
        scan = line_end + 1
    if saw_header:
        position = scan
    # Skip blank lines, then a web archive's date stamp.
    while position < len(text) and text[position] in "\r\n":
        position += 1
    stamp = _ARCHIVE_DATE.match(text, position)
    if stamp:
        if meta.published is None:
            meta.published = parse_date(stamp.group(1), where)
        position = stamp.end()
    return meta, position


def decode(raw: bytes, where: str) -> str:
    """Decode a file's bytes as UTF-8 text, refusing what is not an article."""
    if not raw.strip():
        raise InputError(where, "the file is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(where, "this looks like a binary file, not an article (plain text or Markdown)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            where, f"not valid UTF-8 (bad byte at offset {error.start}); save the file as UTF-8"
        ) from error
    return text.replace("\r\n", "\n")


def source_id(path: str) -> str:
    """A source's id is its file stem ("seeds/000_abc.txt" -> "000_abc")."""
    return "stdin" if path == STDIN else Path(path).stem


def read_source(path: str, published: dt.date | None = None) -> Source:
    """Read one article; ``published`` overrides or supplies its publication date."""
    if path == STDIN:
        raw = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(path, "no such file")
        if file.is_dir():
            raise InputError(path, "is a directory; name the article files inside it")
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise InputError(path, f"cannot be read ({error.strerror})") from error
    text = decode(raw, path)
    meta, body_start = read_metadata(text, path)
    if not text[body_start:].strip():
        raise InputError(path, "has a header but no article text")
    return Source(
        id=source_id(path),
        path=path,
        text=text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=published or meta.published,
        body_start=body_start,
        title_span=meta.title_span,
        listed_sources=tuple(meta.sources),
    )


def read_sources(paths: list[str], published: dict[str, dt.date] | None = None) -> list[Source]:
    """Read several articles; ids must be unique because findings name sources by id."""
    published = published or {}
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path in paths:
        sid = source_id(path)
        if sid in seen:
            raise InputError(path, f"has the same name as {seen[sid]}; source ids are file stems")
        seen[sid] = path
        sources.append(read_source(path, published.get(sid) or published.get(path)))
    unknown = set(published) - set(seen) - set(paths)
    if unknown:
        name = min(unknown)
        raise InputError(name, "--published names a source that is not being compared")
    return sources
