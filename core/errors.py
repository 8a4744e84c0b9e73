"""The one exception bad input raises: its message is the single line users see."""


class InputError(ValueError):
    """Input that cannot be parsed (empty, binary, undecodable, too large)."""


class StoreError(RuntimeError):
    """The store cannot be opened or written (in use, gone, damaged, full, read-only); the message says why, in one line."""
