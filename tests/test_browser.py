"""The HTML report in a real browser: Debian's headless Chromium, driven by Playwright.

Never a browser download: Playwright is pointed at /usr/bin/chromium, which
``make browser`` installs (``.ci/run`` calls it before the tests). Without it, or
without the playwright package, these tests are skipped and say why.

The seeds report is made with the real model, the way the demo makes it; the other
pages use the hashing embedder. The screenshot of the seeds report is written to
reports/seeds-report.png for the README.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from factcheck.embed import (
    CachedEmbedder,
    EmbeddingCache,
    HashingEmbedder,
    SentenceTransformerEmbedder,
)
from factcheck.ingest import read_sources
from factcheck.pipeline import compare_sources
from factcheck.writers.html import write_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: run `make browser` (apt-get install chromium) to run "
                "the browser tests", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is absent: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
SCREENSHOT = ROOT / "reports" / "seeds-report.png"
# No network on the test machines, and nothing a browser would do by itself on first start.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 900}
# Every selected figure sits inside the visible part of its own scrolling pane.
FIGURES_IN_VIEW = """() => Array.from(document.querySelectorAll('.articles mark.is-selected'))
  .every((mark) => {
    const pane = mark.closest('.article-body').getBoundingClientRect();
    const box = mark.getBoundingClientRect();
    return box.top >= pane.top && box.bottom <= pane.bottom && box.bottom <= innerHeight;
  })"""


@dataclass
class Visit:
    """A page, with everything it tried to do that a report must never do."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport=VIEWPORT)
        yield context
        context.close()


@pytest.fixture(scope="module")
def seeds_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = EmbeddingCache(tmp_path_factory.mktemp("vectors"))
    with contextlib.chdir(ROOT):  # the files as the demo names them: seeds/...
        sources = read_sources([str(Path(seed).relative_to(ROOT)) for seed in SEEDS])
    report = compare_sources(sources, CachedEmbedder(SentenceTransformerEmbedder(), cache))
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    path = tmp_path_factory.mktemp("reports") / "seeds.html"
    path.write_text(write_html(report, generated=when), encoding="utf-8")
    return path


def visit(browser: Any, path: Path) -> Visit:
    page = browser.new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))

    def dismiss(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.as_uri(), wait_until="load")
    return seen


@pytest.fixture
def seeds(browser: Any, seeds_file: Path) -> Iterator[Visit]:
    seen = visit(browser, seeds_file)
    yield seen
    assert seen.requests == [seeds_file.as_uri()], "the report fetched something"
    assert not seen.errors and not seen.dialogs
    seen.page.close()


def selected_finding(page: Any) -> str | None:
    cards = page.locator(".finding.is-selected")
    return cards.first.get_attribute("data-finding") if cards.count() == 1 else None


@pytest.mark.model
def test_the_workers_conflict_is_listed_first(seeds: Visit) -> None:
    first = seeds.page.locator(".finding").first
    assert first.get_attribute("data-status") == "conflict"
    assert "worker" in first.locator(".topic").inner_text()
    figures = first.locator(".quote-fig").all_inner_texts()
    assert sorted(figures) == ["More than 75,000", "Over 80,000"]
    assert first.locator(".badge").inner_text().strip().endswith("CONFLICT")


@pytest.mark.model
def test_clicking_a_finding_highlights_both_sentences(seeds: Visit) -> None:
    page = seeds.page
    first = page.locator(".finding").first
    finding = first.get_attribute("data-finding")
    first.locator(".show").click()
    assert selected_finding(page) == finding
    marks = page.locator(".articles mark.is-selected")
    assert sorted(marks.all_inner_texts()) == ["More than 75,000", "Over 80,000"]
    sentences = page.locator(".articles .sentence.is-selected")
    sources = sentences.evaluate_all("(all) => all.map((s) => s.closest('.article').dataset.source)")
    assert sorted(sources) == sorted(Path(seed).stem for seed in SEEDS)
    assert all(f" {finding} " in f" {s} " for s in
               sentences.evaluate_all("(all) => all.map((s) => s.dataset.findings)"))
    page.wait_for_function(FIGURES_IN_VIEW, timeout=5000)


@pytest.mark.model
def test_the_keyboard_picks_findings_and_figures(seeds: Visit) -> None:
    page = seeds.page
    second = page.locator(".finding").nth(1)
    second.locator(".show").focus()
    page.keyboard.press("Enter")
    assert selected_finding(page) == second.get_attribute("data-finding")
    mark = page.locator(".articles mark.fig", has_text="Over 80,000")
    mark.focus()
    page.keyboard.press("Enter")
    chosen = selected_finding(page)
    assert chosen in (mark.get_attribute("data-findings") or "").split()
    assert page.evaluate("document.activeElement.dataset.finding") == chosen


@pytest.mark.model
def test_clicking_a_figure_shows_each_of_its_findings(seeds: Visit) -> None:
    page = seeds.page
    mark = page.locator(".articles mark.fig", has_text="Over 80,000")
    findings = (mark.get_attribute("data-findings") or "").split()
    assert len(findings) >= 2  # the 75,000 struck and the 85,000 represented
    shown = []
    for _ in findings:
        mark.click()
        shown.append(selected_finding(page))
        card = page.locator(f"#finding-{shown[-1]}")
        assert card.is_visible()
        assert card.evaluate("(card) => card.getBoundingClientRect().top >= 0")
    assert shown == findings


@pytest.mark.model
def test_the_status_filter_hides_consistent_findings(seeds: Visit) -> None:
    page = seeds.page
    consistent = page.locator('.finding[data-status="consistent"]')
    others = page.locator('.finding:not([data-status="consistent"])')
    assert consistent.count() and others.count()
    page.uncheck('input[name="status"][value="consistent"]')
    assert all(not card.is_visible() for card in consistent.all())
    assert all(card.is_visible() for card in others.all())
    total = consistent.count() + others.count()
    assert page.inner_text("#shown") == f"Showing {others.count()} of {total} findings"
    page.check('input[name="status"][value="consistent"]')
    assert all(card.is_visible() for card in consistent.all())


@pytest.mark.model
def test_search_and_source_filter(seeds: Visit) -> None:
    page = seeds.page
    page.fill("#search", "75,000")
    visible = [c for c in page.locator(".finding").all() if c.is_visible()]
    assert visible and all("75,000" in c.inner_text() for c in visible)
    page.fill("#search", "no such words anywhere")
    assert page.locator("#no-match").is_visible()
    page.fill("#search", "")
    first_source = page.locator("#source-filter option").nth(1).get_attribute("value")
    page.select_option("#source-filter", first_source)
    for card in page.locator(".finding").all():
        involved = (card.get_attribute("data-sources") or "").split()
        assert card.is_visible() == (first_source in involved)


@pytest.mark.model
def test_screenshot_of_the_seeds_report(seeds: Visit) -> None:
    SCREENSHOT.parent.mkdir(exist_ok=True)
    seeds.page.screenshot(path=str(SCREENSHOT))
    distinct, commonest = colours(seeds.page, SCREENSHOT.read_bytes())
    assert distinct > 200, f"{SCREENSHOT} looks blank: {distinct} colours"
    assert commonest < 0.9, f"{SCREENSHOT} is mostly one colour"


def colours(page: Any, png: bytes) -> tuple[int, float]:
    """Distinct colours in a PNG and the share of the commonest, counted by the browser."""
    blank = page.context.new_page()
    try:
        result: list[float] = blank.evaluate(
            """async (data) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width;
              canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = new Uint32Array(
                context.getImageData(0, 0, image.width, image.height).data.buffer);
              const counts = new Map();
              for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) || 0) + 1);
              return [counts.size, Math.max(...counts.values()) / pixels.length];
            }""", base64.b64encode(png).decode())
    finally:
        blank.close()
    return int(result[0]), float(result[1])


HOSTILE = ("<script>window.__pwned = 1; alert('script')</script>",
           "<img src=x onerror=\"window.__pwned = 2; alert('img')\">",
           "</script><!--<script>window.__pwned = 3</script>-->",
           "<svg onload=\"window.__pwned = 4\">")


def test_an_injected_script_never_runs(browser: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        f"---\ntitle: {HOSTILE[0]}\noutlet: {HOSTILE[1]}\n---\n"
        f"More than 75,000 workers {HOSTILE[0]} walked out on Oct. 4 at Kaiser.\n\n"
        f"The union {HOSTILE[1]} said 3,000 workers in Seattle could join {HOSTILE[2]}.\n\n"
        f"Organisers expect {HOSTILE[3]} more.\n", encoding="utf-8")
    second.write_text(
        f"Over 80,000 workers walked out on Oct. 4 at Kaiser {HOSTILE[1]}.\n\n"
        "Roughly 3,000 workers in Seattle could join, the union said.\n", encoding="utf-8")
    report = compare_sources(read_sources([str(first), str(second)]), HashingEmbedder())
    assert report.findings
    page_file = tmp_path / "hostile.html"
    page_file.write_text(write_html(report), encoding="utf-8")
    seen = visit(browser, page_file)
    page = seen.page
    page.locator(".finding .show").first.click()
    page.locator(".articles mark.fig").first.click()
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen.dialogs == []
    assert seen.requests == [page_file.as_uri()]
    assert seen.errors == []
    assert page.locator("script").count() == 2  # the data and the report's own script
    assert page.locator(".articles img, .articles svg, .articles script").count() == 0
    text = page.locator(f'.article[data-source="{report.sources[0].id}"] .text').inner_text()
    for attack in HOSTILE:
        assert attack in text
    data = page.evaluate("JSON.parse(document.getElementById('factcheck-data').textContent)")
    assert any(HOSTILE[2] in claim["text"] for claim in data["claims"])
    page.close()


def synthetic_article(sentences: int, seed: int = 4) -> tuple[str, str]:
    """Two tellings of one long story: every sentence has a figure; every fourth differs.

    Made-up words keep the sentences apart, so each is aligned with its own twin only.
    """
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("abcdefghijklmnoprstuvwyz") for _ in range(rng.randint(5, 9)))

    words = [(word().capitalize(), word(), word(), word()) for _ in range(sentences)]
    tellings = []
    for shift in (0, 1):
        lines = [f"{a} {b} counted {120 + 37 * i + (25 if shift and i % 4 == 0 else 0):,} "
                 f"{c} in {d}." for i, (a, b, c, d) in enumerate(words)]
        paragraphs = [" ".join(lines[i:i + 5]) for i in range(0, sentences, 5)]
        tellings.append("\n\n".join(paragraphs) + "\n")
    return tellings[0], tellings[1]


def test_a_report_on_2000_sentences_opens_and_navigates(
        browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = synthetic_article(2000)
    (tmp_path / "first.txt").write_text(first, encoding="utf-8")
    (tmp_path / "second.txt").write_text(second, encoding="utf-8")
    report = compare_sources(read_sources([str(tmp_path / "first.txt"),
                                           str(tmp_path / "second.txt")]), HashingEmbedder())
    assert len(report.claims) == 4000 and len(report.findings) >= 1000
    page_file = tmp_path / "long.html"
    page_file.write_text(write_html(report), encoding="utf-8")
    seen = visit(browser, page_file)
    timing = seen.page.evaluate(
        "(() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n.domContentLoadedEventEnd, n.loadEventEnd]; })()")
    ready, loaded = float(timing[0]), float(timing[1])
    with capsys.disabled():
        print(f"\n2,000-sentence report ({page_file.stat().st_size / 1e6:.1f} MB, "
              f"{len(report.findings):,} findings): DOMContentLoaded {ready:.0f} ms, "
              f"load {loaded:.0f} ms")
    # Printed, not asserted: tests never time things (a shared CI machine made 1 s flaky).
    last = seen.page.locator(".finding").last
    last.locator(".show").click()
    seen.page.wait_for_function(FIGURES_IN_VIEW, timeout=5000)
    assert seen.errors == [] and seen.requests == [page_file.as_uri()]
    seen.page.close()
