"""The enumerations of grids, grid service teams and the units register."""

from grassroots.core.enums import LabeledEnum


class TeamRole(LabeledEnum):
    """What a person does in a grid service team."""

    GRID_LEADER = "grid_leader", "网格长", "Grid leader"
    GRID_WORKER = "grid_worker", "网格员", "Grid worker"
    PARTY_MEMBER = "party_member", "党员", "Party member"
    VOLUNTEER = "volunteer", "志愿者", "Volunteer"


class UnitKind(LabeledEnum):
    """A place where people work or live, in the units register."""

    ENTERPRISE = "enterprise", "企业", "Enterprise"
    SOCIAL_ORGANIZATION = "social_organization", "社会组织", "Social organization"
    COOPERATIVE = "cooperative", "农民专业合作社", "Cooperative"
    BUILDING = "building", "楼宇", "Building"
    MARKET = "market", "商圈市场", "Market"


class UnitCoverage(LabeledEnum):
    """How a Party organization covers a unit (党的组织覆盖)."""

    OWN = "own", "单独组建", "Own organization"
    JOINT = "joint", "联合组建", "Joint organization"
    NONE = "none", "未覆盖", "Not covered"
