"""`eventwire serve`: an HTTP API and a web app over a store (needs the `serve` extra)."""
