"""Who is calling: an admin or reviewer API key from settings, or a session's candidate token.

Tokens are random (`secrets.token_urlsafe`) and only their SHA-256 is stored; keys and hashes are
compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from bot.settings import Settings

Role = Literal["admin", "reviewer", "candidate", "share"]
SHARE_PREFIX = "share_"
"""Share tokens say what they are, so one is never mistaken for a candidate token."""
TOKEN_BYTES = 32
SESSION_ID_BYTES = 18


@dataclass(frozen=True)
class Principal:
    role: Role
    token: str


def new_session_id() -> str:
    return secrets.token_urlsafe(SESSION_ID_BYTES)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_share_token() -> str:
    return SHARE_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)


def key_id(principal: Principal) -> str:
    """Who made a change, without the key: the role and a short hash of the key (16 chars at
    most, the width of `override_by`), enough to tell two reviewers apart."""
    return f"{principal.role}:{token_hash(principal.token)[:16 - len(principal.role) - 1]}"


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def _listed(token: str, keys: list[str]) -> bool:
    return any(hmac.compare_digest(token.encode(), k.encode()) for k in keys)


def identify(token: str, settings: Settings) -> Principal:
    """An API key's role, "share" for a share link's token, or "candidate" for anything else
    (both checked against a session later)."""
    if _listed(token, _keys(settings.admin_keys)):
        return Principal("admin", token)
    if _listed(token, _keys(settings.reviewer_keys)):
        return Principal("reviewer", token)
    if token.startswith(SHARE_PREFIX):
        return Principal("share", token)
    return Principal("candidate", token)
