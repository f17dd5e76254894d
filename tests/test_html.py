"""The HTML report without a browser: self-contained, escaped, re-readable, deterministic.

The browser tests (tests/test_browser.py) check what a reader sees and clicks; these
check the file itself, fast, on the cheap hashing embedder.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.embed import HashingEmbedder
from factcheck.ingest import read_sources
from factcheck.pipeline import Report, compare_sources
from factcheck.records import STATUS_ORDER, Kind, Mention, Status
from factcheck.writers.html import embed_json, source_letter, value_words, write_html
from factcheck.writers.json_report import report_dict

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))

# Article text an attacker (or an unlucky paste) could put in a source.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><!--<script>window.__pwned=1</script>-->",
    '"><svg onload=alert(1)>',
]
VOID = {"meta", "input", "br", "hr", "img", "link", "wbr", "col", "area", "base", "source"}


class Page(HTMLParser):
    """Every start tag with its attributes, and whether the elements nest properly."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.problems: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
            return
        self.open.pop()


@pytest.fixture(scope="module")
def seeds_report() -> Report:
    return compare_sources(read_sources(SEEDS), HashingEmbedder())


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("hostile")
    first = folder / "first.txt"
    second = folder / "second.txt"
    first.write_text(
        "---\ntitle: <script>alert('title')</script> Strike news\noutlet: A & B <b>Daily</b>\n---\n"
        f"More than 75,000 workers {HOSTILE[0]} walked out on Oct. 4 at Kaiser.\n\n"
        f"The union {HOSTILE[1]} said 3,000 workers in Seattle could join.\n\n"
        f"Organisers {HOSTILE[2]} expect {HOSTILE[3]} more.\n",
        encoding="utf-8")
    second.write_text(
        "Over 80,000 workers walked out on Oct. 4 at Kaiser, the union said.\n\n"
        "Roughly 3,000 workers in Seattle could join, the union said.\n",
        encoding="utf-8")
    return compare_sources(read_sources([str(first), str(second)]), HashingEmbedder())


def embedded(page: str) -> object:
    found = re.search(r'<script type="application/json" id="factcheck-data">(.*?)</script>',
                      page, re.DOTALL)
    assert found, "no embedded JSON"
    return json.loads(found.group(1))


def test_embedded_json_is_the_json_contract(seeds_report: Report) -> None:
    page = write_html(seeds_report)
    expected = report_dict(seeds_report.sources, seeds_report.claims, seeds_report.findings,
                           seeds_report.model)
    assert embedded(page) == expected


def test_embedded_json_survives_hostile_text(hostile_report: Report) -> None:
    page = write_html(hostile_report)
    expected = report_dict(hostile_report.sources, hostile_report.claims,
                           hostile_report.findings, hostile_report.model)
    assert embedded(page) == expected


def test_embed_json_never_closes_the_script() -> None:
    text = str(embed_json({"text": "</script><!--<script>"}))
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"text": "</script><!--<script>"}


def test_nothing_is_fetched(seeds_report: Report) -> None:
    page = write_html(seeds_report)
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"img", "link", "iframe", "object", "embed", "base", "source", "video",
                       "audio", "frame", "svg", "form"}
    for tag, attributes in parsed.tags:
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            value = attributes.get(name)
            assert value is None or value.startswith("#"), f"<{tag} {name}={value!r}>"
        if tag == "script":
            assert "src" not in attributes
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_policy_forbids_loading_anything(seeds_report: Report) -> None:
    parsed = Page(write_html(seeds_report))
    policy = [a["content"] for tag, a in parsed.tags
              if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(policy) == 1 and policy[0] is not None
    assert "default-src 'none'" in policy[0]
    assert "unsafe-inline" not in policy[0]


def test_hostile_text_stays_text(hostile_report: Report) -> None:
    page = write_html(hostile_report)
    for attack in HOSTILE:
        assert attack not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    parsed = Page(page)
    assert [t for t, a in parsed.tags if t == "script"] == ["script", "script"]
    assert not [t for t, _ in parsed.tags if t in ("img", "svg")]
    for tag, attributes in parsed.tags:
        assert not [name for name in attributes if name.startswith("on")], tag
    assert not parsed.problems and not parsed.open


def test_every_character_of_the_article_is_kept(hostile_report: Report) -> None:
    page = write_html(hostile_report)
    bodies = re.findall(r'<div class="text">(.*?)</div>', page, re.DOTALL)
    assert len(bodies) == len(hostile_report.sources)
    for source, body in zip(hostile_report.sources, bodies, strict=True):
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == source.text[source.body_start:]


def test_elements_nest(seeds_report: Report, hostile_report: Report) -> None:
    for report in (seeds_report, hostile_report):
        parsed = Page(write_html(report))
        assert not parsed.problems
        assert not parsed.open


def test_output_is_deterministic(seeds_report: Report) -> None:
    again = compare_sources(read_sources(SEEDS), HashingEmbedder())
    assert write_html(seeds_report) == write_html(again)


def test_generated_time_only_when_given(seeds_report: Report) -> None:
    plain = write_html(seeds_report)
    assert str(dt.date.today().year) + "-" not in plain
    dated = write_html(seeds_report, generated="2024-05-01 14:03 UTC")
    assert "made 2024-05-01 14:03 UTC" in dated
    assert seeds_report.model in plain


def test_conflicts_come_first(seeds_report: Report) -> None:
    page = write_html(seeds_report)
    statuses = re.findall(r'<li class="finding st-\w+" id="finding-F\d+" data-finding="F\d+" '
                          r'data-status="(\w+)"', page)
    assert len(statuses) == len(seeds_report.findings)
    ranks = [STATUS_ORDER[Status(s)] for s in statuses]
    assert ranks == sorted(ranks)


def test_every_flagged_figure_is_marked(seeds_report: Report, hostile_report: Report) -> None:
    for report in (seeds_report, hostile_report):
        page = write_html(report)
        marked = re.findall(r'<mark [^>]*data-findings="([^"]+)"[^>]*>([^<]*)', page)
        ids = {finding_id for found, _ in marked for finding_id in found.split()}
        assert ids == {f"F{n}" for n in range(1, len(report.findings) + 1)}
        texts = {html.unescape(text) for _, text in marked}
        for finding in report.findings:
            for mention in finding.mentions:
                assert any(mention.text.startswith(text) or text.startswith(mention.text)
                           for text in texts), mention.text


def test_status_is_written_out_not_only_coloured(seeds_report: Report) -> None:
    page = write_html(seeds_report)
    for label in ("Conflict", "Different quantity", "Consistent"):
        assert label in page
    assert "✕" in page and "✓" in page


def test_no_findings_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The sky was blue.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The sea was calm.\n", encoding="utf-8")
    report = compare_sources(read_sources([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]),
                             HashingEmbedder())
    page = write_html(report)
    assert "nothing was compared" in page
    assert embedded(page) == report_dict(report.sources, report.claims, report.findings,
                                         report.model)


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_source_letters(index: int, letters: str) -> None:
    assert source_letter(index) == letters


def _mention(kind: Kind, **values: object) -> Mention:
    return Mention(source="a", text="", start=0, end=0, kind=kind, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("mention", "words"), [
    (_mention(Kind.COUNT, point=85000.0, low=85000.0, high=85000.0, counted="workers"),
     "85,000 workers"),
    (_mention(Kind.COUNT, qualifier="over", point=80000.0, low=80000.0, counted="workers"),
     "80,000+ workers (over)"),
    (_mention(Kind.COUNT, qualifier="about", point=3000.0, low=2500.0, high=3500.0,
              counted="workers"), "2,500 – 3,500 workers (about)"),
    (_mention(Kind.PERCENT, point=4.5, low=4.5, high=4.5, unit="%"), "4.5%"),
    (_mention(Kind.MONEY, point=2e6, low=2e6, high=2e6, unit="USD"), "USD 2,000,000"),
    (_mention(Kind.DURATION, point=259200.0, low=259200.0, high=259200.0, unit="day"),
     "3 days"),
    (_mention(Kind.DATE, earliest=dt.datetime(2000, 10, 12), latest=dt.datetime(2000, 10, 13),
              granularity="day", year_known=False), "12 Oct"),
    (_mention(Kind.DATE_RANGE, qualifier="between", earliest=dt.datetime(2023, 11, 1),
              latest=dt.datetime(2023, 11, 9), granularity="day"),
     "1 Nov 2023 – 8 Nov 2023 (between)"),
    (_mention(Kind.DATE, earliest=dt.datetime(2000, 10, 31), latest=dt.datetime(2000, 10, 31, 0, 1),
              granularity="minute", year_known=False), "31 Oct 00:00"),
    (_mention(Kind.DATE, granularity="month", year_known=False, relative="next month"),
     "next month, date not placed"),
])
def test_value_words(mention: Mention, words: str) -> None:
    assert value_words(mention) == words
