"""The engine's one error."""


class MarginError(ValueError):
    """A rule of the margin engine was broken.

    `field` names the offending input ("positions[1].leverage", "wallet_balance", "amount")
    or is None when the problem concerns the whole account.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"MarginError({self.message!r}, field={self.field!r})"
