"""Standard Webhooks signing (https://www.standardwebhooks.com/).

The signature is ``v1,`` + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")),
where the secret is the base64 part of ``whsec_...``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def secret_bytes(secret: str) -> bytes:
    """Key bytes of a ``whsec_`` secret."""
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    """The ``webhook-signature`` header value for one attempt."""
    to_sign = f"{msg_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_bytes(secret), to_sign, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(secret: str, msg_id: str, timestamp: int, body: str, header: str) -> bool:
    """True when any ``v1`` signature in ``header`` matches (constant-time compare)."""
    expected = sign(secret, msg_id, timestamp, body).split(",", 1)[1]
    for part in header.split():
        version, _, value = part.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False
