"""Reading articles: metadata, offsets, and one clear line for every bad file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.claims import split_claims
from factcheck.errors import InputError
from factcheck.ingest import read_source, read_sources


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_front_matter_supplies_title_outlet_and_publication_date(tmp_path: Path) -> None:
    path = write(tmp_path, "story.md", "---\ntitle: Strike ends\noutlet: The Bee\n"
                 "published: 2023-10-07\nsources: [a.txt, b.txt]\n---\nWorkers returned Saturday.\n")
    source = read_source(path)
    assert (source.id, source.title, source.outlet) == ("story", "Strike ends", "The Bee")
    assert source.published == dt.date(2023, 10, 7)
    assert source.text[source.body_start:].startswith("Workers returned")


def test_cluster_headers_and_archive_date_stamp(tmp_path: Path) -> None:
    path = write(tmp_path, "lbpost.txt", "URL: https://www.lbpost.com/news/x/\n"
                 "TITLE: Kaiser workers return [title from URL slug; not stored]\n\n"
                 " date 2023-10-07 Thousands returned to work today.\n")
    source = read_source(path)
    assert source.title == "Kaiser workers return"
    assert source.outlet == "lbpost.com"
    assert source.published == dt.date(2023, 10, 7)
    assert source.text[source.body_start:].startswith("Thousands")


def test_published_option_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "---\npublished: 2023-10-07\n---\nText here.\n")
    assert read_source(path, dt.date(2024, 1, 2)).published == dt.date(2024, 1, 2)


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("empty.txt", "", "empty"),
    ("blank.txt", "  \n\n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("latin1.txt", "Caf\xe9 workers".encode("latin-1"), "UTF-8"),
    ("header-only.txt", "URL: https://x.org/\nTITLE: Nothing\n\n", "no article text"),
    ("bad-date.md", "---\npublished: someday\n---\nText.\n", "date"),
])
def test_bad_files_get_one_line_naming_the_file(tmp_path: Path, name: str,
                                                content: str | bytes, problem: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as error:
        read_source(path)
    message = str(error.value)
    assert message.startswith(path) and problem in message and "\n" not in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))


def test_two_sources_with_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    first = write(tmp_path, "a.txt", "One.")
    second = write(tmp_path / "x", "a.txt", "Two.")
    with pytest.raises(InputError, match="same name"):
        read_sources([first, second])


def test_claim_offsets_point_at_the_file_text_and_furniture_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", "TITLE: Strike\n\nSave Article\n"
                 "The strike began Oct. 4 and 75,000 workers joined the picket lines.\n"
                 "Flames over the town (Zeke Kalua/AFP)\n")
    source = read_source(path)
    claims = split_claims(source)
    assert [c.text for c in claims] == ["The strike began Oct. 4",
                                        "75,000 workers joined the picket lines."]
    for claim in claims:
        assert source.text[claim.start:claim.end] == claim.text
        for mention in claim.mentions:
            assert source.text[mention.start:mention.end] == mention.text
    assert source.line_column(claims[1].mentions[0].start) == (4, 29)
