"""The problems evaluations answer with, each with its own code."""

from grassroots.core.errors import (
    ConflictError,
    Forbidden,
    InvalidRequest,
    NotFoundError,
    TooManyRequests,
)


class TemplateNotFound(NotFoundError):
    """No template with this id is visible to the caller."""

    code = "evaluation_template_not_found"


class TemplateReadOnly(Forbidden):
    """Built-in templates are read-only: copy one and edit the copy."""

    code = "evaluation_template_read_only"


class CycleNotFound(NotFoundError):
    """No cycle with this id is visible to the caller."""

    code = "evaluation_cycle_not_found"


class EvaluationNotFound(NotFoundError):
    """No evaluation with this id is visible to the caller."""

    code = "evaluation_not_found"


class WeightsInvalid(InvalidRequest):
    """Weights must sum to 1, and public rating may weigh less than neither other step."""

    code = "evaluation_weights_invalid"


class ReviewGroupsInvalid(InvalidRequest):
    """Review groups need a weight above zero, and with groups every reviewer needs one of them."""

    code = "evaluation_review_groups_invalid"


class SharesInvalid(InvalidRequest):
    """The advanced and lagging shares together may not exceed the whole cycle."""

    code = "evaluation_shares_invalid"


class CycleSettingInvalid(InvalidRequest):
    """A template, reviewer or window of the cycle does not fit."""

    code = "evaluation_cycle_invalid"


class CycleAlreadyLaunched(ConflictError):
    """A launched cycle's settings are frozen."""

    code = "evaluation_cycle_launched"


class CycleNotLaunched(ConflictError):
    """The cycle has not been launched yet."""

    code = "evaluation_cycle_not_launched"


class WrongState(ConflictError):
    """The evaluation is not in a state that allows this."""

    code = "evaluation_wrong_state"


class WindowClosed(ConflictError):
    """The step's window is not open now."""

    code = "evaluation_window_closed"


class Incomplete(InvalidRequest):
    """Scores are missing or out of range."""

    code = "evaluation_incomplete"


class NotAReviewer(NotFoundError):
    """The caller is not assigned to review this evaluation."""

    code = "evaluation_not_found"


class ReviewFinal(ConflictError):
    """A submitted review is final unless the evaluation is returned."""

    code = "evaluation_review_final"


class ReasonRequired(InvalidRequest):
    """This change needs a written reason."""

    code = "evaluation_reason_required"


class TargetNotFound(InvalidRequest):
    """The organization or member named is not a possible target of this cycle."""

    code = "evaluation_target_not_found"


class RatingNotFound(NotFoundError):
    """No rating page has this token."""

    code = "rating_not_found"


class RatingAlreadyGiven(ConflictError):
    """This phone or invitation code has already rated this evaluation."""

    code = "rating_already_given"


class RatingCredentialInvalid(InvalidRequest):
    """The invitation code or one-time code is not valid."""

    code = "rating_credential_invalid"


class RatingAnswersInvalid(InvalidRequest):
    """Answer every question of the questionnaire, each from 1 to 5, and nothing else."""

    code = "rating_answers_invalid"


class RatingThrottled(TooManyRequests):
    """Too many codes or failed ratings from this address (or to this phone): wait."""

    code = "rating_throttled"


class EvaluationFinal(ConflictError):
    """A finalized evaluation takes no writes until it is reopened."""

    code = "evaluation_finalized"


class ReviewNotStarted(NotFoundError):
    """The caller is assigned to review this evaluation but has not saved a review yet."""

    code = "evaluation_review_not_started"
