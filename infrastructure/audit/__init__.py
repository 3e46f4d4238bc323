"""Sealing the event log: the seal tables, the Ed25519 key, checkpoint files and bundles.

Kept free of imports here: the offline checks (verify-bundle, verify-proof) load only the key and file
modules, never the database code.
"""

from .config import SealSettings
from .ed25519 import Ed25519Checker, Ed25519Signer, KeyFileError, generate_key_file, key_id_of, public_path, public_pem
from .files import PUBLIC_KEY, DropDirectory, read_bundle, read_published, write_bundle

__all__ = [
    "PUBLIC_KEY",
    "DropDirectory",
    "Ed25519Checker",
    "Ed25519Signer",
    "KeyFileError",
    "SealSettings",
    "generate_key_file",
    "key_id_of",
    "public_path",
    "public_pem",
    "read_bundle",
    "read_published",
    "write_bundle",
]
