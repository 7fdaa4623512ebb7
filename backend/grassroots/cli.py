"""The `grassroots` command: migrate, seed the demo county, write the OpenAPI document."""

import argparse
import asyncio
import sys
from pathlib import Path

import yaml
from alembic import command
from alembic.config import Config

from grassroots.core.config import get_settings
from grassroots.core.db import make_engine, make_sessionmaker

ROOT = Path(__file__).resolve().parents[2]


def alembic_config() -> Config:
    """The project's Alembic configuration."""
    return Config(str(ROOT / "alembic.ini"))


def migrate(_args: argparse.Namespace) -> None:
    """Bring the database schema up to date."""
    command.upgrade(alembic_config(), "head")


def seed(args: argparse.Namespace) -> None:
    """Load the demo county (skipping what is already there)."""
    if not args.demo:
        sys.exit("nothing to seed: pass --demo to load the demo county")
    created = asyncio.run(_seed_demo())
    print(f"demo county: {created} organizations created")


async def _seed_demo() -> int:
    from grassroots.demo import seed_demo

    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            created = await seed_demo(session)
            await session.commit()
            return created
    finally:
        await engine.dispose()


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
    seed_parser.set_defaults(run=seed)
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
