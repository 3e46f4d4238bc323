"""What the offline checks (`ganxin audit verify-bundle`, `verify-proof`) need: keys and files, no database code."""

from __future__ import annotations

from infrastructure.audit.ed25519 import Ed25519Checker, KeyFileError
from infrastructure.audit.files import PUBLIC_KEY, read_bundle

__all__ = ["PUBLIC_KEY", "Ed25519Checker", "KeyFileError", "read_bundle"]
