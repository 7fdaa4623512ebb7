"""The enumerations of the three-step evaluation."""

from grassroots.core.enums import LabeledEnum


class Subject(LabeledEnum):
    """What is evaluated: an organization, or its secretary's duty (述职评议)."""

    ORGANIZATION = "organization", "党组织", "Organization"
    SECRETARY = "secretary", "党组织书记", "Secretary"


class EvaluationState(LabeledEnum):
    """The steps of an evaluation, in order (基层自评、群众测评、组织考评)."""

    SELF_ASSESSMENT = "self_assessment", "基层自评", "Self-assessment"
    PUBLIC_RATING = "public_rating", "群众测评", "Public rating"
    ORGANIZATIONAL_REVIEW = "organizational_review", "组织考评", "Organizational review"
    FINALIZED = "finalized", "已定级", "Finalized"
    WITHDRAWN = "withdrawn", "已撤出", "Withdrawn"


class Step(LabeledEnum):
    """A step with a window of its own."""

    SELF = "self", "基层自评", "Self-assessment"
    PUBLIC = "public", "群众测评", "Public rating"
    REVIEW = "review", "组织考评", "Organizational review"


class Grade(LabeledEnum):
    """The grade of 分类定级, at 90 / 80 / 60 points by default."""

    EXCELLENT = "excellent", "好", "Excellent"
    GOOD = "good", "较好", "Good"
    FAIR = "fair", "一般", "Fair"
    POOR = "poor", "较差", "Poor"


class Classification(LabeledEnum):
    """Dynamic management by rank (动态管理)."""

    ADVANCED = "advanced", "先进", "Advanced"
    MIDDLE = "middle", "中间", "Middle"
    LAGGING = "lagging", "后进", "Lagging"


class ResultFlag(LabeledEnum):
    """What a result asks the running organization to look at."""

    TOO_FEW_PUBLIC_RATINGS = "too_few_public_ratings", "测评人数不足", "Too few public ratings"
    WEAK_AND_LAX_SUGGESTED = "weak_and_lax_suggested", "建议列为软弱涣散", "Weak and lax suggested"


class RaterGroup(LabeledEnum):
    """Who rated, as 党员群众测评 counts them apart."""

    MEMBER = "member", "党员", "Party member"
    RESIDENT = "resident", "群众", "Resident"
