"""Large corpora for the speed and scale benchmarks, built at run time, never committed.

    from corpus import build_corpus
    paths = build_corpus(Path(tmp), sources=200)

The material is every article of ``../shared/eval/clusters`` (real news text, read at run
time), the two seeds in ``seeds/`` and our own articles in ``corpora/``. One synthetic
source is four of those articles, from different events, one after another (so a source
is about as long as a long news story: some 40 claims), with its figures perturbed so
that copies of one article disagree the way real coverage does:

- each number of two or more digits, years aside, has a one-in-two chance to be scaled by
  a factor between 0.8 and 1.25, keeping its digits' format ("75,000" -> "82,316");
- each source gets its own publication date, a few days after the base article's.

The perturbation is seeded, so a corpus of N sources is the same every run, and the
corpus of 100 sources is the first half of the one of 200. Perturbed claims are new
texts, so an empty embedding cache really encodes them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUSTERS = ROOT.parent / "shared" / "eval" / "clusters"
ARTICLES_PER_SOURCE = 4

_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w/-]|,\d|\.\d)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def base_articles() -> list[tuple[str, str, dt.date | None]]:
    """(name, body text, publication date) of every article the corpora are made from."""
    from factcheck.evaluate import story_articles
    from factcheck.ingest import read_source

    paths: list[Path] = []
    if CLUSTERS.is_dir():
        for folder in sorted(p for p in CLUSTERS.iterdir() if p.is_dir()):
            paths.extend(story_articles(folder))
    paths.extend(sorted((ROOT / "seeds").glob("*.txt")))
    paths.extend(sorted((ROOT / "corpora").glob("**/*.txt")))
    articles = []
    for path in paths:
        source = read_source(str(path))
        articles.append((path.stem, source.text[source.body_start:].strip(), source.published))
    return articles


def perturb(text: str, rng: random.Random) -> str:
    """Scale about half of the numbers in ``text`` by 0.8 to 1.25, years left alone."""
    def scale(match: re.Match[str]) -> str:
        digits = match.group(1)
        plain = digits.replace(",", "")
        if _YEAR.match(plain) or len(plain) < 2 or rng.random() > 1 / 2:
            return digits
        value = max(1, round(int(plain) * rng.uniform(0.8, 1.25)))
        return f"{value:,}" if "," in digits else str(value)
    return _NUMBER.sub(scale, text)


def build_corpus(folder: Path, sources: int, seed: int = 7) -> list[str]:
    """Write ``sources`` synthetic articles into ``folder``; return their paths in order."""
    articles = base_articles()
    if len(articles) < ARTICLES_PER_SOURCE:
        raise SystemExit("too few base articles: is ../shared/eval/clusters there?")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(sources):
        rng = random.Random(seed * 100_003 + number)
        picks = [articles[(number * ARTICLES_PER_SOURCE + k * 7) % len(articles)]
                 for k in range(ARTICLES_PER_SOURCE)]
        published = next((date for _, _, date in picks if date), dt.date(2023, 10, 10))
        published += dt.timedelta(days=rng.randint(0, 3))
        body = "\n\n".join(perturb(text, rng) for _, text, _ in picks)
        path = folder / f"{number:04d}-{picks[0][0]}.txt"
        path.write_text(f"DATE: {published.isoformat()}\n\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths
