"""The outcome of one delivery attempt, whatever carried it (webhook POST or Apprise)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Attempt"]


@dataclass(frozen=True, slots=True)
class Attempt:
    """The result of one attempt: a webhook POST or an Apprise send."""

    status_code: int | None
    error: str | None
    retry_after_s: float | None
    duration_s: float
