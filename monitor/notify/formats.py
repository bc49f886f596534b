"""Webhook body formats: one class per sink, declared by name.

``generic`` is the Standard Webhooks JSON body of DESIGN.md. ``slack`` and
``discord`` turn the same event into a chat message; every piece of text that
came from a feed is escaped for the sink, so a title holding markup or
``<script>`` can never become live formatting, a link or a mention.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar, Protocol


class Format(Protocol):
    """Renders a generic webhook body (a dict) for one kind of receiver."""

    name: ClassVar[str]

    def render(self, body: dict[str, Any]) -> str: ...


def _lines(body: dict[str, Any]) -> tuple[str, list[str]]:
    data = body.get("data") or {}
    kind = body.get("type", "")
    if kind.startswith("rhetoric."):
        head = str(data.get("summary") or kind)
        drivers = [
            f"{d.get('tone', 0):+.2f} {d.get('source', '')}: {d.get('title', '')}"
            for d in data.get("drivers") or []
        ]
        return head, drivers
    head = f"{kind}: {data.get('url', '')} ({data.get('message') or data.get('last_error') or ''})"
    return head, []


class GenericFormat:
    """The JSON body as is."""

    name: ClassVar[str] = "generic"

    def render(self, body: dict[str, Any]) -> str:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def slack_escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackFormat:
    """A Slack incoming-webhook message (text + a context list of driving articles)."""

    name: ClassVar[str] = "slack"

    def render(self, body: dict[str, Any]) -> str:
        head, drivers = _lines(body)
        text = slack_escape(head)
        if drivers:
            text += "\n" + "\n".join("• " + slack_escape(d) for d in drivers)
        return json.dumps({"text": text, "unfurl_links": False}, ensure_ascii=False)


_DISCORD_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()#:<@!-])")


def discord_escape(text: str) -> str:
    """Escape Discord markdown, links and mentions in untrusted text."""
    return _DISCORD_MARKDOWN.sub(r"\\\1", text)


class DiscordFormat:
    """A Discord webhook message; mentions are disabled outright."""

    name: ClassVar[str] = "discord"

    def render(self, body: dict[str, Any]) -> str:
        head, drivers = _lines(body)
        content = discord_escape(head)
        if drivers:
            content += "\n" + "\n".join("- " + discord_escape(d) for d in drivers)
        return json.dumps(
            {"content": content[:2000], "allowed_mentions": {"parse": []}}, ensure_ascii=False
        )


FORMATS: dict[str, Format] = {f.name: f for f in (GenericFormat(), SlackFormat(), DiscordFormat())}
