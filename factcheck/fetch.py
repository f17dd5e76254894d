"""Fetch an article from the web: one GET, within limits, kept on disk.

    Fetcher(settings, cache).get(url) -> Page (the bytes, the content type, the final URL)

A newsroom batch must not stall on one bad site, so every download has limits: a
time limit for the whole download (``FACTCHECK_FETCH_TIMEOUT`` seconds, 20 by default),
a size cap (the body is streamed and reading stops at the cap), at most five redirects,
and only the content types factcheck can read (HTML, plain text, .docx). Every request
names factcheck in its User-Agent, so a site's editors can see who reads their pages.

Pages are kept in a ``pages`` folder of the cache, keyed by the URL, so running a
comparison again reads the same words and the report stays the same; ``--no-cache``
fetches them again. Every problem is a :class:`~factcheck.errors.FetchError` naming the
URL and what went wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ConfigError, FetchError

if TYPE_CHECKING:
    import httpx

TIMEOUT_VARIABLE = "FACTCHECK_FETCH_TIMEOUT"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What each accepted content type is read as.
READABLE_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    DOCX_TYPE: "docx",
}
_URL = re.compile(r"https?://", re.IGNORECASE)


def is_url(path: str) -> bool:
    """True for an ``http://`` or ``https://`` address ("https://example.org/story")."""
    return _URL.match(path) is not None


def _user_agent() -> str:
    try:
        release = version("factcheck")
    except PackageNotFoundError:
        release = "dev"
    return f"factcheck/{release} (newsroom fact-checking tool; reads one page per article)"


@dataclass(frozen=True)
class FetchSettings:
    """The limits of every download."""

    timeout: float = 20.0  # seconds for the whole download, connecting included
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = ""

    @classmethod
    def from_environment(cls) -> FetchSettings:
        """The defaults, with the time limit from ``FACTCHECK_FETCH_TIMEOUT`` when set."""
        raw = os.environ.get(TIMEOUT_VARIABLE)
        if raw is None or not raw.strip():
            return cls()
        try:
            timeout = float(raw)
        except ValueError:
            timeout = -1.0
        if not timeout > 0:
            raise ConfigError(f"{TIMEOUT_VARIABLE}={raw!r}: the fetch time limit must be a "
                              "number of seconds above 0")
        return cls(timeout=timeout)


@dataclass(frozen=True)
class Page:
    """One downloaded page."""

    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # "text/html", without parameters
    charset: str | None  # as the server declared it
    body: bytes

    @property
    def kind(self) -> str:
        """How to read the body: "html", "text" or "docx"."""
        return READABLE_TYPES[self.content_type]


class PageCache:
    """Downloaded pages on disk: ``<sha256 of the URL>.json`` (what the server said) and
    ``.body`` (the bytes). A damaged entry is fetched again."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:40]
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def load(self, url: str) -> Page | None:
        about_path, body_path = self._paths(url)
        try:
            about = json.loads(about_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            page = Page(url=str(about["url"]), final_url=str(about["final_url"]),
                        content_type=str(about["content_type"]),
                        charset=None if about["charset"] is None else str(about["charset"]),
                        body=body)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if page.url != url or page.content_type not in READABLE_TYPES:
            return None
        return page

    def save(self, page: Page) -> None:
        about_path, body_path = self._paths(page.url)
        about = {key: value for key, value in asdict(page).items() if key != "body"}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # The body first: an entry whose .json exists is complete.
            _write_whole(body_path, page.body)
            _write_whole(about_path, json.dumps(about, sort_keys=True).encode())
        except OSError as error:
            raise ConfigError(f"{self.directory}: cannot write the page cache "
                              f"({error.strerror or error}); use --cache-dir or --no-cache"
                              ) from error


def _write_whole(path: Path, content: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class Fetcher:
    """Downloads pages within :class:`FetchSettings`, through a cache when given one.

    ``transport`` is for tests (``httpx.MockTransport``); by default it is the network.
    """

    def __init__(self, settings: FetchSettings | None = None, cache: PageCache | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.cache = cache
        self.transport = transport

    def get(self, url: str) -> Page:
        """The page at ``url``, from the cache or the network."""
        if self.cache is not None:
            cached = self.cache.load(url)
            if cached is not None:
                return cached
        page = self._download(url)
        if self.cache is not None:
            self.cache.save(page)
        return page

    def _download(self, url: str) -> Page:
        # Imported here: httpx brings click and rich with it, which the core never loads,
        # and a run over files alone needs none of it.
        import httpx

        settings = self.settings
        timeout = f"{settings.timeout:g} seconds"
        headers = {
            "User-Agent": settings.user_agent or _user_agent(),
            "Accept": f"text/html, application/xhtml+xml, text/plain;q=0.9, {DOCX_TYPE};q=0.8",
        }
        deadline = time.monotonic() + settings.timeout
        try:
            with httpx.Client(follow_redirects=True, max_redirects=settings.max_redirects,
                              timeout=settings.timeout, headers=headers,
                              transport=self.transport) as client, \
                    client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(url, f"the server answered {response.status_code} "
                                          f"{response.reason_phrase}".rstrip())
                content_type, charset = _content_type(response.headers.get("content-type"))
                if content_type not in READABLE_TYPES:
                    served = content_type or "no content type"
                    raise FetchError(url, f"serves {served}, not a web page, plain text "
                                          "or a .docx document")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > settings.max_bytes:
                    raise FetchError(url, f"is {_size(int(declared))}, more than the "
                                          f"{_size(settings.max_bytes)} limit")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > settings.max_bytes:
                        raise FetchError(url, f"is larger than the {_size(settings.max_bytes)} "
                                              "limit; stopped reading there")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the whole download took too long")
                final_url = str(response.url)
        except httpx.TooManyRedirects as error:
            raise FetchError(url, f"redirects more than {settings.max_redirects} times "
                                  "(a redirect loop?)") from error
        except httpx.TimeoutException as error:
            raise FetchError(url, f"no complete answer within {timeout} "
                                  f"(set {TIMEOUT_VARIABLE} to wait longer)") from error
        except httpx.ConnectError as error:
            raise FetchError(url, f"cannot connect ({error})") from error
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(url, f"cannot be fetched ({error})") from error
        return Page(url=url, final_url=final_url, content_type=content_type, charset=charset,
                    body=bytes(body))


def _content_type(header: str | None) -> tuple[str, str | None]:
    """ "text/html; charset=ISO-8859-1" -> ("text/html", "iso-8859-1")."""
    if not header:
        return "", None
    media, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("'\"").lower()
    return media.strip().lower(), charset


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count // 1024} KB"
    return f"{count} bytes"


def pages_folder(cache_dir: Path) -> Path:
    """Where fetched pages are kept: a ``pages`` folder beside the embedding cache."""
    return cache_dir / "pages"
