"""The chrome filter: what is set aside before fields are read, and that it comes back."""

from __future__ import annotations

from lxml import etree

from crawler.extract import chrome
from crawler.extract.text import parse_html


def _main(html: str):
    tree = parse_html(html)
    return tree, tree.find("body")


def _names(elements) -> list[str]:
    return [el.get("class") or el.get("role") or el.tag for el in elements]


def test_landmarks_named_containers_and_cookie_banners_are_chrome() -> None:
    tree, body = _main(
        '<body><div role="banner">Site</div><div class="cookie-notice">We use cookies</div>'
        '<h1>Course</h1><p>Body</p><div class="site-footer">Lowell, MA 01852</div></body>'
    )
    found = chrome.chrome_elements(body, tree.find(".//h1"))
    assert _names(found) == ["banner", "cookie-notice", "site-footer"]


def test_a_group_of_repeated_link_cards_is_chrome_but_a_listing_is_not() -> None:
    card = '<div class="tile"><h4><a href="/c/{0}">Course {0}</a></h4><p>2 contact hours</p></div>'
    cards = "".join(card.format(i) for i in range(3))
    body_text = "<p>" + "A long description of this course. " * 20 + "</p>"
    tree, body = _main(f"<body><h1>Course</h1>{body_text}<div class='grid'>{cards}</div></body>")
    assert _names(chrome.chrome_elements(body, tree.find(".//h1"))) == ["tile"] * 3
    tree, body = _main(f"<body><h1>All courses</h1><div class='grid'>{cards}</div></body>")
    assert chrome.chrome_elements(body, tree.find(".//h1")) == []


def test_the_title_and_its_ancestors_are_never_chrome() -> None:
    tree, body = _main('<body><div class="site-header"><h1>Course</h1></div><p>x</p></body>')
    assert chrome.chrome_elements(body, tree.find(".//h1")) == []


def test_set_aside_then_restore_gives_back_the_same_page() -> None:
    html = '<body><p>a</p><div class="sidebar">side</div>tail<p>b</p></body>'
    tree, body = _main(html)
    before = etree.tostring(tree)
    places = chrome.set_aside(chrome.chrome_elements(body, None))
    assert b"sidebar" not in etree.tostring(tree)
    chrome.restore(places)
    assert etree.tostring(tree) == before


def test_link_density() -> None:
    _tree, body = _main('<body><a href="/a">aaaa</a>bbbb</body>')
    assert chrome.link_density(body, "aaaabbbb") == 0.5
    assert chrome.link_density(body, "") == 0.0
