"""Settings read from the environment, each with a default that works on a laptop."""

import secrets
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")
# Limits of uploaded tables; Settings reads them from the environment, these are the defaults.
MAX_IMPORT_ROWS = 200_000
MAX_UPLOAD_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_UPLOAD_COMPRESSION_RATIO = 100


def async_database_url(url: str) -> str:
    """Return the URL with the async driver this app uses, unless it already names one."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {url!r}")
    if "+" in scheme:
        return url
    drivers = {
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
        "sqlite": "sqlite+aiosqlite",
    }
    if scheme not in drivers:
        raise ValueError(f"unsupported database: {scheme!r} (use postgresql:// or sqlite://)")
    return f"{drivers[scheme]}://{rest}"


def kept_secret(path: Path) -> str:
    """Return the secret stored at `path`, creating it (readable by the owner only) if absent."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(value, encoding="utf-8")
    return value


class Settings(BaseSettings):
    """The one configuration object of the app."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str = f"sqlite:///{VAR_DIR / 'grassroots.db'}"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    cors_origins: str = ""
    trusted_proxies: str = ""
    secret_key: str = ""
    data_key: str = ""
    redis_url: str = ""
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    # How long a process may remember a signed-in caller between changes it hears of (on
    # PostgreSQL; 0 loads the caller on every request).
    principal_cache_seconds: float = 5.0
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 32 * 1024 * 1024
    max_upload_uncompressed_bytes: int = MAX_UPLOAD_UNCOMPRESSED_BYTES
    max_upload_compression_ratio: int = MAX_UPLOAD_COMPRESSION_RATIO
    max_import_rows: int = MAX_IMPORT_ROWS
    frontend_dist: Path = Path("frontend/dist")
    upload_dir: Path = VAR_DIR / "uploads"
    max_photo_bytes: int = 8 * 1024 * 1024
    # Where residents open rating pages (QR codes link there); empty: the request's base URL.
    public_base_url: str = ""
    # Who sends one-time codes by SMS; "log" writes them to the log (development, tests).
    sms_provider: str = "log"

    @field_validator("database_url")
    @classmethod
    def _with_async_driver(cls, value: str) -> str:
        return async_database_url(value)

    @cached_property
    def signing_key(self) -> str:
        """The key that signs tokens: SECRET_KEY, or one generated once and kept under var/."""
        return self.secret_key or kept_secret(VAR_DIR / "secret_key")

    @cached_property
    def personal_data_key(self) -> str:
        """The key that encrypts personal data: DATA_KEY, or one generated once under var/.
        Keep it safe and never change it: data encrypted with it cannot be read without it."""
        return self.data_key or kept_secret(VAR_DIR / "data_key")

    @property
    def trusted_proxy_list(self) -> list[str]:
        """The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or
        networks (CIDR); none by default, so a client cannot choose the address it is seen as."""
        return [proxy.strip() for proxy in self.trusted_proxies.split(",") if proxy.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        """The origins allowed to call the API from a browser."""
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    """Return the settings of this process, read once."""
    return Settings()
