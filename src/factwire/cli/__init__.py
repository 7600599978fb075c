"""Stage ``cli``: the ``factwire`` command."""

from .main import cli, main

__all__ = ["cli", "main"]
