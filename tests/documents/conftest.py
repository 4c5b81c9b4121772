"""Fixtures of the build tests (tests/documents/buildkit.py)."""

from .buildkit import in_consultation, probe_kinds  # noqa: F401
