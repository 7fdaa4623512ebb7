"""Personal data at rest: encrypted columns, and keyed hashes for exact lookups."""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator


class PersonalDataCipher:
    """Encrypts personal data (Fernet: AES with an HMAC) and hashes it for lookups, with two
    keys derived from one data key."""

    def __init__(self, data_key: str):
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(data_key, b"encrypt")))
        self._mac_key = _derive(data_key, b"lookup")

    def encrypt(self, text: str) -> str:
        """Encrypt a value for storage."""
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        """Decrypt a stored value."""
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("personal data cannot be decrypted with this DATA_KEY") from exc

    def lookup_hash(self, text: str) -> str:
        """A keyed hash of a value, to find it exactly without storing it in clear."""
        return hmac.new(self._mac_key, text.encode(), hashlib.sha256).hexdigest()


def _derive(data_key: str, purpose: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"grassroots-personal-data", info=purpose
    ).derive(data_key.encode())


_active_key: list[str] = []


def use_data_key(data_key: str) -> None:
    """Set the data key of this process (the app and the CLI do, from the settings)."""
    _active_key[:] = [data_key]
    cipher.cache_clear()


@lru_cache
def cipher() -> PersonalDataCipher:
    """The cipher of this process."""
    if not _active_key:
        from grassroots.core.config import get_settings

        use_data_key(get_settings().personal_data_key)
    return PersonalDataCipher(_active_key[0])


class EncryptedText(TypeDecorator[str]):
    """A string stored encrypted; the database never sees it in clear."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else cipher().encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else cipher().decrypt(value)
