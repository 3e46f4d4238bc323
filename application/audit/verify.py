"""`ganxin audit verify`: recompute the tree from the event store and find the first divergence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from application.audit.ports import EventLog, SealStore, SignatureChecker, all_events
from domain.audit import Checkpoint, CompactRange, Divergence, SealedLeaf, StoredEvent, first_divergence, version_gap


@dataclass
class VerifyReport:
    """What the check found: problems with the checkpoints, the first divergence, what is unsealed."""

    events: int = 0
    sealed: int = 0
    checkpoints: int = 0
    signed_size: int = 0
    problems: list[str] = field(default_factory=list)
    divergence: Divergence | None = None
    version_gap: Divergence | None = None

    @property
    def ok(self) -> bool:
        """Whether nothing at all diverged."""
        return not self.problems and self.divergence is None and self.version_gap is None

    @property
    def unsealed(self) -> int:
        """Events after the last signed checkpoint."""
        return max(0, self.events - self.signed_size)


def trusted_checkpoints(
    stored: Sequence[Checkpoint], published: Sequence[Checkpoint], checker: SignatureChecker, report: VerifyReport
) -> list[Checkpoint]:
    """The checkpoints with a good signature; published copies win over the database's and are compared."""
    trusted: dict[int, Checkpoint] = {}
    for checkpoint in stored:
        if checker.verify(checkpoint):
            trusted[checkpoint.tree_size] = checkpoint
        else:
            report.problems.append(f"数据库中树大小 {checkpoint.tree_size} 的检查点签名无效 (bad signature)")
    stored_by_size = {c.tree_size: c for c in stored}
    for checkpoint in published:
        if not checker.verify(checkpoint):
            report.problems.append(f"外送的树大小 {checkpoint.tree_size} 的检查点签名无效 (bad signature)")
            continue
        twin = stored_by_size.get(checkpoint.tree_size)
        if twin is None:
            report.problems.append(
                f"外送的树大小 {checkpoint.tree_size} 的检查点在数据库中缺失 "
                "(published checkpoint missing from the database)"
            )
        elif twin.root != checkpoint.root or twin.signature != checkpoint.signature:
            report.problems.append(
                f"数据库中树大小 {checkpoint.tree_size} 的检查点与外送副本不同 "
                "(database checkpoint differs from the published copy)"
            )
        trusted[checkpoint.tree_size] = checkpoint
    return [trusted[size] for size in sorted(trusted)]


def check_roots(leaves: Sequence[bytes], checkpoints: Sequence[Checkpoint]) -> Checkpoint | None:
    """The first checkpoint whose root these leaf hashes do not reproduce (or that they do not reach)."""
    by_size = {c.tree_size: c for c in checkpoints}
    tree = CompactRange()
    for leaf in leaves:
        tree.append(leaf)
        checkpoint = by_size.get(tree.size)
        if checkpoint is not None and checkpoint.root != tree.root():
            return checkpoint
    beyond = [c for c in checkpoints if c.tree_size > tree.size]
    return beyond[0] if beyond else None


def verify_log(
    log: EventLog, store: SealStore, checker: SignatureChecker, published: Sequence[Checkpoint] = ()
) -> VerifyReport:
    """Check every signature, the stored leaves against the checkpoints, and the events against both."""
    report = VerifyReport()
    checkpoints = trusted_checkpoints(store.checkpoints(), published, checker, report)
    report.checkpoints = len(checkpoints)
    report.signed_size = checkpoints[-1].tree_size if checkpoints else 0
    leaves = store.leaves()
    report.sealed = len(leaves)
    _check_leaf_table(leaves, checkpoints, report)
    events = all_events(log)
    report.events = len(events)
    report.divergence = first_divergence(leaves, events)
    if report.divergence is None:
        _check_event_roots(events, checkpoints, report)
    report.version_gap = version_gap(events)
    return report


def _check_leaf_table(leaves: Sequence[SealedLeaf], checkpoints: Sequence[Checkpoint], report: VerifyReport) -> None:
    for position, leaf in enumerate(leaves):
        if leaf.position != position:
            report.problems.append(f"封存记录 audit_leaves 在位置 {position} 处缺行 (a stored leaf is missing)")
            return
    broken = check_roots([leaf.leaf_hash for leaf in leaves], checkpoints)
    if broken is not None:
        report.problems.append(
            f"封存记录 audit_leaves 与树大小 {broken.tree_size} 的签名检查点不符，封存记录被改写 "
            "(stored leaves do not reproduce a signed root)"
        )


def _check_event_roots(events: Sequence[StoredEvent], checkpoints: Sequence[Checkpoint], report: VerifyReport) -> None:
    """Catches a rewrite of events and leaves together: the signed roots still tell."""
    broken = check_roots([event.leaf_hash for event in events], checkpoints)
    if broken is None:
        return
    earlier = [c.tree_size for c in checkpoints if c.tree_size < broken.tree_size]
    first = earlier[-1] if earlier else 0
    if broken.tree_size > len(events):
        position = len(events)
        report.problems.append(
            f"日志尾部被截断 (truncated tail)：签名检查点覆盖 {broken.tree_size} 个事件，"
            f"现存仅 {len(events)} 个，自位置 {position} 起缺失"
        )
        return
    report.problems.append(
        f"位置 {first} 至 {broken.tree_size - 1} 之间的事件与签名检查点（树大小 "
        f"{broken.tree_size}）不符 (events do not reproduce the signed root)"
    )
