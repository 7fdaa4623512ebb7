"""The demo county (青山县) as a county in its second year on the product: its organizations,
members and leaders, a year of volunteer service, its grids with their teams and the units
register, and one ready account per role.

Each section seeds its part unless it is there already, so seeding again adds nothing twice.
Everything is drawn from generators seeded by name and dated relative to the seed day, so the
demo looks the same every time it is seeded on the same day. To add a part of the demo
(evaluations …), write `async def seed_<part>(context) -> dict[str, int]` in a module of this
package and append it to SECTIONS."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.config import get_settings
from grassroots.core.localtime import local_today
from grassroots.demo.accounts import DEMO_ACCOUNTS, seed_demo_accounts
from grassroots.demo.context import DemoContext, Section
from grassroots.demo.evaluations import seed_evaluations
from grassroots.demo.grids import seed_grids
from grassroots.demo.organizations import COUNTY_CODE, demo_tree, seed_organizations
from grassroots.demo.people import seed_people
from grassroots.demo.service import seed_service

SECTIONS = [
    Section("people", seed_people),
    Section("service", seed_service),
    Section("grids", seed_grids),
    Section("evaluations", seed_evaluations),
]

__all__ = [
    "COUNTY_CODE",
    "DEMO_ACCOUNTS",
    "SECTIONS",
    "demo_tree",
    "seed_demo",
    "seed_demo_accounts",
]


async def seed_demo(
    session: AsyncSession,
    *,
    today: date | None = None,
    upload_dir: Path | None = None,
    sections: Sequence[Section] = tuple(SECTIONS),
    accounts: list[tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Seed what is missing of the demo county; return how many rows of each kind were added
    (`organizations` first). Evidence photos are written under `upload_dir` (the settings').
    With `accounts`, the demo accounts are made right after the tree (the evaluations assign
    the reviewer) and their new passwords appended to it; call `seed_demo_accounts` once more
    afterwards to link the member account to the member the people section made."""
    created = {"organizations": await seed_organizations(session)}
    if accounts is not None:
        accounts += await seed_demo_accounts(session)
    context = await DemoContext.load(
        session,
        county_code=COUNTY_CODE,
        today=today or local_today(),
        upload_dir=upload_dir or get_settings().upload_dir,
    )
    for section in sections:
        created.update(await section.seed(context))
    return created
