"""Per-request context (request id) that services read without a request object."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")
