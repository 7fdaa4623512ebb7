"""The enumerations of the API with their Chinese and English labels."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from grassroots.auth.dependencies import public
from grassroots.core.enums import LabeledEnum
from grassroots.core.security import Role
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind

router = APIRouter(prefix="/meta", tags=["meta"], dependencies=[Depends(public)])

ENUMS: dict[str, type[LabeledEnum]] = {
    "organization_kind": Kind,
    "organization_tier": Tier,
    "organization_domain": Domain,
    "organization_formation": Formation,
    "organization_flag": Flag,
    "user_role": Role,
    "member_gender": Gender,
    "member_status": MemberStatus,
    "member_position": Position,
    "service_kind": ServiceKind,
    "volunteer_record_status": RecordStatus,
    "pledge_status": PledgeStatus,
    "grid_team_role": TeamRole,
    "unit_kind": UnitKind,
    "unit_coverage": UnitCoverage,
}


class EnumOption(BaseModel):
    """One value of an enumeration and how to show it."""

    value: str
    zh: str
    en: str


@router.get("/enums")
async def list_enums() -> dict[str, list[EnumOption]]:
    """Every enumeration of the API, each value with its Chinese and English label."""
    return {
        name: [EnumOption(value=m.value, zh=m.zh, en=m.en) for m in enum]
        for name, enum in ENUMS.items()
    }
