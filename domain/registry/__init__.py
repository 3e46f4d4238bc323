"""Registry."""

from .registry import NAMESPACE, Enterprise, Unit, check_key, check_street
from .uscc import check_credit_code

__all__ = ["NAMESPACE", "Enterprise", "Unit", "check_credit_code", "check_key", "check_street"]
