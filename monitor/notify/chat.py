"""Chat and push delivery through Apprise (``kind: apprise`` notifiers).

One Apprise URL per notifier reaches Slack, Discord, Microsoft Teams, ntfy,
e-mail, Telegram, Matrix and the ~100 other services Apprise knows. The outbox
calls ``send_apprise`` for such a notifier exactly where it would POST a webhook,
so an Apprise message has the same at-least-once guarantee, retry schedule and
``deliveries`` history as a webhook.

Apprise URLs carry their credentials (tokens in the host or path, passwords in
the user part), resolved from ``${ENV}`` at load. So nothing Apprise logs reaches
our logs as is: its logger is detached from ours, each send's log records are
captured, every fragment of the URL is removed from them, and only then do they
become the attempt's error (stored, shown by ``deliveries``) or our debug lines.
An Apprise notifier is named by its notifier name and scheme only (``json://``).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from urllib.parse import unquote

from monitor.config import NotifierConfig
from monitor.notify.attempt import Attempt

log = logging.getLogger(__name__)

__all__ = ["apprise_target", "scrub", "send_apprise"]

_HTTP_STATUS = re.compile(r"\berror=(\d{3})\b")
_lock = threading.Lock()


def apprise_target(url: str) -> str:
    """``scheme://``: all of an Apprise URL that is safe to show."""
    scheme, sep, _ = url.strip().partition("://")
    return f"{scheme.lower()}://" if sep else "apprise"


def _fragments(url: str) -> list[str]:
    """Every piece of ``url`` that may be a credential, longest first."""
    _, _, rest = url.strip().partition("://")
    pieces = {url.strip(), rest}
    for piece in re.split(r"[/?&#=@:,;+ ]", rest):
        for p in (piece, unquote(piece)):
            if len(p) >= 4:
                pieces.add(p)
    return sorted(pieces, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """``text`` with every credential-like fragment of ``url`` replaced by ``***``."""
    for piece in _fragments(url):
        text = text.replace(piece, "***")
    return text


class _Capture(logging.Handler):
    """Collects Apprise's log records of one send (INFO and above; DEBUG holds URLs)."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _detach_apprise_logger() -> logging.Logger:
    logger = logging.getLogger("apprise")
    logger.propagate = False  # never straight into our handlers: it may hold URLs
    if logger.level == logging.NOTSET or logger.level < logging.INFO:
        logger.setLevel(logging.INFO)
    return logger


def send_apprise(notifier: NotifierConfig, *, body: str) -> Attempt:
    """Send one rendered message (``formats.AppriseFormat``) through Apprise, once.

    Success is Apprise's word that the service accepted it. A failure's error is
    Apprise's own warning with the URL's fragments removed; an HTTP status in it
    (``error=410``) becomes the attempt's status code, so ``410 Gone`` disables
    the notifier as it does a webhook.
    """
    logger = _detach_apprise_logger()  # before the import, which logs already
    import apprise

    started = time.monotonic()
    target = apprise_target(notifier.url)
    try:
        message = json.loads(body)
        if "title" not in message and "data" in message:
            # Queued while this notifier was a generic webhook: render it for Apprise now.
            from monitor.notify.formats import FORMATS

            message = json.loads(FORMATS["apprise"].render(message))
        title, text, level = str(message["title"]), str(message["body"]), str(message["type"])
    except (ValueError, KeyError, TypeError):
        return Attempt(None, "apprise: the stored message is not an Apprise message", None, 0.0)
    capture = _Capture()
    # Apprise sends with requests: urllib3's debug lines name the full URL, token and all.
    transport = logging.getLogger("urllib3")
    with _lock:  # one Apprise send at a time: the capture handler sees only its own records
        logger.addHandler(capture)
        transport_level = transport.level
        transport.setLevel(max(transport_level, logging.WARNING))
        try:
            plugin = apprise.Apprise.instantiate(notifier.url.strip())
            if plugin is None:
                ok, error = False, f"apprise: {target} URL is not accepted by Apprise"
            else:
                plugin.socket_connect_timeout = min(notifier.timeout_s, 10.0)
                plugin.socket_read_timeout = notifier.timeout_s
                sender = apprise.Apprise()
                sender.add(plugin)
                notify_type = (
                    apprise.NotifyType(level)
                    if level in {t.value for t in apprise.NotifyType}
                    else apprise.NotifyType.INFO
                )
                ok = bool(
                    sender.notify(
                        body=text,
                        title=title,
                        notify_type=notify_type,
                        body_format=apprise.NotifyFormat.MARKDOWN,
                    )
                )
                error = None
        except Exception as exc:  # a plugin bug must not kill the outbox thread
            ok, error = False, f"apprise: {type(exc).__name__}: {exc}"
        finally:
            transport.setLevel(transport_level)
            logger.removeHandler(capture)
    elapsed = time.monotonic() - started
    lines = [scrub(r.getMessage(), notifier.url) for r in capture.records]
    for line in lines:
        log.debug("notify.apprise target=%s %s", target, line)
    if ok:
        return Attempt(200, None, None, elapsed)
    problems = [
        scrub(r.getMessage(), notifier.url) for r in capture.records if r.levelno >= logging.WARNING
    ]
    error = scrub(error, notifier.url) if error else None
    error = error or f"apprise {target}: " + (" ".join(problems) or "not sent")
    status = _HTTP_STATUS.search(" ".join(problems))
    return Attempt(int(status.group(1)) if status else None, error[:500], None, elapsed)
