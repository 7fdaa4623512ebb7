"""The conditions coverage counts its gaps by, shared with the list filters that show every
row of a gap: a list filtered by one of these returns exactly what coverage counts."""

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import aliased

from grassroots.grids.enums import TeamRole
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson
from grassroots.organizations.models import Organization

GridOrganization = aliased(Organization, name="grid_organization")


def has_active_team() -> ColumnElement[bool]:
    """Grids an active team serves (the subquery is read once and hashed, not run per grid)."""
    return Grid.id.in_(select(GridTeam.grid_id).where(GridTeam.active.is_(True)))


def has_leader() -> ColumnElement[bool]:
    """Teams with a grid leader (网格长) among their people."""
    return GridTeam.id.in_(
        select(GridTeamPerson.team_id).where(GridTeamPerson.role == TeamRole.GRID_LEADER)
    )


def has_party_member() -> ColumnElement[bool]:
    """Teams with at least one person who is a member record (a Party member)."""
    return GridTeam.id.in_(
        select(GridTeamPerson.team_id).where(GridTeamPerson.member_id.is_not(None))
    )


def has_grid_below(organization: Any = Organization) -> ColumnElement[bool]:
    """The organization (anything with `id` and `path`) or one below it holds a grid: its own
    grids looked up in a hashed set first, the range scan on the path only for one without."""
    upper = func.substr(organization.path, 1, func.length(organization.path) - 1) + "0"
    below = exists().where(
        Grid.organization_id == GridOrganization.id,
        GridOrganization.path >= organization.path,
        GridOrganization.path < upper,
    )
    return or_(organization.id.in_(select(Grid.organization_id)), below)
