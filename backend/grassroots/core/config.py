"""Settings read from the environment, each with a default that works on a laptop."""

from functools import lru_cache
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")


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


class Settings(BaseSettings):
    """The one configuration object of the app."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str = f"sqlite:///{VAR_DIR / 'grassroots.db'}"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    cors_origins: str = ""

    @field_validator("database_url")
    @classmethod
    def _with_async_driver(cls, value: str) -> str:
        return async_database_url(value)

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is an embedded SQLite file."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """Return the settings of this process, read once."""
    return Settings()
