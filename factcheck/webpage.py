"""Read a web page (an ``.html`` file or a fetched URL) into a :class:`Source`.

trafilatura finds the article's main text, leaving out navigation, ads, reader
comments and footers, and its metadata: headline, site name, author, publication date
and canonical URL. The Source's text is that extracted text, one paragraph per line,
with the headline as its first line, so every offset, line and column in a report
points into the extracted text (``text_origin`` says so), and line N is paragraph N.

The publication date comes only from the page's own metadata and markup, never from a
guess over the whole page: a "Copyright 2024" footer is not a publication date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from urllib.parse import urlparse

from factcheck.claims import is_boilerplate
from factcheck.errors import InputError
from factcheck.records import Source

TEXT_ORIGIN = "extracted from HTML"
# trafilatura and its helpers log their doubts about odd markup; with no handler set,
# Python would print them on stderr, beside factcheck's one-line messages.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
_LOOKS_LIKE_HTML = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|article|main|p|div|h1|title)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(raw: bytes, where: str, declared: str | None = None) -> str:
    """The page's text, decoded with the charset its server or its ``<meta>`` declares,
    else as UTF-8; a page that is neither is refused rather than read as mojibake."""
    if not raw.strip():
        raise InputError(where, "the page is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(where, "this looks like a binary file, not a web page")
    if not _LOOKS_LIKE_HTML.search(raw[:65536]):
        raise InputError(where, "does not look like HTML (no <html>, <body> or <p> tags); "
                                "a plain-text article should be named .txt")
    meta = _META_CHARSET.search(raw[:4096])
    charset = declared or (meta.group(1).decode("ascii").lower() if meta else "utf-8")
    try:
        return raw.decode("utf-8-sig" if charset in ("utf-8", "utf8") else charset)
    except LookupError as error:
        raise InputError(where, f"declares an unknown character set {charset!r}") from error
    except UnicodeDecodeError as error:
        problem = ("not valid UTF-8" if charset in ("utf-8", "utf8")
                   else f"not valid {charset} as it declares")
        raise InputError(where, f"{problem} (bad byte at offset {error.start}); save the "
                                "page as UTF-8 or declare its <meta charset>") from error


def page_source(raw: bytes, path: str, source_id: str, *, url: str | None = None,
                charset: str | None = None) -> Source:
    """The article in a web page. ``url`` is where it was fetched from, if it was."""
    import trafilatura

    html = decode_html(raw, path, charset)
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        # Only the page's own date markup: a wide search reads "Copyright 2024" as one.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = _paragraphs(getattr(document, "text", None) or "")
    if all(is_boilerplate(line) for line in body.split("\n")):
        raise InputError(path, "no article text found in the page (only navigation, "
                               "links or scripts)")
    title = " ".join((getattr(document, "title", None) or "").split()) or None
    # The headline states facts too: it is the first line, as a reader sees the page.
    first_line = body.split("\n", 1)[0]
    if title and first_line != title:
        body = f"{title}\n{body}"
    title_span = (0, len(title)) if title else None
    page_url = getattr(document, "url", None) or url
    host = urlparse(page_url).hostname if page_url else None
    outlet = getattr(document, "sitename", None) or (host.removeprefix("www.") if host else None)
    return Source(
        id=source_id,
        path=path,
        text=body,
        title=title,
        outlet=outlet,
        url=page_url,
        published=_date(getattr(document, "date", None)),
        body_start=title_span[1] + 1 if title_span else 0,
        title_span=title_span,
        author=getattr(document, "author", None) or None,
        text_origin=TEXT_ORIGIN,
        lines_are_paragraphs=True,
    )


def _paragraphs(text: str) -> str:
    """One paragraph per line, blank lines and trailing spaces dropped."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
