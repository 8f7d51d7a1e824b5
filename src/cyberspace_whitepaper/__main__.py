"""``python -m cyberspace_whitepaper``: the command line, as ``cyberspace-whitepaper``."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
