"""Field encryption and blind indexes for identity numbers (NIK, No KK).

Values are encrypted with Fernet (MultiFernet over FIELD_ENCRYPTION_KEYS, so keys can be rotated)
and looked up through a keyed HMAC-SHA256 "blind index" with its own key (BLIND_INDEX_KEY): the
database never holds the number in clear, and an index leak does not reveal it without the key.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("Encrypted value cannot be read with the configured keys") from exc


def blind_index(value: str, purpose: str) -> str:
    """Deterministic keyed hash for exact lookups; ``purpose`` keeps NIK and KK indexes apart."""
    key = settings.BLIND_INDEX_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def mask_number(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """3573014107900001 → 3573********0001."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
