"""Message formats: one class per kind of receiver, declared by name.

``generic`` is the Standard Webhooks JSON body (README, "Webhooks"). Every other
format turns the same event into a message a person reads at a glance (``Message``):
the status (FIRING or RESOLVED), the watch and the direction, the size of the move,
and the top headlines with their links. ``slack`` and ``discord`` are the bodies of
those services' incoming webhooks; ``apprise`` is a title, a Markdown body and a
level that ``monitor.notify.chat`` hands to Apprise (Slack, Discord, Teams, ntfy,
e-mail, Telegram, Matrix ...).

Every piece of text that came from a feed (titles, outlet names, URLs, errors) is
escaped for its sink, so a title holding markup, ``<script>`` or ``@everyone``
never becomes live formatting, a link of its choosing or a mention.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from monitor.config import NotifierConfig

__all__ = [
    "FORMATS",
    "Format",
    "Headline",
    "Message",
    "discord_escape",
    "format_for",
    "markdown_escape",
    "message_of",
    "render_for",
    "slack_escape",
]

MAX_HEADLINES = 5


class Format(Protocol):
    """Renders a generic webhook body (a dict) for one kind of receiver."""

    name: ClassVar[str]

    def render(self, body: dict[str, Any]) -> str: ...


@dataclass(frozen=True, slots=True)
class Headline:
    """One driving article: untrusted text, escaped by each renderer."""

    title: str
    url: str | None
    source: str
    tone: float | None


@dataclass(frozen=True, slots=True)
class Message:
    """What a person should see first: built from trusted numbers and untrusted text.

    ``title`` and ``facts`` are made by us from numbers, the watch name (config) and
    the direction; ``details`` and ``headlines`` hold text from feeds, which every
    renderer escapes.
    """

    status: str  # FIRING, RESOLVED or DIGEST
    level: str  # Apprise notify type: info, success, warning, failure
    icon: str
    title: str
    facts: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)


def _num(value: Any, fmt: str = "+.2f") -> str:
    try:
        return format(float(value), fmt).replace("-", "−")
    except (TypeError, ValueError):
        return "?"


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _watches(data: dict[str, Any]) -> str:
    return ", ".join(str(w) for w in data.get("watches") or []) or "no watch"


def _day(value: Any) -> str:
    text = str(value or "")
    return text[:16].replace("T", " ") + (" UTC" if len(text) >= 16 else "")


def message_of(body: dict[str, Any]) -> Message:
    """The readable message of a generic webhook body."""
    data: dict[str, Any] = body.get("data") or {}
    kind = str(body.get("type", ""))
    watch = str(data.get("watch") or "")
    direction = str(data.get("direction") or "")
    if kind == "rhetoric.shift.detected":
        b, r = data.get("baseline") or {}, data.get("recent") or {}
        icon = "🔴" if direction == "confrontation" else "🟢"
        msg = Message(
            status="FIRING",
            level="warning" if direction == "confrontation" else "info",
            icon=icon,
            title=f"{icon} FIRING · {watch}: rhetoric moved toward {direction} "
            f"(Δ {_num(data.get('delta'))})",
            facts=[
                f"Mean tone {_num(b.get('mean'))} → {_num(r.get('mean'))} "
                f"(Δ {_num(data.get('delta'))}, {_num(abs(_float(data.get('effect_size'))), '.1f')}"
                " baseline SDs)",
                f"{r.get('count', '?')} recent articles from {r.get('sources', '?')} outlets "
                f"vs {b.get('count', '?')} in the baseline",
                f"Onset {_day(data.get('onset') or r.get('start'))} · "
                f"detected {_day(data.get('at'))}",
            ],
        )
    elif kind == "rhetoric.shift.resolved":
        b, r = data.get("baseline") or {}, data.get("recent") or {}
        msg = Message(
            status="RESOLVED",
            level="success",
            icon="✅",
            title=f"✅ RESOLVED · {watch}: rhetoric settled after the shift toward {direction}",
            facts=[
                f"Recent mean tone {_num(r.get('mean'))} over {r.get('count', '?')} articles "
                f"vs baseline {_num(b.get('mean'))}",
                f"Shift onset {_day(data.get('onset'))} · resolved {_day(data.get('at'))}",
            ],
        )
    elif kind == "source.failing":
        msg = Message(
            status="FIRING",
            level="failure",
            icon="⚠️",
            title=f"⚠️ FIRING · feed failing ({_watches(data)})",
            facts=[
                f"{data.get('error_count', '?')} failed polls in a row; "
                f"last success {_day(data.get('last_success_at')) or 'never'}"
            ],
            details=[
                f"Feed: {data.get('url', '')}",
                f"Last error: {data.get('last_error') or '-'}",
            ],
        )
    elif kind == "source.recovered":
        msg = Message(
            status="RESOLVED",
            level="success",
            icon="✅",
            title=f"✅ RESOLVED · feed recovered ({_watches(data)})",
            facts=[f"Polled successfully after {data.get('failures', '?')} failures"],
            details=[f"Feed: {data.get('url', '')}"],
        )
    elif kind == "rhetoric.digest":
        period = data.get("period") or {}
        facts = []
        for w in data.get("watches") or []:
            line = f"{w.get('watch')}: {w.get('articles', 0)} articles"
            if w.get("mean_tone") is not None:
                line += f", mean tone {_num(w.get('mean_tone'))}"
            shifts = [
                f"{'resolved' if str(e.get('type')).endswith('resolved') else 'shift'} → "
                f"{e.get('direction')}"
                for e in w.get("events") or []
            ]
            facts.append(line + (f"; {', '.join(shifts)}" if shifts else "; no shifts"))
        failing = data.get("failing_feeds") or []
        if failing:
            facts.append(f"{len(failing)} failing feed(s)")
        msg = Message(
            status="DIGEST",
            level="info",
            icon="📰",
            title=f"📰 Daily digest · {str(period.get('end', ''))[:10]}",
            facts=facts,
            details=[
                f"Failing feed: {f.get('url')} ({f.get('last_error') or '-'})" for f in failing
            ],
        )
    else:
        msg = Message(status="FIRING", level="info", icon="ℹ️", title=f"ℹ️ {kind}")
    headlines = [
        Headline(
            title=str(d.get("title") or "(untitled)"),
            url=_safe_url(d.get("url")),
            source=str(d.get("source") or ""),
            tone=float(d["tone"]) if isinstance(d.get("tone"), int | float) else None,
        )
        for d in (data.get("drivers") or [])[:MAX_HEADLINES]
        if isinstance(d, dict)
    ]
    sample = bool(data.get("sample"))
    return Message(
        status=msg.status,
        level=msg.level,
        icon=msg.icon,
        title=msg.title + (" [SAMPLE]" if sample else ""),
        facts=(
            ["SAMPLE sent by rhetoric-monitor test-notifier: not a real alert"] if sample else []
        )
        + msg.facts,
        details=msg.details,
        headlines=headlines,
    )


def _safe_url(value: Any) -> str | None:
    """An http(s) URL with the characters that could break out of a link percent-encoded."""
    if not isinstance(value, str) or not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(value.strip(), safe=":/?#=&%+,;~@!$'*.-_")


class GenericFormat:
    """The JSON body as is."""

    name: ClassVar[str] = "generic"

    def render(self, body: dict[str, Any]) -> str:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def slack_escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackFormat:
    """A Slack incoming-webhook message: bold status line, facts, linked headlines."""

    name: ClassVar[str] = "slack"

    def render(self, body: dict[str, Any]) -> str:
        m = message_of(body)
        lines = [f"*{slack_escape(m.title)}*", *(slack_escape(f) for f in m.facts)]
        lines += [slack_escape(d) for d in m.details]
        if m.headlines:
            lines.append("*Top headlines*")
        for h in m.headlines:
            title = slack_escape(h.title).replace("|", "¦")
            link = f"<{h.url}|{title}>" if h.url else title
            lines.append(f"• {link} — {slack_escape(h.source)}" + _tone(h))
        return json.dumps(
            {"text": "\n".join(lines), "unfurl_links": False, "unfurl_media": False},
            ensure_ascii=False,
        )


def _tone(h: Headline) -> str:
    return f" ({_num(h.tone)})" if h.tone is not None else ""


_DISCORD_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()#:<@!-])")


def discord_escape(text: str) -> str:
    """Escape Discord markdown, links and mentions in untrusted text."""
    return _DISCORD_MARKDOWN.sub(r"\\\1", text)


class DiscordFormat:
    """A Discord webhook message; mentions are disabled outright."""

    name: ClassVar[str] = "discord"

    def render(self, body: dict[str, Any]) -> str:
        m = message_of(body)
        lines = [f"**{m.title}**", *m.facts, *(discord_escape(d) for d in m.details)]
        if m.headlines:
            lines.append("**Top headlines**")
        for h in m.headlines:
            title = discord_escape(h.title)
            link = f"[{title}](<{h.url}>)" if h.url else title
            lines.append(f"- {link} — {discord_escape(h.source)}" + _tone(h))
        return json.dumps(
            {"content": "\n".join(lines)[:2000], "allowed_mentions": {"parse": []}},
            ensure_ascii=False,
        )


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#|~])")


def markdown_escape(text: str) -> str:
    """Untrusted text made inert in Markdown and in the HTML Apprise may make of it.

    Markdown punctuation is backslash-escaped; ``<`` and ``>`` become look-alike
    quotes (Markdown passes raw HTML through to e-mail); ``@`` is followed by a
    zero-width space, so ``@everyone`` or ``@here`` can never ping (Apprise's
    Discord plugin turns ``@name`` into a mention).
    """
    text = text.replace("<", "‹").replace(">", "›").replace("@", "@\u200b")
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


class AppriseFormat:
    """``{"title", "body", "type"}`` for Apprise: a plain title, a Markdown body."""

    name: ClassVar[str] = "apprise"

    def render(self, body: dict[str, Any]) -> str:
        m = message_of(body)
        lines = [f"**{m.status}**", ""]
        lines += [f"- {f}" for f in m.facts]
        lines += [f"- {markdown_escape(d)}" for d in m.details]
        if m.headlines:
            lines += ["", "**Top headlines**", ""]
        for h in m.headlines:
            title = markdown_escape(h.title)
            link = f"[{title}]({h.url})" if h.url else title
            lines.append(f"1. {link} — {markdown_escape(h.source)}" + _tone(h))
        return json.dumps(
            {"title": m.title, "body": "\n".join(lines), "type": m.level}, ensure_ascii=False
        )


FORMATS: dict[str, Format] = {
    f.name: f for f in (GenericFormat(), SlackFormat(), DiscordFormat(), AppriseFormat())
}


def format_for(notifier: NotifierConfig) -> Format:
    """The format a notifier's messages are rendered in."""
    return FORMATS["apprise" if notifier.kind == "apprise" else notifier.format]


def render_for(notifier: NotifierConfig, body: dict[str, Any]) -> str:
    """The exact body ``notifier`` receives for the generic webhook ``body``."""
    return format_for(notifier).render(body)
