"""An RFC 6962 Merkle tree over the event log: leaf and node hashes, roots, inclusion and range proofs.

Pure functions over SHA-256 (hashlib only). Leaves are hashed as SHA-256(0x00 ‖ data) and interior
nodes as SHA-256(0x01 ‖ left ‖ right), so a leaf can never be passed off as a node. The root of n
leaves splits at the largest power of two smaller than n (RFC 6962 §2.1, MTH).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(ValueError):
    """A proof that does not fit the tree it claims (wrong length or shape)."""


def _field(value: bytes) -> bytes:
    # An 8-byte big-endian length before each field: no two field lists encode to the same bytes.
    return len(value).to_bytes(8, "big") + value


def event_leaf_data(
    notification_id: int, originator_id: str, originator_version: int, topic: str, state: bytes
) -> bytes:
    """The length-prefixed encoding of one stored event, as hashed into its leaf."""
    return b"".join(
        _field(part)
        for part in (
            str(notification_id).encode("ascii"),
            str(originator_id).encode("ascii"),
            str(originator_version).encode("ascii"),
            topic.encode("utf-8"),
            bytes(state),
        )
    )


def event_leaf_hash(
    notification_id: int, originator_id: str, originator_version: int, topic: str, state: bytes
) -> bytes:
    """The leaf hash of one stored event: leaf_hash(event_leaf_data(...)), fed piecewise (it runs per event)."""
    digest = hashlib.sha256(LEAF_PREFIX)
    for part in (
        str(notification_id).encode("ascii"),
        str(originator_id).encode("ascii"),
        str(originator_version).encode("ascii"),
        topic.encode("utf-8"),
        state,
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 ‖ data)."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 ‖ left ‖ right)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split_point(size: int) -> int:
    """The largest power of two strictly smaller than size (size ≥ 2)."""
    return 1 << ((size - 1).bit_length() - 1)


class CompactRange:
    """The roots of the perfect subtrees covering leaves [0, size): append in O(log n), root any time.

    This is what lets the sealer extend the tree by one leaf without recomputing it from scratch.
    """

    def __init__(self) -> None:
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []  # (subtree size, hash), sizes strictly decreasing

    def append(self, leaf: bytes) -> None:
        """Add the next leaf hash."""
        self.size += 1
        width, value = 1, leaf
        while self._stack and self._stack[-1][0] == width:
            left_width, left = self._stack.pop()
            width, value = left_width + width, node_hash(left, value)
        self._stack.append((width, value))

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Add several leaf hashes in order."""
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        """The RFC 6962 root of the leaves so far (SHA-256 of nothing when empty)."""
        if not self._stack:
            return EMPTY_ROOT
        value = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            value = node_hash(left, value)
        return value


def subtree_root(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    """The root of leaves[lo:hi] taken as a tree of its own."""
    if hi <= lo:
        return EMPTY_ROOT
    compact = CompactRange()
    for index in range(lo, hi):
        compact.append(leaves[index])
    return compact.root()


def merkle_root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of the leaf hashes."""
    return subtree_root(leaves, 0, len(leaves))


def inclusion_path(leaves: Sequence[bytes], index: int, size: int) -> list[bytes]:
    """PATH(index, D[size]): the sibling hashes from the leaf up to the root (RFC 6962 §2.1.1)."""
    if not 0 <= index < size <= len(leaves):
        raise ProofError(f"leaf {index} is not in a tree of size {size}")
    path: list[bytes] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = split_point(hi - lo)
        if index < lo + k:
            path.append(subtree_root(leaves, lo + k, hi))
            hi = lo + k
        else:
            path.append(subtree_root(leaves, lo, lo + k))
            lo = lo + k
    return path[::-1]


def root_from_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes:
    """The root a leaf and its path lead to (RFC 9162 §2.1.3.2); ProofError if the path cannot fit."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of size {size}")
    fn, sn, value = index, size - 1, leaf
    for sibling in path:
        if sn == 0:
            raise ProofError("inclusion path too long")
        if fn & 1 or fn == sn:
            value = node_hash(sibling, value)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            value = node_hash(value, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("inclusion path too short")
    return value


def verify_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> bool:
    """Whether the path proves the leaf at index in the tree of that size and root."""
    try:
        return root_from_inclusion(leaf, index, size, path) == root
    except ProofError:
        return False


def range_proof(leaves: Sequence[bytes], first: int, end: int, size: int) -> list[bytes]:
    """The subtree hashes outside [first, end) needed to recompute the root of size leaves from the range."""
    if not 0 <= first < end <= size <= len(leaves):
        raise ProofError(f"range [{first}, {end}) is not in a tree of size {size}")
    proof: list[bytes] = []

    def walk(lo: int, hi: int) -> None:
        if end <= lo or hi <= first:
            proof.append(subtree_root(leaves, lo, hi))
        elif not (first <= lo and hi <= end):
            k = split_point(hi - lo)
            walk(lo, lo + k)
            walk(lo + k, hi)

    walk(0, size)
    return proof


def root_from_range(range_leaves: Sequence[bytes], first: int, size: int, proof: Sequence[bytes]) -> bytes:
    """The root that the leaves of [first, first + len) and a range proof lead to; ProofError if ill-shaped."""
    end = first + len(range_leaves)
    if not 0 <= first < end <= size:
        raise ProofError(f"range [{first}, {end}) is not in a tree of size {size}")
    hashes: Iterator[bytes] = iter(proof)

    def walk(lo: int, hi: int) -> bytes:
        if end <= lo or hi <= first:
            try:
                return next(hashes)
            except StopIteration:
                raise ProofError("range proof too short") from None
        if first <= lo and hi <= end:
            return subtree_root(range_leaves, lo - first, hi - first)
        k = split_point(hi - lo)
        left = walk(lo, lo + k)
        return node_hash(left, walk(lo + k, hi))

    root = walk(0, size)
    if next(hashes, None) is not None:
        raise ProofError("range proof too long")
    return root
