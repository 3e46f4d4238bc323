"""The sealer: follows the event log in notification order, extends the Merkle tree, signs checkpoints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from application.audit.ports import AuditError, CheckpointPublisher, EventLog, SealStore, Signer, read_events
from application.shared.clock import Clock
from domain.audit import Checkpoint, CompactRange, SealedLeaf


class SealBroken(AuditError):
    """The stored leaves no longer match the last checkpoint: sealing on top of them would bless a rewrite."""

    code = "audit_seal_broken"


@dataclass(frozen=True)
class SealPolicy:
    """When to write a checkpoint: every so many events, or after so long with unsealed leaves."""

    every_events: int = 1000
    every_seconds: float = 600.0


@dataclass
class SealResult:
    """What one pass did."""

    leaves: int = 0
    checkpoints: list[Checkpoint] = field(default_factory=list)


class Sealer:
    """Appends a leaf per new event and writes signed checkpoints (one sealer process at a time)."""

    def __init__(
        self,
        log: EventLog,
        store: SealStore,
        signer: Signer,
        clock: Clock,
        publishers: Sequence[CheckpointPublisher] = (),
        policy: SealPolicy = SealPolicy(),
    ) -> None:
        self.log, self.store, self.signer, self.clock = log, store, signer, clock
        self.publishers, self.policy = publishers, policy
        self.tree = CompactRange()
        self.last_notification_id = 0
        self.checkpointed_size = 0
        self.last_checkpoint_at: datetime | None = None
        self._started = False

    def start(self) -> None:
        """Rebuild the tree from the stored leaves and insist it matches the last checkpoint."""
        leaves = self.store.leaves()
        for position, leaf in enumerate(leaves):
            if leaf.position != position:
                raise SealBroken(f"封存记录缺少位置 {position} (audit_leaves has a hole)")
        checkpoints = self.store.checkpoints()
        by_size = {c.tree_size: c for c in checkpoints}
        self.tree = CompactRange()
        for leaf in leaves:
            self.tree.append(leaf.leaf_hash)
            checkpoint = by_size.get(self.tree.size)
            if checkpoint is not None and checkpoint.root != self.tree.root():
                raise SealBroken(
                    f"封存记录与位置 {self.tree.size} 的检查点不符，拒绝继续封存 "
                    f"(stored leaves do not match the checkpoint of size {self.tree.size})"
                )
        if checkpoints and checkpoints[-1].tree_size > self.tree.size:
            raise SealBroken("检查点覆盖的事件多于封存记录 (a checkpoint covers more leaves than are stored)")
        self.last_notification_id = leaves[-1].notification_id if leaves else 0
        self.checkpointed_size = checkpoints[-1].tree_size if checkpoints else 0
        if checkpoints:
            self.last_checkpoint_at = datetime.fromisoformat(checkpoints[-1].sealed_at)
        self._publish(checkpoints)  # a push that failed after its commit (share offline, crash) is made now
        self._started = True

    def _publish(self, checkpoints: Sequence[Checkpoint]) -> None:
        """Push checkpoints out; publishers accept again what they already hold."""
        for checkpoint in checkpoints:
            for publisher in self.publishers:
                publisher.publish(checkpoint)

    def seal(self, final: bool = True) -> SealResult:
        """Seal every event written so far; with final, a checkpoint over the last of them too."""
        if not self._started:
            self.start()
        result = SealResult()
        for events in read_events(self.log, after=self.last_notification_id):
            pending: list[SealedLeaf] = []
            for event in events:
                pending.append(SealedLeaf.of(self.tree.size, event))
                self.tree.append(pending[-1].leaf_hash)
                if self.tree.size - self.checkpointed_size >= self.policy.every_events:
                    self._commit(pending, self._checkpoint(pending[-1].notification_id), result)
                    pending = []
            self._commit(pending, None, result)
        if self.tree.size > self.checkpointed_size and (final or self._overdue()):
            self._commit([], self._checkpoint(self.last_notification_id), result)
        return result

    def follow(self, wait: Callable[[float], bool], poll_seconds: float = 2.0) -> SealResult:
        """Keep sealing as events arrive until wait() says stop; checkpoints by count or by time."""
        total = SealResult()
        while True:
            done = self.seal(final=False)
            total.leaves += done.leaves
            total.checkpoints += done.checkpoints
            if wait(poll_seconds):
                return total

    def _overdue(self) -> bool:
        if self.last_checkpoint_at is None:
            return True  # the first checkpoint is due as soon as there is anything to seal
        elapsed = (self.clock.now() - self.last_checkpoint_at).total_seconds()
        return elapsed >= self.policy.every_seconds

    def _checkpoint(self, last_notification_id: int) -> Checkpoint:
        sealed_at = self.clock.now().astimezone(UTC).isoformat(timespec="seconds")
        unsigned = Checkpoint(self.tree.size, last_notification_id, self.tree.root(), sealed_at, self.signer.key_id)
        return Checkpoint(
            unsigned.tree_size,
            unsigned.last_notification_id,
            unsigned.root,
            unsigned.sealed_at,
            unsigned.key_id,
            self.signer.sign(unsigned.signed_bytes()),
        )

    def _commit(self, leaves: list[SealedLeaf], checkpoint: Checkpoint | None, result: SealResult) -> None:
        if not leaves and checkpoint is None:
            return
        self.store.append(leaves, checkpoint)
        result.leaves += len(leaves)
        if leaves:
            self.last_notification_id = leaves[-1].notification_id
        if checkpoint is not None:
            self.checkpointed_size = checkpoint.tree_size
            self.last_checkpoint_at = datetime.fromisoformat(checkpoint.sealed_at)
            result.checkpoints.append(checkpoint)
            self._publish([checkpoint])
