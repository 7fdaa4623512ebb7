"""The `grassroots` command: migrate, create the first admin, seed the demo county, and write
the OpenAPI document."""

import argparse
import asyncio
import getpass
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

# Loaded for what it registers: ending a user's sessions, which the users domain asks of it.
import grassroots.auth.service  # noqa: F401
from grassroots import scale_seed
from grassroots.core import audit
from grassroots.core.config import get_settings
from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.core.errors import AppError
from grassroots.core.security import SYSTEM
from grassroots.demo import SECTIONS, seed_demo, seed_demo_accounts
from grassroots.organizations.models import Organization
from grassroots.users import service as user_service
from grassroots.users.models import User

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]


def alembic_config() -> Config:
    """The project's Alembic configuration."""
    return Config(str(ROOT / "alembic.ini"))


def migrate(_args: argparse.Namespace) -> None:
    """Bring the database schema up to date."""
    command.upgrade(alembic_config(), "head")


async def in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one committed transaction on the configured database, as "system"."""
    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            audit.set_actor(session, SYSTEM)
            result = await work(session)
            await session.commit()
            return result
    finally:
        await engine.dispose()


def seed(args: argparse.Namespace) -> None:
    """Load the demo county and one account per role (skipping what is already there), or
    generate a county or a city of data for load tests (--scale, into an empty database)."""
    if args.scale:
        seed_at_scale(args.scale, args.factor)
        return
    if not args.demo:
        sys.exit("nothing to seed: pass --demo to load the demo county, or --scale")

    async def work(session: AsyncSession) -> tuple[dict[str, int], list[tuple[str, str]]]:
        sections = () if args.tree_only else SECTIONS
        accounts: list[tuple[str, str]] = []
        created = await seed_demo(session, sections=sections, accounts=accounts)
        return created, accounts + await seed_demo_accounts(session)

    created, accounts = asyncio.run(in_transaction(work))
    print(f"demo county: {created.pop('organizations')} organizations created")
    for kind, count in created.items():
        print(f"  {count:>7,} {kind}")
    if accounts:
        print("demo accounts (these passwords are shown only now):")
        for username, password in accounts:
            print(f"  {username:<14} {password}")


def seed_at_scale(name: str, factor: float) -> None:
    """Generate a county or a city (times `factor` members and records) into an empty
    database."""
    scale = scale_seed.SCALES[name].times(factor)

    async def work() -> scale_seed.Seeded:
        engine = make_engine(get_settings().database_url)
        try:
            async with make_sessionmaker(engine)() as session:
                if await session.scalar(select(func.count()).select_from(Organization)):
                    sys.exit("the database already holds organizations: seed an empty one")
            return await scale_seed.seed_scale(engine, scale, report=print)
        finally:
            await engine.dispose()

    started = time.perf_counter()
    seeded = asyncio.run(work())
    counts = ", ".join(f"{count:,} {what}" for what, count in seeded.counts.items())
    print(f"{name}: {counts} in {time.perf_counter() - started:.0f} s")


def create_admin(args: argparse.Namespace) -> None:
    """Create the first superuser: from ADMIN_USERNAME and ADMIN_PASSWORD, or by asking."""
    if args.from_env:
        username = os.environ.get("ADMIN_USERNAME", "")
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not username:
            return
        if not password:
            sys.exit("ADMIN_USERNAME is set but ADMIN_PASSWORD is not")
    else:
        username = input("Username: ").strip()
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            sys.exit("the passwords differ")

    async def work(session: AsyncSession) -> bool:
        if args.from_env and await session.scalar(select(func.count()).select_from(User)):
            return False
        await user_service.create_superuser(session, username=username, password=password)
        return True

    try:
        created = asyncio.run(in_transaction(work))
    except AppError as error:
        sys.exit(f"cannot create {username!r}: {error.detail}")
    if created:
        print(f"superuser {username!r} created")


def openapi_document() -> str:
    """The app's OpenAPI document as YAML."""
    from grassroots.main import create_app

    return yaml.safe_dump(create_app().openapi(), sort_keys=False, allow_unicode=True, width=100)


def write_openapi(args: argparse.Namespace) -> None:
    """Write the OpenAPI document to a file (or standard output)."""
    document = openapi_document()
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Run the command named on the command line."""
    parser = argparse.ArgumentParser(prog="grassroots", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    commands.add_parser("migrate", help=migrate.__doc__).set_defaults(run=migrate)
    seed_parser = commands.add_parser("seed", help=seed.__doc__)
    seed_parser.add_argument("--demo", action="store_true", help="load the demo county")
    seed_parser.add_argument(
        "--tree-only",
        action="store_true",
        help="with --demo: only the organizations and the accounts, no members, service or "
        "grids (for tests that bring their own data)",
    )
    seed_parser.add_argument(
        "--scale",
        choices=sorted(scale_seed.SCALES),
        help="generate a county (30,000 members) or a city (300,000 members, 3,000,000 "
        "volunteer records) into an empty database",
    )
    seed_parser.add_argument(
        "--factor",
        type=float,
        default=1.0,
        help="with --scale: this share of its members and records (the tree stays whole)",
    )
    seed_parser.set_defaults(run=seed)
    admin_parser = commands.add_parser("create-admin", help=create_admin.__doc__)
    admin_parser.add_argument(
        "--from-env",
        action="store_true",
        help="read ADMIN_USERNAME and ADMIN_PASSWORD; do nothing when "
        "ADMIN_USERNAME is unset or any user exists",
    )
    admin_parser.set_defaults(run=create_admin)
    openapi_parser = commands.add_parser("openapi", help=write_openapi.__doc__)
    openapi_parser.add_argument(
        "--output",
        default=str(ROOT / "openapi.yaml"),
        help="file to write, or - for standard output",
    )
    openapi_parser.set_defaults(run=write_openapi)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
