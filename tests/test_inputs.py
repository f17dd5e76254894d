"""Sources as newsrooms get them: saved web pages and Word drafts.

The web pages are corpora/web/*.html, written for these tests (an invented water main
break in an invented town). The .docx drafts are built here with python-docx.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from factcheck.claims import split_claims
from factcheck.cli import cli
from factcheck.errors import InputError
from factcheck.ingest import read_source, source_id

REPO = Path(__file__).resolve().parents[1]
HERALD = str(REPO / "corpora" / "web" / "riverton-herald.html")
COURIER = str(REPO / "corpora" / "web" / "valley-courier.html")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="factcheck")


def make_docx(path: Path, paragraphs: list[str], title: str | None = None) -> str:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return str(path)


# Web pages --------------------------------------------------------------------------------


def test_a_web_page_gives_its_main_text_without_navigation_or_ads() -> None:
    source = read_source(HERALD)
    assert "36-inch water main burst under Elm Street" in source.text
    for furniture in ("Obituaries", "mattresses", "Most read", "budget rise", "555-0100",
                      "window.analytics", "By Dana Okafor"):
        assert furniture not in source.text


def test_a_web_page_metadata_fills_the_source_record() -> None:
    source = read_source(HERALD)
    assert source.id == "riverton-herald"
    assert source.title == "Water main break floods Riverton streets"
    assert source.outlet == "The Riverton Herald"
    assert source.author == "Dana Okafor"
    assert source.url == "https://herald.example/news/water-main-break"
    assert source.published == dt.date(2024, 3, 12)
    assert source.text_origin == "extracted from HTML"
    assert source.lines_are_paragraphs


def test_the_page_publication_date_resolves_weekdays() -> None:
    claims = split_claims(read_source(COURIER))
    tuesday = next(m for c in claims for m in c.mentions if m.text == "Tuesday")
    assert tuesday.earliest == dt.datetime(2024, 3, 12)  # published Wednesday the 13th


def test_offsets_point_into_the_extracted_text_one_paragraph_per_line() -> None:
    source = read_source(HERALD)
    lines = source.text.split("\n")
    assert lines[0] == source.title  # the headline is the first line, and a claim
    assert source.title_span == (0, len(lines[0]))
    claims = split_claims(source)
    assert claims[0].text == source.title
    for claim in claims:
        assert source.text[claim.start:claim.end] == claim.text
        for mention in claim.mentions:
            assert source.text[mention.start:mention.end] == mention.text
    figure = next(m for c in claims for m in c.mentions if m.text == "about 4,200")
    assert source.location(figure.start).startswith("¶2:")


def test_no_date_is_guessed_from_a_copyright_line(tmp_path: Path) -> None:
    page = Path(HERALD).read_text(encoding="utf-8").replace(
        '<meta property="article:published_time" content="2024-03-12T08:30:00-05:00">', "")
    path = tmp_path / "undated.html"
    path.write_text(page, encoding="utf-8")
    assert read_source(str(path)).published is None  # the footer says "Copyright 2024"


def test_a_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9 fire</title></head>"
            "<body><article><p>A fire at the caf\u00e9 on Main Street injured 3 people on "
            "Sunday, the fire department said in a statement.</p></article></body></html>")
    path = tmp_path / "cafe.htm"
    path.write_bytes(page.encode("cp1252"))
    source = read_source(str(path))
    assert "caf\u00e9 on Main Street injured 3 people" in source.text


# Word documents -----------------------------------------------------------------------------


def test_a_docx_draft_has_one_line_per_paragraph(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "draft.docx", [
        "Main break leaves 4,200 homes dry", "",
        "A 36-inch water main burst under Elm Street on Tuesday.",
        "Repairs will cost $2 million, officials said."], title="Draft: main break")
    source = read_source(path)
    assert source.id == "draft" and source.title == "Draft: main break"
    assert source.text_origin == "extracted from a Word document (.docx)"
    figures = {m.text: source.location(m.start)
               for c in split_claims(source) for m in c.mentions}
    assert figures["4,200"] == "¶1:19"
    assert figures["36-inch"] == "¶3:3"  # the empty second paragraph still counts
    assert figures["$2 million"] == "¶4:19"


def test_line_breaks_and_tables_keep_paragraph_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("First line of paragraph one")
    paragraph.add_run().add_break()
    paragraph.add_run("second line of paragraph one.")
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in enumerate([("Homes", "4,200"), ("Cost", "$1.5 million")]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
    document.add_paragraph("Crews worked for three days.")
    path = tmp_path / "table.docx"
    document.save(str(path))
    source = read_source(str(path))
    assert source.text.split("\n") == [
        "First line of paragraph one second line of paragraph one.",
        "Homes | 4,200", "Cost | $1.5 million", "Crews worked for three days."]


# Bad inputs: one line naming the file -------------------------------------------------------


def _docx_without_body(path: Path) -> bytes:
    make_docx(path, ["Some text."])
    damaged = path.with_name("damaged.docx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
    return damaged.read_bytes()


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("corrupt.docx", b"PK\x03\x04 this zip stops here", "cannot be read as a Word .docx"),
    ("notes.docx", b"Plain text saved with the wrong name.", "not a Word .docx"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word", "save it as .docx"),
    ("old-renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word", "save it as .docx"),
    ("menu.html", (b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                  b"</body></html>"), "no article text"),
    ("latin1.html", "<html><body><p>Caf\xe9 workers walked out over pay.</p></body></html>"
                    .encode("latin-1"), "not valid UTF-8"),
    ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("plain.html", b"Just words, no markup at all.", "does not look like HTML"),
    ("empty.htm", b"  \n", "empty"),
    ("unknown.html", (b"<html><head><meta charset='x-martian'></head><body><p>Hi</p></body>"
                     b"</html>"), "unknown character set"),
])
def test_bad_inputs_get_one_line_naming_the_file(tmp_path: Path, name: str, content: bytes,
                                                 problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_source(str(path))
    message = str(error.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_a_docx_missing_its_body_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "missing-body.docx"
    path.write_bytes(_docx_without_body(tmp_path / "whole.docx"))
    with pytest.raises(InputError, match="damaged"):
        read_source(str(path))


def test_an_empty_docx_has_no_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text"):
        read_source(make_docx(tmp_path / "blank.docx", ["", "  "]))


def test_the_cli_gives_one_error_line_and_exit_2_for_a_bad_document(tmp_path: Path) -> None:
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"PK\x03\x04 damaged")
    result = run("compare", HERALD, str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {bad}: cannot be read as a Word .docx")


@pytest.mark.parametrize(("path", "expected"), [
    ("https://herald.example/news/water-main-break", "water-main-break"),
    ("https://www.courier.example/local/riverton-main-bursts.html?ref=home", "riverton-main-bursts"),
    ("https://herald.example/", "herald.example"),
    ("https://herald.example/2024/03/12/", "herald.example-12"),
    ("https://wire.example/news/index.html", "wire.example-index"),
    ("drafts/story.docx", "story"),
])
def test_source_ids(path: str, expected: str) -> None:
    assert source_id(path) == expected


# End to end ---------------------------------------------------------------------------------


def test_compare_web_pages_and_a_docx_draft(tmp_path: Path) -> None:
    draft = make_docx(tmp_path / "draft.docx", [
        "Water main break floods Riverton streets",
        "A 36-inch water main burst under Elm Street early Tuesday, flooding six blocks.",
        "Public works director Lena Morris said repairs would cost at least $1.5 million."])
    result = run("compare", HERALD, COURIER, draft, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    by_id = {s["id"]: s for s in report["sources"]}
    assert by_id["riverton-herald"]["text_origin"] == "extracted from HTML"
    assert by_id["riverton-herald"]["author"] == "Dana Okafor"
    assert by_id["draft"]["lines"] == "paragraphs"
    assert report["skipped"] == [] and report["summary"]["skipped"] == 0
    money = [f for f in report["findings"] if f["kind"] == "money"]
    assert money and all(f["status"] == "consistent" for f in money)
    draft_figure = next(m for f in money for m in f["mentions"] if m["source"] == "draft")
    assert (draft_figure["line"], draft_figure["text"]) == (3, "at least $1.5 million")


def test_the_text_report_says_where_the_text_came_from() -> None:
    result = run("compare", HERALD, COURIER)
    assert result.exit_code == 0, result.stderr
    assert "extracted from HTML (¶ N: paragraph N)" in " ".join(result.stdout.split())
    assert "¶3:" in result.stdout


def test_check_a_docx_draft_against_web_pages(tmp_path: Path) -> None:
    draft = make_docx(tmp_path / "draft.docx", [
        "Water main break floods Riverton streets",
        ("Public works director Lena Morris said repairs would cost $900,000 "
        "and take three days.")])
    result = run("check", draft, "--against", HERALD, "--format", "json")
    assert result.exit_code == 1, result.output
    verdicts = {v["text"]: (v["verdict"], v["line"])
                for v in json.loads(result.stdout)["verdicts"]}
    assert verdicts["$900,000"] == ("contradicted", 2)
    assert verdicts["three days"] == ("supported", 2)
    text = run("check", draft, "--against", HERALD)
    assert "¶2:" in text.stdout


def test_check_takes_a_folder_of_web_pages() -> None:
    result = run("check", HERALD, "--against", str(Path(COURIER).parent), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "against valley-courier" in result.stdout  # the draft itself is left out


def test_the_html_report_says_where_the_text_came_from() -> None:
    page = run("compare", HERALD, COURIER, "--format", "html").stdout
    assert page.count('<div class="origin">text extracted from HTML</div>') == 2


def test_changed_only_checks_a_docx_draft_whole(tmp_path: Path) -> None:
    # git cannot diff a .docx by lines, so every paragraph counts as changed.
    draft = make_docx(tmp_path / "draft.docx", [
        ("Public works director Lena Morris said repairs would cost $900,000 "
        "and take three days.")])
    result = run("check", draft, "--against", HERALD, "--changed-only", "HEAD",
                 "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["unchanged"] == 0
    assert {v["text"] for v in data["verdicts"]} == {"$900,000", "three days"}
