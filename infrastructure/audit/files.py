"""Checkpoints pushed out to a drop directory, and evidence bundles on disk."""

from __future__ import annotations

import json
from pathlib import Path

from application.audit import Bundle
from domain.audit import Checkpoint
from infrastructure.audit.bundle_readme import BUNDLE_README
from infrastructure.audit.errors import SealFileError

MANIFEST, EVENTS, CHECKPOINTS, PUBLIC_KEY, README = (
    "manifest.json",
    "events.jsonl",
    "checkpoints.json",
    "public_key.pem",
    "README.md",
)


class DropDirectoryError(SealFileError):
    """A checkpoint file that exists with different content: someone rewrote history or the directory."""

    code = "audit_drop_conflict"


def checkpoint_file_name(checkpoint: Checkpoint) -> str:
    """One file per checkpoint, named by its tree size so that they sort."""
    return f"checkpoint-{checkpoint.tree_size:012d}.json"


class DropDirectory:
    """CheckpointPublisher writing one JSON file per checkpoint; an existing file is never overwritten."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def publish(self, checkpoint: Checkpoint) -> None:
        """Write the checkpoint's file (exclusive create); the same content already there is fine."""
        self.path.mkdir(parents=True, exist_ok=True)
        target = self.path / checkpoint_file_name(checkpoint)
        text = json.dumps(checkpoint.as_dict(), indent=2, ensure_ascii=False) + "\n"
        try:
            with open(target, "x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            if json.loads(target.read_text(encoding="utf-8")) != checkpoint.as_dict():
                raise DropDirectoryError(
                    f"外送目录中已有不同的同名检查点，未覆盖 (differing checkpoint exists): {target}"
                ) from None


def read_published(directory: Path) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in a drop directory, and a Chinese line per unreadable file."""
    checkpoints: list[Checkpoint] = []
    problems: list[str] = []
    if not directory.is_dir():
        return [], [f"外送检查点目录不存在 (no such directory): {directory}"]
    for path in sorted(directory.glob("checkpoint-*.json")):
        try:
            checkpoints.append(Checkpoint.from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:
            problems.append(f"无法读取外送检查点 {path.name} (unreadable): {error}")
    return checkpoints, problems


def write_bundle(bundle: Bundle, public_key_pem: str, out: Path) -> None:
    """The bundle directory: manifest, events (one JSON object a line), checkpoints, public key, README."""
    out.mkdir(parents=True, exist_ok=False)
    (out / MANIFEST).write_text(json.dumps(bundle.manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(out / EVENTS, "w", encoding="utf-8") as events:
        for line in bundle.events:
            events.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    (out / CHECKPOINTS).write_text(json.dumps(bundle.checkpoints, indent=1) + "\n", encoding="utf-8")
    (out / PUBLIC_KEY).write_text(public_key_pem, encoding="ascii")
    (out / README).write_text(
        BUNDLE_README.format(
            **bundle.manifest, tree_size=bundle.manifest["checkpoint"]["tree_size"], count=len(bundle.events)
        ),
        encoding="utf-8",
    )


def read_bundle(directory: Path) -> tuple[dict, list[str], list[dict], str]:
    """Manifest, event lines, checkpoints and public key text of a bundle; OSError/ValueError if unreadable."""
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    lines = (directory / EVENTS).read_text(encoding="utf-8").splitlines()
    checkpoints = json.loads((directory / CHECKPOINTS).read_text(encoding="utf-8"))
    return manifest, lines, checkpoints, (directory / PUBLIC_KEY).read_text(encoding="ascii")
