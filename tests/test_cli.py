"""The `grassroots` command: the first admin, and the demo accounts."""

import asyncio
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import verify_password
from grassroots.demo import DEMO_ACCOUNTS, seed_demo, seed_demo_accounts
from grassroots.users.models import Grant, User
from tests.databases import migrate, scratch_database


def _grassroots(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grassroots.cli", *args],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin", **env},
        check=False,
    )


def test_create_admin_from_the_environment_only_on_an_empty_database(tmp_path: Path):
    with scratch_database(tmp_path) as url:
        asyncio.run(migrate(url, "head"))
        unset = _grassroots(url, "create-admin", "--from-env")
        assert unset.returncode == 0 and unset.stdout == ""
        weak = _grassroots(
            url, "create-admin", "--from-env", ADMIN_USERNAME="boss", ADMIN_PASSWORD="123456"
        )
        assert weak.returncode != 0 and "at least 8" in weak.stderr
        made = _grassroots(
            url,
            "create-admin",
            "--from-env",
            ADMIN_USERNAME="boss",
            ADMIN_PASSWORD="县委组织部的长密码",
        )
        assert made.returncode == 0 and "boss" in made.stdout
        again = _grassroots(
            url,
            "create-admin",
            "--from-env",
            ADMIN_USERNAME="other",
            ADMIN_PASSWORD="另一个足够长的密码",
        )
        assert again.returncode == 0 and again.stdout == ""
        seeded = _grassroots(url, "seed", "--demo")
        assert seeded.returncode == 0, seeded.stderr
        assert "demo-admin" in seeded.stdout and "107" in seeded.stdout


async def test_demo_accounts_one_per_role_with_working_passwords(session: AsyncSession):
    await seed_demo(session)
    accounts = dict(await seed_demo_accounts(session))
    await session.commit()
    assert await seed_demo_accounts(session) == []
    assert set(accounts) == {username for username, *_ in DEMO_ACCOUNTS}
    for username, _name, role, _code in DEMO_ACCOUNTS:
        user = await session.scalar(select(User).where(User.username == username))
        assert user is not None and verify_password(accounts[username], user.password_hash)
        grants = list(await session.scalars(select(Grant).where(Grant.user_id == user.id)))
        assert [grant.role for grant in grants] == [role]
