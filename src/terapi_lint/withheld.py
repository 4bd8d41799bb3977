"""What a report never prints because it may be a credential: member names shaped like a token
(a pointer stops before them) and record identities (``id``, ``provider_config_key``) that look
like one."""

from __future__ import annotations

from typing import Any

from terapi_lint.secrets.detectors import can_hold_secret, find_secrets

#: Verdicts of :func:`looks_secret` on what may hold a credential (a dump's keys and member names
#: repeat): emptied when full.  What cannot hold one (most record ids, unique) is not kept.
_VERDICTS: dict[str, bool] = {}
VERDICTS_SIZE = 4096


def looks_secret(text: str) -> bool:
    """Whether ``text`` holds something shaped like a credential (never printed, then)."""
    verdict = _VERDICTS.get(text)
    if verdict is None:
        if not can_hold_secret(text):
            return False
        if len(_VERDICTS) >= VERDICTS_SIZE:
            _VERDICTS.clear()
        verdict = _VERDICTS[text] = bool(find_secrets(text))
    return verdict


def safe_path(path: tuple) -> tuple:
    """``path`` cut before the first member name that is itself a credential.

    A pointer must locate the finding, but a member named like a token would print the token;
    the finding is then placed at the object holding that member.
    """
    for index, part in enumerate(path):
        if isinstance(part, str) and looks_secret(part):
            return path[:index]
    return path


NO_IDENTITY: tuple[str | None, str | None] = (None, None)


def record_identity(value: Any) -> tuple[str | None, str | None]:
    """The record's ``id`` and ``provider_config_key`` when they are strings that do not look
    like a credential (such a value is withheld, as everywhere), else None for each."""
    if type(value) is not dict:
        return NO_IDENTITY
    ident, key = value.get("id"), value.get("provider_config_key")
    return (ident if type(ident) is str and not looks_secret(ident) else None,
            key if type(key) is str and not looks_secret(key) else None)
