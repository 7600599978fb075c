"""Stage ``web``: the HTTP API and the dashboard (``factwire serve``)."""

from .app import create_app

__all__ = ["create_app"]
