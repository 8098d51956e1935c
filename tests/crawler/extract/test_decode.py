"""Page bytes decoded as browsers decode them (WHATWG encoding rules)."""

import pytest

from crawler.extract.text import decode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"<meta charset=iso-8859-1><p>\x93hi\x94 \x96 caf\xe9</p>", "“hi” – café"),
        (b'<meta charset="latin1"><p>\x85</p>', "…"),
        (b"<meta charset=us-ascii><p>\x92</p>", "’"),
        (b"<p>\x93no charset\x94</p>", "“no charset”"),
        (b'<meta charset="utf-8"><p>\x93mislabelled\x94</p>', "“mislabelled”"),
        ("\ufeff<p>héllo</p>".encode("utf-8"), "<p>héllo</p>"),
        (b"\xff\xfe" + "<p>é</p>".encode("utf-16-le"), "<p>é</p>"),
        (b"<meta charset=koi8-r><p>\xc1</p>", "а"),
    ],
)
def test_bytes_decode_as_a_browser_would(raw, text) -> None:
    decoded = decode(raw)
    assert text in decoded
    assert not any("\x80" <= ch <= "\x9f" for ch in decoded)
