"""URLs as sources, against a small web server on 127.0.0.1 (never a real site).

Each bad address (slow, huge, wrong type, redirect loop, 404) gives one line naming
the URL and the problem; the CLI compares the other sources while two remain.
Time limits are a second or two at most, so no test waits long.
"""

from __future__ import annotations

import http.server
import io
import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest
from click.testing import CliRunner, Result

from factcheck.check import repository_path
from factcheck.claims import split_claims
from factcheck.cli import cli
from factcheck.errors import ConfigError, FetchError
from factcheck.fetch import DOCX_TYPE, Fetcher, FetchSettings, PageCache
from factcheck.ingest import read_source, read_sources

REPO = Path(__file__).resolve().parents[1]
HERALD = (REPO / "corpora" / "web" / "riverton-herald.html").read_bytes()
COURIER_PATH = str(REPO / "corpora" / "web" / "valley-courier.html")
WIRE = (b"TITLE: Riverton main break\n\nA 36-inch water main burst under Elm Street on "
        b"Tuesday, leaving about 4,200 homes without water.\n")
# Time limits in seconds: short for the slow page, roomy enough for the others on a
# machine busy with other work.
SHORT = 0.5
CLI_LIMIT = 2.0
ROOMY = 30.0
HUGE_CHUNKS = 160  # 160 x 64 KB = 10 MB, past the 5 MB default cap


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Repairs to the Elm Street main will cost $1.5 million.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Site(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    requests: Counter[str]
    user_agents: list[str]
    release: threading.Event


class _Pages(http.server.BaseHTTPRequestHandler):
    server: _Site

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test output stays quiet

    def _send(self, status: int, content_type: str | None, body: bytes = b"",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.requests[self.path] += 1
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should at a cap or a time limit

    def _route(self) -> None:
        path = self.path
        if path == "/news/water-main-break":
            self._send(200, "text/html; charset=utf-8", HERALD)
        elif path == "/old-address":
            self._send(301, None, headers={"Location": "/news/water-main-break"})
        elif path == "/wire/main-break.txt":
            self._send(200, "text/plain; charset=utf-8", WIRE)
        elif path == "/drafts/costs.docx":
            self._send(200, DOCX_TYPE, _docx_bytes())
        elif path == "/slow":
            self.server.release.wait(timeout=5)  # ends when the test is done
            self._send(200, "text/html", HERALD)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the client must count
            self.wfile.write(b"<html><body><p>")
            for _ in range(HUGE_CHUNKS):
                self.wfile.write(b"x" * 65536)
        elif path == "/photo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif path == "/loop":
            self._send(302, None, headers={"Location": "/loop"})
        elif path == "/menu":
            self._send(200, "text/html", b"<html><body><nav><a href='/'>Home</a></nav>"
                                         b"</body></html>")
        else:
            self._send(404, "text/html", b"<html><body><p>Not here.</p></body></html>")


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site(("127.0.0.1", 0), _Pages)
    server.requests = Counter()
    server.user_agents = []
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def url(site: _Site, path: str) -> str:
    host, port = site.server_address[:2]
    return f"http://{host!s}:{port}{path}"


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", str(CLI_LIMIT))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="factcheck")


# The fetcher ------------------------------------------------------------------------------


def test_a_page_is_fetched_and_read_as_html(site: _Site) -> None:
    source = read_source(url(site, "/news/water-main-break"))
    assert source.id == "water-main-break"
    assert source.path == url(site, "/news/water-main-break")
    assert source.outlet == "The Riverton Herald"
    assert source.text_origin == "extracted from HTML"
    assert "about 4,200 homes" in source.text
    assert site.user_agents[0].startswith("factcheck/")


def test_a_redirect_is_followed(site: _Site) -> None:
    page = Fetcher().get(url(site, "/old-address"))
    assert page.final_url == url(site, "/news/water-main-break")
    assert page.kind == "html"


def test_plain_text_and_docx_by_content_type(site: _Site) -> None:
    wire = read_source(url(site, "/wire/main-break.txt"))
    assert wire.title == "Riverton main break" and wire.text_origin is None
    document = read_source(url(site, "/drafts/costs.docx"))
    assert document.lines_are_paragraphs and "$1.5 million" in document.text


def test_the_cache_keeps_a_page_and_no_cache_fetches_again(site: _Site, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    address = url(site, "/news/water-main-break")
    first = Fetcher(cache=cache).get(address)
    second = Fetcher(cache=cache).get(address)
    assert first == second
    assert site.requests["/news/water-main-break"] == 1
    Fetcher().get(address)
    assert site.requests["/news/water-main-break"] == 2


def test_a_damaged_cache_entry_is_fetched_again(site: _Site, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    address = url(site, "/news/water-main-break")
    Fetcher(cache=cache).get(address)
    for entry in (tmp_path / "pages").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert Fetcher(cache=cache).get(address).body == HERALD
    assert site.requests["/news/water-main-break"] == 2


@pytest.mark.parametrize(("path", "problem"), [
    ("/slow", f"no complete answer within {SHORT:g} seconds"),
    ("/huge", "larger than the 5 MB limit"),
    ("/photo.png", "serves image/png, not a web page"),
    ("/loop", "redirects more than 5 times"),
    ("/missing", "the server answered 404 Not Found"),
])
def test_each_bad_address_gives_one_line_naming_it(site: _Site, path: str, problem: str) -> None:
    address = url(site, path)
    limit = SHORT if path == "/slow" else ROOMY
    with pytest.raises(FetchError) as error:
        Fetcher(FetchSettings(timeout=limit)).get(address)
    message = str(error.value)
    assert message.startswith(f"{address}: ") and problem in message and "\n" not in message


def test_the_size_cap_stops_the_download(site: _Site) -> None:
    with pytest.raises(FetchError, match="64 KB limit"):
        Fetcher(FetchSettings(max_bytes=65536)).get(url(site, "/huge"))
    assert site.requests["/huge"] == 1


def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html",
                                            "Content-Length": str(50 * 1024 * 1024)})
    fetcher = Fetcher(transport=httpx.MockTransport(answer))
    with pytest.raises(FetchError, match="is 50 MB, more than the 5 MB limit"):
        fetcher.get("https://wire.example/big")


def test_nothing_listening_is_a_connection_error(site: _Site) -> None:
    closed = url(site, "/")
    site.shutdown()
    site.server_close()
    with pytest.raises(FetchError, match="cannot connect"):
        Fetcher(FetchSettings(timeout=ROOMY)).get(closed)


def test_the_time_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert FetchSettings.from_environment().timeout == CLI_LIMIT
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="FACTCHECK_FETCH_TIMEOUT"):
        FetchSettings.from_environment()


# The CLI ----------------------------------------------------------------------------------


def test_compare_a_file_a_url_and_a_docx(site: _Site, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("A 36-inch water main burst under Elm Street early Tuesday.")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    result = run("compare", COURIER_PATH, url(site, "/news/water-main-break"), str(draft),
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert [s["id"] for s in report["sources"]] == ["valley-courier", "water-main-break",
                                                    "draft"]
    assert report["sources"][1]["url"] == "https://herald.example/news/water-main-break"


def test_bad_urls_are_left_out_with_a_warning_while_two_sources_remain(site: _Site) -> None:
    bad = [url(site, path) for path in ("/slow", "/photo.png", "/loop", "/missing", "/menu")]
    result = run("compare", COURIER_PATH, url(site, "/news/water-main-break"), *bad,
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == len(bad)
    for address, line in zip(bad, warnings, strict=True):
        assert line.startswith(f"warning: {address}: ")
        assert line.endswith("; compared the other sources without it")
    report = json.loads(result.stdout)
    assert report["summary"]["sources"] == 2 and report["summary"]["skipped"] == len(bad)
    assert [s["path"] for s in report["skipped"]] == bad


def test_the_text_report_lists_what_was_not_compared(site: _Site) -> None:
    result = run("compare", COURIER_PATH, url(site, "/news/water-main-break"),
                 url(site, "/missing"))
    assert result.exit_code == 0
    listed = " ".join(result.stdout.split())
    assert f"not compared {url(site, '/missing')} · the server answered 404" in listed
    page = run("compare", COURIER_PATH, url(site, "/news/water-main-break"),
               url(site, "/missing"), "--format", "html").stdout
    assert (f'Not compared: <span class="path">{url(site, "/missing")}</span> · the server '
            "answered 404") in page


def test_fewer_than_two_readable_sources_is_an_error(site: _Site) -> None:
    result = run("compare", COURIER_PATH, url(site, "/missing"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: {url(site, '/missing')}: the server answered 404 Not "
                             "Found; only 1 of 2 sources could be read, so nothing was "
                             "compared\n")


def test_check_a_draft_against_a_url_and_a_dead_link(site: _Site, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Public works director Lena Morris said repairs would cost $900,000 "
                     "and take three days.\n", encoding="utf-8")
    result = run("check", str(draft), "--against", url(site, "/news/water-main-break"),
                 "--against", url(site, "/missing"))
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"warning: {url(site, '/missing')}: the server answered 404 "
                             "Not Found; checked without it\n")
    assert "CONTRADICTED" in result.stdout
    assert repository_path(url(site, "/news")) == url(site, "/news")  # not a file path
    data = json.loads(run("check", str(draft), "--against", url(site, "/news/water-main-break"),
                          "--against", url(site, "/missing"), "--format", "json").stdout)
    assert data["skipped"] == [{"path": url(site, "/missing"),
                                "problem": "the server answered 404 Not Found"}]


def test_check_with_only_dead_links_is_an_error(site: _Site, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Repairs would cost $900,000.\n", encoding="utf-8")
    result = run("check", str(draft), "--against", url(site, "/missing"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {url(site, '/missing')}: the server answered 404")


def test_compare_no_cache_fetches_again(site: _Site) -> None:
    address = url(site, "/news/water-main-break")
    for _ in range(2):
        assert run("compare", COURIER_PATH, address, "--quiet").exit_code == 0
    assert site.requests["/news/water-main-break"] == 1
    assert run("compare", COURIER_PATH, address, "--quiet", "--no-cache").exit_code == 0
    assert site.requests["/news/water-main-break"] == 2


def test_extract_reads_a_url(site: _Site) -> None:
    result = run("extract", url(site, "/news/water-main-break"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["text_origin"] == "extracted from HTML"
    assert data["source"]["published"] == "2024-03-12"
    assert any(m["text"] == "about 4,200" for c in data["claims"] for m in c["mentions"])


def test_two_sites_with_one_slug_get_the_host_in_the_second_id() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=HERALD)
    fetcher = Fetcher(transport=httpx.MockTransport(answer))
    sources = read_sources(["https://herald.example/news/main-break",
                            "https://www.courier.example/local/main-break"], fetcher=fetcher)
    assert [s.id for s in sources] == ["main-break", "courier.example-main-break"]
    assert all(c.id.startswith(f"{sources[1].id}:") for c in split_claims(sources[1]))
