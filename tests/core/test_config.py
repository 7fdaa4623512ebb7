"""Database URLs: plain ones get the app's driver, ones naming a driver are kept."""

import pytest

from grassroots.core.config import Settings, async_database_url


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u@h:5432/db", "postgresql+asyncpg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///var/x.db", "sqlite+aiosqlite:///var/x.db"),
        ("sqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_urls_get_an_async_driver(given: str, used: str):
    assert async_database_url(given) == used


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "nonsense"])
def test_unsupported_database_urls_are_refused(bad: str):
    with pytest.raises(ValueError, match="database"):
        async_database_url(bad)


def test_the_default_is_a_sqlite_file_under_var(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.database_url == "sqlite+aiosqlite:///var/grassroots.db"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
