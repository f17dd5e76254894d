"""Read articles from disk, stdin or the web into :class:`Source` records.

What a path names decides how it is read:

    http:// or https://   fetched (factcheck.fetch), then read by its content type
    .html, .htm           the page's main text and metadata (factcheck.webpage)
    .docx                 a Word document, one paragraph per line (factcheck.documents)
    anything else, or -   plain text or Markdown, as below

A plain-text or Markdown article may start with

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
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlparse

from dateutil import parser as date_parser

from factcheck.errors import InputError
from factcheck.fetch import Fetcher, Page, is_url
from factcheck.records import SkippedSource, Source

STDIN = "-"
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIX = ".docx"
READABLE = "plain text, Markdown, HTML or .docx"
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", DOCX_SUFFIX)
"""What a folder's articles are called: a folder given as a source is read for these."""
# Words a URL's last segment often is, which name no article: "/news/2024/03/12/index.html".
_GENERIC_SLUGS = {"index", "article", "story", "default", "news", "amp", "content", "print"}

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
        raise InputError(where, f"this looks like a binary file, not an article ({READABLE})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            where, f"not valid UTF-8 (bad byte at offset {error.start}); save the file as UTF-8"
        ) from error
    return text.replace("\r\n", "\n")


def source_id(path: str) -> str:
    """A source's id is its file stem ("seeds/000_abc.txt" -> "000_abc"); a URL's is its
    last path segment ("https://herald.example/news/main-break.html" -> "main-break"),
    after the host where that segment names no article ("herald.example-index")."""
    if path == STDIN:
        return "stdin"
    if is_url(path):
        address = urlparse(path)
        host = (address.hostname or "").removeprefix("www.")
        segments = [part for part in address.path.split("/") if part]
        if not segments:
            return host or "page"
        stem = Path(segments[-1]).stem or segments[-1]
        if stem.lower() in _GENERIC_SLUGS or not re.search(r"[A-Za-z]", stem):
            return f"{host}-{stem}"
        return stem
    return Path(path).stem


def _host_id(url: str) -> str:
    """A URL's id with its host in front, for two sites that use one slug."""
    plain = source_id(url)
    host = (urlparse(url).hostname or "").removeprefix("www.")
    return plain if plain.startswith(host) else f"{host}-{plain}"


def read_source(path: str, published: dt.date | None = None,
                fetcher: Fetcher | None = None) -> Source:
    """Read one article; ``published`` overrides or supplies its publication date.

    A URL is fetched with ``fetcher`` (by default: no cache, default limits).
    """
    if is_url(path):
        source = _read_page((fetcher or Fetcher()).get(path))
    else:
        raw = _read_bytes(path)
        suffix = Path(path).suffix.lower() if path != STDIN else ""
        if suffix in HTML_SUFFIXES:
            from factcheck.webpage import page_source

            source = page_source(raw, path, source_id(path))
        elif suffix == DOCX_SUFFIX:
            from factcheck.documents import document_source

            source = document_source(raw, path, source_id(path))
        elif suffix == ".doc":
            raise InputError(path, "is an old-format Word .doc file; save it as .docx")
        else:
            source = _text_source(raw, path)
    return replace(source, published=published) if published else source


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory; name the article files inside it")
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from error


def _read_page(page: Page) -> Source:
    """A fetched page, read by the type the server said it is."""
    if page.kind == "html":
        from factcheck.webpage import page_source

        return page_source(page.body, page.url, source_id(page.url), url=page.final_url,
                           charset=page.charset)
    if page.kind == "docx":
        from factcheck.documents import document_source

        return replace(document_source(page.body, page.url, source_id(page.url)),
                       url=page.final_url)
    raw = page.body
    if page.charset and page.charset.replace("-", "") not in ("utf8", "usascii"):
        try:
            raw = raw.decode(page.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError) as error:
            raise InputError(page.url, f"is not valid {page.charset} text as its server "
                                       "declares") from error
    source = _text_source(raw, page.url)
    return replace(source, url=source.url or page.final_url)


def _text_source(raw: bytes, path: str) -> Source:
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
        published=meta.published,
        body_start=body_start,
        title_span=meta.title_span,
        listed_sources=tuple(meta.sources),
    )


def read_sources(paths: list[str], published: dict[str, dt.date] | None = None,
                 fetcher: Fetcher | None = None) -> list[Source]:
    """Read several articles; ids must be unique because findings name sources by id."""
    return list(read_available_sources(paths, published, fetcher, skip_urls=False).sources)


@dataclass(frozen=True)
class Reading:
    """The sources that could be read, and the URLs that could not."""

    sources: tuple[Source, ...]
    skipped: tuple[SkippedSource, ...]


def read_available_sources(paths: list[str], published: dict[str, dt.date] | None = None,
                           fetcher: Fetcher | None = None, *, skip_urls: bool = True
                           ) -> Reading:
    """Read several articles, setting aside the URLs that cannot be read.

    A site that is down, slow or serves no article is outside the user's hands, and the
    other sources are still worth comparing; a bad file on disk is the user's to fix
    and stops the run with an :class:`InputError`, as it does with ``skip_urls=False``.
    """
    published = published or {}
    sources: list[Source] = []
    skipped: list[SkippedSource] = []
    seen: dict[str, str] = {}
    for path in paths:
        sid = source_id(path)
        if sid in seen and is_url(path):
            sid = _host_id(path)
        if sid in seen:
            raise InputError(path, f"has the same name as {seen[sid]}; source ids are file "
                                   "stems (for a URL, its last path segment)")
        seen[sid] = path
        try:
            source = read_source(path, published.get(sid) or published.get(path), fetcher)
            sources.append(source if source.id == sid else replace(source, id=sid))
        except InputError as error:
            if not (skip_urls and is_url(path)):
                raise
            skipped.append(SkippedSource(path, error.problem))
    unknown = set(published) - set(seen) - set(paths)
    if unknown:
        name = min(unknown)
        raise InputError(name, "--published names a source that is not being compared")
    return Reading(tuple(sources), tuple(skipped))
