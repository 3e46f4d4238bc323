"""The sealer's Ed25519 key (cryptography package): generate, load, sign, check."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.audit import Checkpoint
from infrastructure.audit.errors import SealFileError


class KeyFileError(SealFileError):
    """A key file that is missing, unreadable or not an Ed25519 key."""

    code = "audit_key_error"


def key_id_of(public: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public: Ed25519PublicKey) -> str:
    """The public key as PEM text."""
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def generate_key_file(path: Path) -> Ed25519PublicKey:
    """Write a new private key readable by its owner only (0600), and PATH.pub beside it; never overwrite."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"密钥文件已存在，不会覆盖 (key file exists, not overwritten): {path}") from None
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)
    os.chmod(path, 0o600)  # whatever the umask said
    public = private.public_key()
    public_path(path).write_text(public_pem(public), encoding="ascii")
    return public


def public_path(private_path: Path) -> Path:
    """Where keygen puts the public key of a private key file."""
    return private_path.with_name(private_path.name + ".pub")


class Ed25519Signer:
    """Signs checkpoints with the private key."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public = private.public_key()
        self.key_id = key_id_of(self.public)

    @classmethod
    def from_file(cls, path: Path) -> Ed25519Signer:
        """Load a PEM private key file."""
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as error:
            raise KeyFileError(f"无法读取私钥文件 (cannot read private key) {path}: {error}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError(f"不是 Ed25519 私钥 (not an Ed25519 private key): {path}")
        return cls(key)

    def sign(self, message: bytes) -> bytes:
        """The 64-byte signature."""
        return self._private.sign(message)


class Ed25519Checker:
    """Checks checkpoint signatures with a public key."""

    def __init__(self, public: Ed25519PublicKey) -> None:
        self.public = public
        self.key_id = key_id_of(public)

    @classmethod
    def from_pem(cls, text: str | bytes, origin: str = "") -> Ed25519Checker:
        """Load a PEM public key."""
        data = text.encode("ascii", "replace") if isinstance(text, str) else text
        try:
            key = serialization.load_pem_public_key(data)
        except (ValueError, TypeError) as error:
            raise KeyFileError(f"无法读取公钥 (cannot read public key) {origin}: {error}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise KeyFileError(f"不是 Ed25519 公钥 (not an Ed25519 public key) {origin}")
        return cls(key)

    @classmethod
    def from_file(cls, path: Path) -> Ed25519Checker:
        """Load a PEM public key file."""
        try:
            return cls.from_pem(path.read_bytes(), str(path))
        except OSError as error:
            raise KeyFileError(f"无法读取公钥文件 (cannot read public key) {path}: {error}") from None

    def verify(self, checkpoint: Checkpoint) -> bool:
        """Whether the signature is good and made by this key."""
        if checkpoint.key_id != self.key_id:
            return False
        try:
            self.public.verify(checkpoint.signature, checkpoint.signed_bytes())
        except InvalidSignature:
            return False
        return True
