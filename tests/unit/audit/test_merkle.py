"""The RFC 6962 tree: known vectors, a naive implementation, inclusion and range proofs."""

from __future__ import annotations

import hashlib

import pytest

from domain.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    ProofError,
    event_leaf_data,
    event_leaf_hash,
    inclusion_path,
    leaf_hash,
    merkle_root,
    node_hash,
    range_proof,
    root_from_range,
    verify_inclusion,
)

# The certificate-transparency project's test leaves and the roots of their first 1..8 (RFC 6962 trees).
CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def naive_root(leaves: list[bytes]) -> bytes:
    """MTH exactly as RFC 6962 §2.1 writes it."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + naive_root(leaves[:k]) + naive_root(leaves[k:])).digest()


def leaves_of(count: int) -> list[bytes]:
    return [leaf_hash(str(i).encode()) for i in range(count)]


def test_empty_tree_root_is_sha256_of_nothing():
    assert merkle_root([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert CompactRange().root() == EMPTY_ROOT


def test_leaf_and_node_hashes_are_domain_separated():
    assert leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
    assert node_hash(b"a" * 32, b"b" * 32) == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()


def test_roots_match_the_certificate_transparency_vectors():
    leaves = [leaf_hash(bytes.fromhex(data)) for data in CT_LEAVES]
    for size, expected in enumerate(CT_ROOTS, start=1):
        assert merkle_root(leaves[:size]).hex() == expected


def test_compact_range_matches_the_naive_root_at_every_size():
    leaves = leaves_of(70)
    tree = CompactRange()
    for size, leaf in enumerate(leaves, start=1):
        tree.append(leaf)
        assert tree.root() == naive_root(leaves[:size]) == merkle_root(leaves[:size])


def test_every_inclusion_path_verifies_and_a_changed_one_does_not():
    leaves = leaves_of(37)
    for size in (1, 2, 3, 8, 13, 37):
        root = naive_root(leaves[:size])
        for index in range(size):
            path = inclusion_path(leaves, index, size)
            assert verify_inclusion(leaves[index], index, size, path, root)
            assert not verify_inclusion(leaves[index], (index + 1) % size, size, path, root) or size == 1
            assert not verify_inclusion(leaf_hash(b"forged"), index, size, path, root)
            if path:
                bent = [path[0][:-1] + bytes([path[0][-1] ^ 1]), *path[1:]]
                assert not verify_inclusion(leaves[index], index, size, bent, root)
                assert not verify_inclusion(leaves[index], index, size, path[:-1], root)
                assert not verify_inclusion(leaves[index], index, size, [*path, path[0]], root)


def test_every_range_recomputes_the_root_and_a_changed_leaf_does_not():
    leaves = leaves_of(23)
    for size in (1, 5, 16, 23):
        root = naive_root(leaves[:size])
        for first in range(size):
            for end in range(first + 1, size + 1):
                proof = range_proof(leaves, first, end, size)
                assert root_from_range(leaves[first:end], first, size, proof) == root
                changed = [leaf_hash(b"x"), *leaves[first + 1 : end]]
                assert root_from_range(changed, first, size, proof) != root


def test_an_ill_shaped_range_proof_is_refused():
    leaves = leaves_of(10)
    proof = range_proof(leaves, 3, 6, 10)
    with pytest.raises(ProofError):
        root_from_range(leaves[3:6], 3, 10, proof[:-1])
    with pytest.raises(ProofError):
        root_from_range(leaves[3:6], 3, 10, [*proof, proof[0]])
    with pytest.raises(ProofError):
        range_proof(leaves, 4, 4, 10)


def test_the_event_leaf_hash_is_the_leaf_hash_of_the_encoding():
    assert event_leaf_hash(7, "id", 2, "主题", b"{}") == leaf_hash(event_leaf_data(7, "id", 2, "主题", b"{}"))


def test_the_leaf_encoding_is_length_prefixed():
    # Moving a byte from one field to the next must change the encoding.
    assert event_leaf_data(1, "ab", 1, "t", b"x") != event_leaf_data(1, "a", 1, "bt", b"x")
    assert event_leaf_data(12, "a", 3, "t", b"") != event_leaf_data(1, "a", 23, "t", b"")
    encoded = event_leaf_data(7, "id", 2, "主题", b"\x00\x01")
    assert encoded[:9] == (1).to_bytes(8, "big") + b"7"
    assert encoded.endswith((2).to_bytes(8, "big") + b"\x00\x01")
