"""The enumerations of an organization, per DOMAIN.md."""

from grassroots.core.enums import LabeledEnum


class Kind(LabeledEnum):
    """The organization's role in the tree."""

    COMMITTEE = "committee", "党委", "Committee"
    GENERAL_BRANCH = "general_branch", "党总支", "General branch"
    BRANCH = "branch", "党支部", "Branch"


class Tier(LabeledEnum):
    """The administrative tier the organization sits at."""

    PROVINCE = "province", "省", "Province"
    CITY = "city", "市", "City"
    COUNTY = "county", "县", "County"
    TOWNSHIP = "township", "乡镇", "Township"
    STREET = "street", "街道", "Street"
    VILLAGE = "village", "村", "Village"
    COMMUNITY = "community", "社区", "Community"
    UNIT = "unit", "单位", "Unit"


# Where people live: the tiers coverage expects to be divided into grids.
RESIDENT_TIERS = (Tier.VILLAGE, Tier.COMMUNITY)


class Domain(LabeledEnum):
    """The field of work, which drives classified guidance and assessment (分类指导、分类考核)."""

    RURAL = "rural", "农村", "Rural"
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", "国有企业", "State-owned enterprise"
    COMMUNITY = "community", "街道社区", "Street and community"
    GOVERNMENT = "government", "机关", "Government organ"
    UNIVERSITY = "university", "高校", "University"
    PUBLIC_INSTITUTION = "public_institution", "事业单位", "Public institution"
    NON_PUBLIC_ENTERPRISE = "non_public_enterprise", "非公有制企业", "Non-public enterprise"
    SOCIAL_ORGANIZATION = "social_organization", "社会组织", "Social organization"


class Formation(LabeledEnum):
    """How the organization was formed (组建方式)."""

    STANDALONE = "standalone", "单独组建", "Standalone"
    REGIONAL_JOINT = "regional_joint", "区域联建", "Regional joint"
    INDUSTRY_UNIFIED = "industry_unified", "行业统建", "Industry-unified"
    ONLINE = "online", "网络党组织", "Online"
    REGIONAL = "regional", "区域性党组织", "Regional"


class Flag(LabeledEnum):
    """A condition the policy gives extra attention or support to."""

    WEAK_AND_LAX = "weak_and_lax", "软弱涣散", "Weak and lax"
    POVERTY_VILLAGE = "poverty_village", "贫困村", "Poverty-stricken village"
    OLD_REVOLUTIONARY_BASE = "old_revolutionary_base", "革命老区", "Old revolutionary base"
    ETHNIC_MINORITY_AREA = "ethnic_minority_area", "民族地区", "Ethnic-minority area"
    BORDER_AREA = "border_area", "边疆地区", "Border area"
    POOR_AREA = "poor_area", "贫困地区", "Poor area"
