import pytest

from crawler.urls import canonicalize, course_id, course_ref_from_url, is_public_address

CANONICAL = [
    ("HTTP://Example.ORG:80/Course/1/#objectives", "http://example.org/Course/1/"),
    ("https://example.org:443/c?utm_source=x&utm_medium=y&id=5", "https://example.org/c?id=5"),
    ("https://example.org/c?fbclid=abc&gclid=def", "https://example.org/c"),
    ("https://example.org/c;jsessionid=ABC123?page=2", "https://example.org/c?page=2"),
    ("https://example.org/c?JSESSIONID=1&sessionid=2&b=2&a=1", "https://example.org/c?b=2&a=1"),
    ("https://example.org:8443/x", "https://example.org:8443/x"),
    ("https://example.org", "https://example.org/"),
    (
        "http://127.0.0.2:8610/courses/hipaa/?utm_campaign=s#top",
        "http://127.0.0.2:8610/courses/hipaa/",
    ),
    ("https://example.org/a%20b/", "https://example.org/a%20b/"),
    ("https://example.org/a b/", "https://example.org/a%20b/"),
]


@pytest.mark.parametrize(("raw", "expected"), CANONICAL)
def test_canonicalize(raw, expected):
    assert canonicalize(raw) == expected
    assert canonicalize(expected) == expected  # idempotent


def test_course_ref_defaults_to_last_path_segment_without_extension():
    assert course_ref_from_url("https://x.org/courses/hipaa-basics/") == "hipaa-basics"
    assert course_ref_from_url("https://x.org/courses/hipaa-basics.html#a") == "hipaa-basics"


def test_course_ref_pattern_and_query_ids():
    assert (
        course_ref_from_url("https://x.org/c.php?courseid=42&utm_source=a", r"courseid=(\d+)")
        == "42"
    )
    assert (
        course_ref_from_url("https://x.org/coursecontent.php?courseid=42")
        == "coursecontent?courseid=42"
    )


def test_course_id_is_stable_across_tracking_variants():
    a = course_id("netce", "https://www.netce.com/course/abc/?utm_source=mail#x")
    b = course_id("netce", "HTTPS://WWW.NETCE.COM:443/course/abc/")
    assert a == b == "netce:abc"


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("127.0.0.1", False),
        ("127.0.0.9", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("169.254.1.1", False),
        ("::1", False),
        ("[::1]", False),
        ("localhost", False),
        ("8.8.8.8", True),
        ("www.aama-ntl.org", True),
    ],
)
def test_is_public_address(host, public):
    assert is_public_address(host) is public
