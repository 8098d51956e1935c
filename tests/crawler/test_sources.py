from pathlib import Path

import pytest

from crawler.sources import DEFAULT_SOURCES, SourcesError, load_sources, select


def test_bundled_sources_load_with_real_and_demo_providers():
    sources = load_sources()
    real = [s for s in sources if not s.demo]
    demo = [s for s in sources if s.demo]
    assert len(real) >= 6 and all(s.homepage.startswith("https://") for s in real)
    assert len(demo) >= 6 and all(s.homepage.startswith("http://127.0.0.") for s in demo)
    assert len({s.homepage.split("/")[2].split(":")[0] for s in demo}) == len(demo), "one host each"
    assert all(s.seeds() for s in sources)


def test_with_port_moves_every_url():
    demo = next(s for s in load_sources() if s.demo)
    moved = demo.with_port(9999)
    assert all(":9999/" in url for url, _ in moved.seeds())
    assert moved.slug == demo.slug


GOOD = """
providers:
  - slug: good
    name: Good CE
    homepage: https://good.example/
    start_urls: [https://good.example/courses]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("providers: [\n  - slug: x\n", "not valid YAML at line"),
        (GOOD + "    colour: blue\n", "line 3 (good): unknown key(s) ['colour']"),
        (GOOD + "    max_pages: 0\n", "max_pages must be a positive whole number"),
        (GOOD.replace("    homepage: https://good.example/\n", ""), "missing homepage"),
        (
            GOOD + "    selectors: {price_raw: 'div[[['}\n",
            "selector for price_raw 'div[[[' is invalid",
        ),
        (GOOD + "    selectors: {cost: '.price'}\n", "selectors names unknown column 'cost'"),
        (GOOD + "    detail: ['/course/(']\n", "detail regex '/course/(' does not compile"),
        (GOOD + "    course_ref: '/course/\\d+'\n", "course_ref regex must have exactly one group"),
        (
            GOOD.replace("https://good.example/courses", "ftp://good.example/c"),
            "not an absolute http(s) URL",
        ),
        (GOOD.replace("slug: good", "slug: Good CE"), "must be lowercase letters"),
        (GOOD + GOOD.replace("providers:\n", ""), "slug 'good' appears twice"),
        ("courses: []\n", "unknown top-level key(s) ['courses']"),
        (GOOD.replace("    name: Good CE\n", ""), "missing name"),
    ],
)
def test_malformed_sources_name_file_entry_and_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "nope.yml")


def test_select_by_name_and_unknown_name():
    sources = load_sources(DEFAULT_SOURCES)
    assert [s.slug for s in select(sources, ("netce",))] == ["netce"]
    assert all(not s.demo for s in select(sources, demo=False))
    with pytest.raises(SourcesError, match="unknown source"):
        select(sources, ("nope",))


def test_duplicate_slug_names_its_line(tmp_path):
    again = GOOD.replace("providers:\n", "")
    path = write(tmp_path, GOOD + again)
    second = (
        len(GOOD.splitlines())
        + 1
        + again.splitlines().index(next(line for line in again.splitlines() if "slug:" in line))
    )
    with pytest.raises(SourcesError, match=rf"line {second}: slug 'good' appears twice"):
        load_sources(path)


def test_slug_name_and_homepage_are_enough(tmp_path):
    (source,) = load_sources(
        write(tmp_path, GOOD.replace("    start_urls: [https://good.example/courses]\n", ""))
    )
    assert source.discovers and (source.max_pages, source.max_depth) == (3000, 8)
    assert source.seeds() == [
        ("https://good.example/", "page"),
        ("https://good.example/robots.txt", "robots"),
        ("https://good.example/sitemap.xml", "sitemap"),
        ("https://good.example/sitemap_index.xml", "sitemap"),
    ]


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("true", ("listing", "page")),
        ("listings", ("listing", "page")),
        ("all", ("listing", "page", "detail")),
        ("{listings: true, courses: true}", ("listing", "page", "detail")),
        ("{courses: true}", ("detail",)),
        ("false", ()),
    ],
)
def test_render_names_the_pages_fetched_in_the_browser(tmp_path, value, kinds):
    [source] = load_sources(write(tmp_path, GOOD + f"    render: {value}\n"))
    assert source.render == kinds
    assert source.renders("listing") == ("listing" in kinds)
    assert source.render_budget == 50


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    render: sometimes\n", "render must be true, false, listings, all"),
        ("    render: {pages: true}\n", "render as a mapping"),
        ("    render: true\n    render_budget: 0\n", "render_budget must be a whole number"),
    ],
)
def test_bad_render_settings_are_named(tmp_path, extra, message):
    with pytest.raises(SourcesError, match=message):
        load_sources(write(tmp_path, GOOD + extra))
