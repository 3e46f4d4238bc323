"""Who did something: every event names its actor."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Actor:
    """A person (or service account) acting in a role, as recorded on each event."""

    user_id: str
    name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        """The actor as stored inside an event."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Actor:
        """The actor read back from an event."""
        return cls(user_id=data["user_id"], name=data["name"], role=data["role"])


SYSTEM = Actor(user_id="system", name="系统", role="system")
