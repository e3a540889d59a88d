"""Feeds: articles from the web (URLs, RSS/Atom/JSON feeds, sitemaps) and `watch`.

`urls` normalises URLs (tracking parameters, canonical links); `fetch` fetches politely
(robots.txt, per-host delay, retries, limits); `discover` reads feeds and sitemaps; `web`
turns pages into `Article` inputs; `state` keeps what was seen in the store; `watch` polls.
"""
