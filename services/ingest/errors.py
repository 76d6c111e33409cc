"""The one exception a reader raises for input it refuses."""

from __future__ import annotations


class InputError(ValueError):
    """Input refused, with the HTTP status that says why (400 malformed, 413, 415, 422 unusable)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
