"""Typed builders of test data, going through the same services the API uses."""

import itertools
import tempfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth.models import RefreshToken
from grassroots.core.config import Settings
from grassroots.core.db import utcnow
from grassroots.core.errors import PROBLEM_MEDIA_TYPE
from grassroots.core.localtime import local_today
from grassroots.core.security import (
    SYSTEM,
    Role,
    digest,
    encode_access_token,
    hash_password,
    new_secret,
)
from grassroots.grids import service as grid_service
from grassroots.grids.enums import UnitKind
from grassroots.grids.models import Grid, GridTeam, Unit
from grassroots.grids.schemas import GridCreate, TeamCreate, UnitCreate
from grassroots.members import service as member_service
from grassroots.members.models import Member
from grassroots.members.schemas import MemberCreate
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import OrganizationCreate
from grassroots.users.models import Grant, User
from grassroots.volunteering import activities as volunteer_activities
from grassroots.volunteering import evidence
from grassroots.volunteering import pledges as volunteer_pledges
from grassroots.volunteering import records as volunteer_records
from grassroots.volunteering.enums import ServiceKind
from grassroots.volunteering.models import Evidence, Pledge, VolunteerActivity, VolunteerRecord
from grassroots.volunteering.schemas import ActivityCreate, PledgeCreate, RecordCreate

_codes = itertools.count(1)


def next_code(prefix: str = "T") -> str:
    """A code no other test organization has."""
    return f"{prefix}{next(_codes):08d}"


TEST_SECRET = "test-signing-key-" + "k" * 64
TEST_PASSWORD = "correct horse battery staple"


TEST_UPLOADS = Path(tempfile.mkdtemp(prefix="grassroots-test-uploads-"))


def settings_for_tests(database_url: str, **overrides: Any) -> Settings:
    """Settings for an app under test: fixed keys and a scratch upload directory, so nothing
    is written under var/; no built SPA, so the API is tested alone; no Redis even when
    REDIS_URL is set, so parallel workers never share login counters (tests that use Redis
    give it a namespace of their own)."""
    overrides.setdefault("frontend_dist", Path("/nonexistent/frontend/dist"))
    overrides.setdefault("upload_dir", TEST_UPLOADS)
    overrides.setdefault("redis_url", "")
    return Settings(
        database_url=database_url, secret_key=TEST_SECRET, data_key=TEST_SECRET, **overrides
    )


async def make_user(
    session: AsyncSession,
    *,
    username: str | None = None,
    organization: Organization | None = None,
    role: Role | None = None,
    superuser: bool = False,
    password: str | None = None,
) -> User:
    """Create an account (with a grant of `role` on `organization` when given), committed.

    Without a password the account can only be used through `bearer()`, which skips Argon2."""
    user = User(
        username=username or next_code("user"),
        display_name="测试用户",
        organization_id=organization.id if organization else None,
        is_superuser=superuser,
        password_hash=hash_password(password) if password else None,
    )
    session.add(user)
    await session.flush()
    if role is not None and organization is not None:
        session.add(Grant(user_id=user.id, organization_id=organization.id, role=role))
    await open_session(session, user)
    return user


async def open_session(session: AsyncSession, user: User) -> None:
    """Open the session (a refresh-token family named by the user's id) that `bearer()` tokens
    belong to, committed; `make_user` opens it, an account made otherwise needs this."""
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=user.id,
            token_hash=digest(new_secret()),
            expires_at=utcnow() + timedelta(days=1),
        )
    )
    await session.commit()


def bearer(user: User) -> dict[str, str]:
    """Authorization headers carrying a fresh access token for `user`, of the session that
    `make_user` (or `open_session`) opened."""
    token = encode_access_token(user_id=user.id, session_id=user.id, key=TEST_SECRET, minutes=15)
    return {"Authorization": f"Bearer {token}"}


async def make_organization(
    session: AsyncSession,
    *,
    parent: Organization | None = None,
    name: str | None = None,
    kind: Kind = Kind.BRANCH,
    tier: Tier = Tier.VILLAGE,
    domain: Domain = Domain.RURAL,
    commit: bool = True,
    **fields: Any,
) -> Organization:
    """Create an organization (committed unless told otherwise) and return it."""
    code = fields.pop("code", None) or next_code()
    data = OrganizationCreate(
        name=name or f"测试党支部{code}",
        code=code,
        kind=kind,
        tier=tier,
        domain=domain,
        parent_id=parent.id if parent else None,
        **fields,
    )
    organization = await org_service.create_organization(session, SYSTEM, data=data)
    if commit:
        await session.commit()
    return organization


def organization_body(**overrides: Any) -> dict[str, Any]:
    """A valid request body for creating an organization."""
    body: dict[str, Any] = {
        "name": "城关镇东街社区党支部",
        "code": next_code("B"),
        "kind": "branch",
        "tier": "community",
        "domain": "community",
    }
    body.update(overrides)
    return body


def assert_problem(
    response: httpx.Response, status: int, code: str | None = None
) -> dict[str, Any]:
    """Assert that a response is a problem+json of this status (and code) and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"] and problem["type"]
    if code is not None:
        assert problem["code"] == code, problem
    return problem


async def make_member(
    session: AsyncSession,
    *,
    organization: Organization,
    name: str = "张三",
    commit: bool = True,
    **fields: Any,
) -> Member:
    """Create a member of an organization (committed unless told otherwise)."""
    data = MemberCreate(name=name, organization_id=organization.id, **fields)
    member = await member_service.create_member(session, SYSTEM, data=data)
    if commit:
        await session.commit()
    return member


async def make_activity(
    session: AsyncSession,
    *,
    organization: Organization,
    capacity: int | None = None,
    title: str = "清洁家园志愿服务",
) -> VolunteerActivity:
    """Create an activity tomorrow morning (committed)."""
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    data = ActivityCreate(
        organization_id=organization.id,
        kind=ServiceKind.VOLUNTEER_SERVICE,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=capacity,
    )
    activity = await volunteer_activities.create_activity(session, SYSTEM, data=data)
    await session.commit()
    return activity


async def make_record(
    session: AsyncSession,
    *,
    member: Member,
    hours: str = "2",
    served_on: date | None = None,
    verified: bool = False,
    kind: ServiceKind = ServiceKind.VOLUNTEER_SERVICE,
    grid: Grid | None = None,
) -> VolunteerRecord:
    """Log a record for a member (pending, or verified when asked; in a grid when given),
    committed."""
    data = RecordCreate(
        member_id=member.id,
        served_on=served_on or local_today() - timedelta(days=1),
        hours=Decimal(hours),
        kind=kind,
        grid_id=grid.id if grid is not None else None,
    )
    record = await volunteer_records.log_record(session, SYSTEM, data=data)
    if verified:
        await volunteer_records.verify_record(session, SYSTEM, record.id)
        await session.refresh(record)
    await session.commit()
    return record


async def make_pledge(session: AsyncSession, *, member: Member) -> Pledge:
    """Record a pledge for this year (committed)."""
    pledge = await volunteer_pledges.create_pledge(
        session,
        SYSTEM,
        data=PledgeCreate(
            member_id=member.id, year=local_today().year, content="每月为孤寡老人服务一次"
        ),
    )
    await session.commit()
    return pledge


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def make_photo(session: AsyncSession, *, record: VolunteerRecord) -> Evidence:
    """Attach a tiny PNG to a pending record, stored where the test apps look (committed)."""
    photo = await evidence.add_photo(
        session, record, content=PNG, directory=TEST_UPLOADS / "evidence", max_bytes=1024 * 1024
    )
    await session.commit()
    return photo


def square(lng: float, lat: float, size: float = 0.01) -> list[list[float]]:
    """A closed counter-clockwise square ring with its south-west corner at (lng, lat)."""
    return [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
    ]


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    """A GeoJSON Polygon of these rings (the first is the shell)."""
    return {"type": "Polygon", "coordinates": list(rings)}


async def make_grid(
    session: AsyncSession,
    *,
    organization: Organization,
    code: str | None = None,
    boundary: dict[str, Any] | None = None,
    households: int = 0,
    population: int = 0,
    commit: bool = True,
) -> Grid:
    """Create a grid of an organization (committed unless told otherwise)."""
    data = GridCreate(
        organization_id=organization.id,
        code=code or next_code("G"),
        name=f"网格{code or ''}",
        households=households,
        population=population,
        boundary=boundary,  # type: ignore[arg-type]
    )
    grid = await grid_service.create_grid(session, SYSTEM, data=data)
    if commit:
        await session.commit()
    return grid


async def make_team(
    session: AsyncSession,
    *,
    grid: Grid,
    leader: Member | None = None,
    people: list[dict[str, Any]] | None = None,
    active: bool = True,
    commit: bool = True,
) -> GridTeam:
    """Form a team for a grid, led by `leader` when given (committed unless told otherwise)."""
    listed = list(people or [])
    if leader is not None:
        listed.insert(0, {"role": "grid_leader", "member_id": leader.id})
    data = TeamCreate(grid_id=grid.id, name="网格服务队", active=active, people=listed)  # type: ignore[arg-type]
    team = await grid_service.create_team(session, SYSTEM, data=data)
    if commit:
        await session.commit()
    return team


async def make_unit(
    session: AsyncSession, *, organization: Organization, name: str = "青山机械厂"
) -> Unit:
    """Add an uncovered enterprise to an organization's register (committed)."""
    data = UnitCreate(organization_id=organization.id, name=name, kind=UnitKind.ENTERPRISE)
    unit = await grid_service.create_unit(session, SYSTEM, data=data)
    await session.commit()
    return unit
