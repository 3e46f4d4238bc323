"""What the sealing keys and files raise: a stable code for programs and a message for people."""

from __future__ import annotations


class SealFileError(Exception):
    """A key or checkpoint file that cannot be used as it is."""

    code = "audit_file_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
