"""The enumerations of a member."""

from grassroots.core.enums import LabeledEnum


class Gender(LabeledEnum):
    """Gender as recorded in the member's file."""

    MALE = "male", "男", "Male"
    FEMALE = "female", "女", "Female"


class MemberStatus(LabeledEnum):
    """Full or probationary membership."""

    FULL = "full", "正式党员", "Full member"
    PROBATIONARY = "probationary", "预备党员", "Probationary member"


class Position(LabeledEnum):
    """A position a member holds in their organization."""

    SECRETARY = "secretary", "书记", "Secretary"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记", "Deputy secretary"
    COMMITTEE_MEMBER = "committee_member", "委员", "Committee member"
    PARTY_AFFAIRS_WORKER = "party_affairs_worker", "党务工作者", "Party-affairs worker"
    INSTRUCTOR = "instructor", "党建指导员", "Party-building instructor"
    FIRST_SECRETARY = "first_secretary", "第一书记", "First secretary"
