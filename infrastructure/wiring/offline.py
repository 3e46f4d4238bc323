"""What the offline checks (`ganxin audit verify-bundle`, `verify-proof`) need: keys and files, no database code."""

from __future__ import annotations

from infrastructure.audit import PUBLIC_KEY, Ed25519Checker, KeyFileError, read_bundle

__all__ = ["PUBLIC_KEY", "Ed25519Checker", "KeyFileError", "read_bundle"]
