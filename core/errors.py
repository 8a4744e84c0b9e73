"""The one exception bad input raises: its message is the single line users see."""


class InputError(ValueError):
    """Input that cannot be parsed (empty, binary, undecodable, too large)."""
