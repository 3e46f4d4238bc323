"""Accounts."""

from .account import Account, CommonPassword, check_password, check_username

__all__ = ["Account", "CommonPassword", "check_password", "check_username"]
