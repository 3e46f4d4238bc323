"""The sealer's settings, from GANXIN_SEAL_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from application.audit import SealPolicy
from infrastructure.audit.ed25519 import KeyFileError, public_path


@dataclass(frozen=True)
class SealSettings:
    """Where the key is, where checkpoints are pushed, how often to checkpoint."""

    key_file: Path | None = None
    public_key_file: Path | None = None
    drop_dir: Path | None = None
    every_events: int = 1000
    every_minutes: float = 10.0

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> SealSettings:
        """GANXIN_SEAL_KEY_FILE, _PUBLIC_KEY_FILE, _DROP_DIR, _EVERY_EVENTS (1000), _EVERY_MINUTES (10)."""
        env = os.environ if environ is None else environ

        def path(name: str) -> Path | None:
            return Path(env[name]) if env.get(name) else None

        return cls(
            path("GANXIN_SEAL_KEY_FILE"),
            path("GANXIN_SEAL_PUBLIC_KEY_FILE"),
            path("GANXIN_SEAL_DROP_DIR"),
            int(env.get("GANXIN_SEAL_EVERY_EVENTS", "1000")),
            float(env.get("GANXIN_SEAL_EVERY_MINUTES", "10")),
        )

    @property
    def policy(self) -> SealPolicy:
        """The checkpoint policy."""
        if self.every_events < 1 or self.every_minutes <= 0:
            raise KeyFileError("GANXIN_SEAL_EVERY_EVENTS 和 GANXIN_SEAL_EVERY_MINUTES 必须为正数 (must be positive)")
        return SealPolicy(self.every_events, self.every_minutes * 60)

    def public_key(self, given: str | None) -> Path:
        """The public key to check with: --public-key, GANXIN_SEAL_PUBLIC_KEY_FILE, or the key file's .pub."""
        if given:
            return Path(given)
        if self.public_key_file:
            return self.public_key_file
        if self.key_file and public_path(self.key_file).exists():
            return public_path(self.key_file)
        raise KeyFileError("请用 --public-key 指定公钥文件，或设置 GANXIN_SEAL_PUBLIC_KEY_FILE (no public key given)")
