"""Audit."""

from .bundle import Bundle, build_bundle
from .bundle_check import verify_bundle
from .ports import AuditError, EventLog, SealStore
from .proof import EventProofs, check_proof, make_proof
from .sealer import Sealer, SealPolicy
from .verify import verify_log

__all__ = [
    "AuditError",
    "Bundle",
    "EventLog",
    "EventProofs",
    "SealPolicy",
    "SealStore",
    "Sealer",
    "build_bundle",
    "check_proof",
    "make_proof",
    "verify_bundle",
    "verify_log",
]
