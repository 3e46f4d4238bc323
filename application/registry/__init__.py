"""Registry."""

from domain.registry.registry import Unit
from domain.registry.uscc import check_credit_code

__all__ = ["Unit", "check_credit_code"]
