class ServiceError(Exception):
    """A refusal the user should read: the message is already translated and says why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
