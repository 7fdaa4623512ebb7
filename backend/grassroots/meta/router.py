"""What clients need to know of the API: its enumerations with their Chinese and English
labels, and the limits the server enforces."""

from fastapi import Depends, Request
from pydantic import BaseModel, Field

from grassroots.core.access import public
from grassroots.core.config import Settings
from grassroots.core.enums import LabeledEnum
from grassroots.core.routing import Router
from grassroots.core.security import Role
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier
from grassroots.volunteering import evidence
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind

router = Router(prefix="/meta", tags=["meta"], dependencies=[Depends(public)])

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


class Limits(BaseModel):
    """The limits the server enforces, read from the same settings it enforces them with."""

    photo_max_bytes: int = Field(description="The largest evidence photo accepted.")
    photos_per_record: int = Field(description="How many photos one volunteer record holds.")
    photo_types: list[str] = Field(description="The photo types accepted (MIME types).")
    upload_max_bytes: int = Field(description="The largest table accepted for an import.")
    upload_max_uncompressed_bytes: int = Field(
        description="The most an XLSX table may expand to once unpacked."
    )
    import_max_rows: int = Field(description="The most rows one import may hold.")


@router.get("/limits")
async def get_limits(request: Request) -> Limits:
    """The limits of uploads and imports, so that clients check them before sending."""
    settings: Settings = request.app.state.settings
    return Limits(
        photo_max_bytes=settings.max_photo_bytes,
        photos_per_record=evidence.MAX_PHOTOS_PER_RECORD,
        photo_types=list(evidence.EXTENSIONS),
        upload_max_bytes=settings.max_upload_bytes,
        upload_max_uncompressed_bytes=settings.max_upload_uncompressed_bytes,
        import_max_rows=settings.max_import_rows,
    )
