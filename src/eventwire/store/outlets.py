"""An article's outlet from its URL's domain when the input names none
(data/store/outlets.tsv: well-known outlets; else the domain itself)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit


@lru_cache(maxsize=1)
def outlet_names() -> dict[str, str]:
    """Domain -> outlet name, from data/store/outlets.tsv."""
    from eventwire.data import read_tsv

    return {domain.strip().lower(): name.strip()
            for domain, name in read_tsv("store/outlets.tsv")}


def outlet_of(url: str | None) -> str | None:
    """The outlet of a URL: a known outlet's name for its domain or a parent domain, else
    the host name without `www.`; None without an http(s) host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host:
        return None
    names = outlet_names()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = names.get(".".join(labels[start:]))
        if name is not None:
            return name
    return host.removeprefix("www.")
