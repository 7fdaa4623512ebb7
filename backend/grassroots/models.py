"""Every table of the app, imported so that the metadata is complete (for Alembic)."""

from grassroots.api_keys.models import ApiKey
from grassroots.auth.models import LoginThrottle, RefreshToken
from grassroots.core.audit import AuditEvent
from grassroots.core.db import Base
from grassroots.core.idempotency import IdempotencyRecord
from grassroots.core.markers import ChangeMarker
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationInvitation,
    EvaluationOtp,
    EvaluationRater,
    EvaluationRating,
    EvaluationReview,
    EvaluationTemplate,
)
from grassroots.grids.models import Grid, GridIndexMarker, GridTeam, GridTeamPerson, Unit
from grassroots.jobs.models import Job
from grassroots.members.models import Member, MemberPosition, MemberTransfer
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User
from grassroots.volunteering.models import (
    ActivitySignup,
    Evidence,
    MemberTally,
    Pledge,
    VolunteerActivity,
    VolunteerRecord,
    VolunteerTally,
)

__all__ = [
    "ActivitySignup",
    "ApiKey",
    "AuditEvent",
    "Base",
    "ChangeMarker",
    "Evaluation",
    "EvaluationCycle",
    "EvaluationInvitation",
    "EvaluationOtp",
    "EvaluationRater",
    "EvaluationRating",
    "EvaluationReview",
    "EvaluationTemplate",
    "Evidence",
    "Grant",
    "Grid",
    "GridIndexMarker",
    "GridTeam",
    "GridTeamPerson",
    "IdempotencyRecord",
    "Job",
    "LoginThrottle",
    "Member",
    "MemberPosition",
    "MemberTally",
    "MemberTransfer",
    "Organization",
    "Pledge",
    "RefreshToken",
    "Unit",
    "User",
    "VolunteerActivity",
    "VolunteerRecord",
    "VolunteerTally",
]
