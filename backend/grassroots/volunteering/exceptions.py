"""The problems volunteer service answers with, each with its own code."""

from grassroots.core.errors import ConflictError, InvalidRequest, NotFoundError


class ActivityNotFound(NotFoundError):
    """No activity with this id is visible to the caller."""

    code = "activity_not_found"


class ActivityFull(ConflictError):
    """Every place of the activity is taken."""

    code = "activity_full"


class AlreadySignedUp(ConflictError):
    """The member already has a place in this activity."""

    code = "activity_already_signed_up"


class SignupNotFound(NotFoundError):
    """The member has no place in this activity."""

    code = "signup_not_found"


class CapacityBelowSignups(InvalidRequest):
    """An activity cannot offer fewer places than are taken."""

    code = "activity_capacity_below_signups"


class RecordNotFound(NotFoundError):
    """No record with this id is visible to the caller."""

    code = "volunteer_record_not_found"


class RecordWrongState(ConflictError):
    """The record is not in a state that allows this."""

    code = "volunteer_record_wrong_state"


class DayOverTwentyFourHours(InvalidRequest):
    """A member cannot serve more than 24 hours in one day."""

    code = "volunteer_day_over_24_hours"


class ServedInFuture(InvalidRequest):
    """Service cannot be logged for a day that has not come."""

    code = "volunteer_served_in_future"


class KindRequired(InvalidRequest):
    """A record names neither its kind of service nor an activity to take it from."""

    code = "volunteer_record_kind_required"


class StatsPeriodReversed(InvalidRequest):
    """The stats period ends (`to`) before it starts (`from`)."""

    code = "volunteer_stats_period_reversed"


class MemberNeeded(InvalidRequest):
    """The request names no member, and the caller's account is linked to none."""

    code = "member_required"


class MemberOutOfReach(InvalidRequest):
    """The member does not exist or is outside the caller's scope."""

    code = "member_not_found"


class OrganizationOutOfReach(InvalidRequest):
    """The organization named in the body does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class GridOutOfReach(InvalidRequest):
    """The grid named does not exist, or lies outside the organizations the record or
    activity belongs to (the same answer for both)."""

    code = "grid_not_found"


# What naming a member for service can answer: no member named, or one out of reach.
MEMBER_REFUSALS = (MemberNeeded, MemberOutOfReach)


class PledgeNotFound(NotFoundError):
    """No pledge with this id is visible to the caller."""

    code = "pledge_not_found"


class NotAPhoto(InvalidRequest):
    """The upload is not a JPEG, PNG, WebP or HEIC image."""

    code = "evidence_not_a_photo"


class PhotoTooLarge(InvalidRequest):
    """The photo is larger than allowed."""

    code = "evidence_too_large"


class TooManyPhotos(ConflictError):
    """The record already has as many photos as it may."""

    code = "evidence_too_many"


class RecordDecided(ConflictError):
    """Evidence can change only while the record is pending."""

    code = "volunteer_record_wrong_state"


class EvidenceNotFound(NotFoundError):
    """No such photo on this record."""

    code = "evidence_not_found"
