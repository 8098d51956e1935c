"""Make Datasette's streamed CSV safe to open in a spreadsheet.

Stock Datasette writes cells raw, so a crawled title such as ``=HYPERLINK(...)`` becomes a live
formula in Excel or LibreOffice (CSV injection). ``CsvNeutralizer`` re-writes a CSV byte stream
chunk by chunk: complete records are parsed, cells that a spreadsheet would evaluate get a
leading apostrophe, and the first record's column names can be swapped for readable headers.
Records split across chunks are held back until complete, so it works on any streamed size.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralize_cell(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would treat as a formula; plain numbers stay."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def _last_record_end(text: str) -> int:
    """Index just past the last line break that is outside a quoted field (0 if none)."""
    end = 0
    quotes = 0
    previous = 0
    position = text.find("\n")
    while position != -1:
        quotes += text.count('"', previous, position)
        previous = position
        if quotes % 2 == 0:
            end = position + 1
        position = text.find("\n", position + 1)
    return end


class CsvNeutralizer:
    """Stateful rewriter for one CSV response: ``feed`` each chunk, then ``close``."""

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._headers = headers or {}
        self._header_done = False

    def feed(self, data: bytes) -> bytes:
        text = self._pending + self._decoder.decode(data)
        cut = _last_record_end(text)
        self._pending = text[cut:]
        return self._rewrite(text[:cut])

    def close(self) -> bytes:
        text = self._pending + self._decoder.decode(b"", final=True)
        self._pending = ""
        return self._rewrite(text)

    def _rewrite(self, text: str) -> bytes:
        if not text:
            return b""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for record in csv.reader(io.StringIO(text, newline="")):
            if not self._header_done:
                self._header_done = True
                record = [self._headers.get(name, name) for name in record]
            writer.writerow([neutralize_cell(cell) for cell in record])
        return out.getvalue().encode("utf-8")
