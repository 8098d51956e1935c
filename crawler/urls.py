"""URL canonicalization (before dedupe and as course ids) and the address-safety check."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|_ga|_gl|yclid)$", re.I
)
_SESSION = re.compile(
    r"^(sessionid|session_id|jsessionid|phpsessid|sid|aspsessionid\w*|cfid|cftoken)$", re.I
)
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize(url: str) -> str:
    """Drop fragments, tracking and session parameters; lowercase scheme and host; drop default
    ports; keep the remaining query in its original order (order can be meaningful)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(k) and not _SESSION.match(k)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def canonical_or_none(url: str) -> str | None:
    """``canonicalize(url)``, or None for a malformed URL (bad port, broken IPv6 literal)."""
    try:
        return canonicalize(url)
    except ValueError:
        return None


def course_ref_from_url(url: str, pattern: str | None = None) -> str:
    """The provider's reference for a course, read from its canonical URL.

    With ``pattern`` (a regex with one group, from sources.yml) the group is the ref; otherwise
    the last path segment without a file extension. Ids come from the URL, never from extracted
    text, so a worse extraction can never mint a second id for the same course.
    """
    canonical = canonicalize(url)
    if pattern:
        match = re.search(pattern, canonical)
        if match:
            return match.group(1)
    parts = urlsplit(canonical)
    segment = [s for s in parts.path.split("/") if s]
    ref = re.sub(r"\.(html?|php|aspx?)$", "", segment[-1]) if segment else parts.netloc
    if parts.query:
        ref += "?" + parts.query
    return ref


def course_id(provider: str, url: str, pattern: str | None = None) -> str:
    return f"{provider}:{course_ref_from_url(url, pattern)}"


def is_public_address(host: str) -> bool:
    """False for loopback, private, link-local and other non-public IP literals."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host.lower() not in {
            "localhost",
            "localhost.localdomain",
        } and not host.lower().endswith(".localhost")
    return address.is_global
