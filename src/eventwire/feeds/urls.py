"""URLs: tell web inputs from files, and normalise a story's URL so it is fetched once.

`normalise` lower-cases the scheme and host, drops the default port, the fragment and the
tracking parameters listed in `data/feeds/tracking_params.txt`, and sorts what query is
left. `canonical` reads the page's own `<link rel="canonical">` or `og:url`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from eventwire.data import data_lines

WEB_SCHEMES = ("http://", "https://")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web(name: str) -> bool:
    """True for an http(s) URL given where a file path could be."""
    return name.strip().lower().startswith(WEB_SCHEMES)


@lru_cache(maxsize=1)
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    names: set[str] = set()
    prefixes: list[str] = []
    for line in data_lines("feeds/tracking_params.txt"):
        name = line.strip().lower()
        if name.endswith("*"):
            prefixes.append(name[:-1])
        else:
            names.add(name)
    return frozenset(names), tuple(prefixes)


def is_tracking(parameter: str) -> bool:
    names, prefixes = _tracking()
    key = parameter.lower()
    return key in names or key.startswith(prefixes)


def normalise(url: str) -> str:
    """The URL with tracking parameters, fragment and default port removed (ValueError if
    it is not an absolute http(s) URL)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not is_tracking(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def host(url: str) -> str:
    """`host[:port]` of a URL, the unit of politeness (delay, concurrency, robots.txt)."""
    parts = urlsplit(url)
    return (parts.netloc.rsplit("@", 1)[-1]).lower()


class _Canonical(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.link: str | None = None
        self.og: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.link = self.link or values.get("href") or None
        elif tag == "meta" and values.get("property", "").lower() == "og:url":
            self.og = self.og or values.get("content") or None


def canonical(html: str, base: str) -> str | None:
    """The page's canonical URL (rel=canonical, else og:url), normalised; None if absent."""
    end = re.search(r"</head\s*>", html, re.IGNORECASE)
    parser = _Canonical()
    parser.feed(html[: end.end()] if end else html[:500_000])
    for found in (parser.link, parser.og):
        if found:
            try:
                return normalise(urljoin(base, found))
            except ValueError:
                continue
    return None
