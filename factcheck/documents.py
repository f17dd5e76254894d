"""Read a Word document (``.docx``) into a :class:`Source`, one paragraph per line.

Line N of the Source's text is paragraph N of the document body, counting empty
paragraphs and each table row as one, so a figure's "line 12" in a report or a CI
annotation is the twelfth paragraph of the draft. A line break inside a paragraph
(Shift+Enter) becomes a space, which keeps that numbering and every offset.

Headers, footers, footnotes and comments are not the article and are left out.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from factcheck.errors import InputError
from factcheck.records import Source

if TYPE_CHECKING:
    from docx.table import _Row

TEXT_ORIGIN = "extracted from a Word document (.docx)"
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the old binary .doc format


def document_source(raw: bytes, path: str, source_id: str) -> Source:
    """The text of a .docx document with its title and author from the file's properties."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import LxmlError

    if raw.startswith(_OLE_SIGNATURE):
        raise InputError(path, "is an old-format Word .doc file; save it as .docx")
    if not raw.startswith(_ZIP_SIGNATURE):
        raise InputError(path, "is not a Word .docx document (it is not a zip package)")
    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_row_text(row) for row in block.rows)
            else:
                lines.append(_one_line(block.text))
        properties = document.core_properties
        title, author = properties.title, properties.author
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as error:
        raise InputError(path, f"cannot be read as a Word .docx document: the file is "
                               f"damaged ({type(error).__name__})") from error
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "the document has no text")
    return Source(
        id=source_id,
        path=path,
        text=text,
        title=" ".join(title.split()) or None if title else None,
        author=author.strip() or None if author else None,
        text_origin=TEXT_ORIGIN,
        lines_are_paragraphs=True,
    )


def _one_line(text: str) -> str:
    # python-docx writes a line break as "\n" and a page break may add "\r" or "\x0b";
    # one character each, so a space keeps every offset.
    return text.replace("\n", " ").replace("\r", " ").replace("\x0b", " ")


def _row_text(row: _Row) -> str:
    """A table row as one line, cells apart by " | ", a merged cell once."""
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:
        element = id(cell._tc)
        if element in seen:
            continue
        seen.add(element)
        cells.append(" ".join(_one_line(cell.text).split()))
    return " | ".join(cells)
