"""The enumerations of volunteer service."""

from grassroots.core.enums import LabeledEnum


class ServiceKind(LabeledEnum):
    """The service carriers of the policy, (8)."""

    VOLUNTEER_SERVICE = "volunteer_service", "志愿服务", "Volunteer service"
    PAIRING_ASSISTANCE = "pairing_assistance", "结对帮扶", "Pairing assistance"
    DEMONSTRATION_POST = "demonstration_post", "党员示范岗", "Demonstration post"
    RESPONSIBILITY_ZONE = "responsibility_zone", "党员责任区", "Responsibility zone"
    PUBLIC_SENTIMENT_TALK = "public_sentiment_talk", "民情恳谈", "Public-sentiment talk"
    FULL_AGENCY_SERVICE = "full_agency_service", "全程代理", "Full-process agency service"
    ONE_STOP_SERVICE = "one_stop_service", "一站式服务", "One-stop service"
    CULTURAL_ACTIVITY = "cultural_activity", "文化活动", "Cultural activity"
    OTHER = "other", "其他", "Other"


class RecordStatus(LabeledEnum):
    """Where a volunteer record stands; only verified hours count."""

    PENDING = "pending", "待审核", "Pending"
    VERIFIED = "verified", "已认定", "Verified"
    REJECTED = "rejected", "已退回", "Rejected"


class PledgeStatus(LabeledEnum):
    """How a pledge (承诺践诺) stands."""

    PLEDGED = "pledged", "已承诺", "Pledged"
    IN_PROGRESS = "in_progress", "践诺中", "In progress"
    FULFILLED = "fulfilled", "已践诺", "Fulfilled"
    NOT_FULFILLED = "not_fulfilled", "未践诺", "Not fulfilled"
