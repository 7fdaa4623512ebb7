"""Request and response bodies of evaluations."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from grassroots.core.text import NoControlChars, bounded
from grassroots.evaluations.enums import (
    Classification,
    EvaluationState,
    Grade,
    RaterGroup,
    ResultFlag,
    Step,
    Subject,
)
from grassroots.organizations.enums import Domain, Kind, Tier

Name = Annotated[str, bounded(200, min_length=1), NoControlChars]
Code = Annotated[str, bounded(20, min_length=1), Field(pattern=r"^[A-Za-z0-9.\-]+$")]
Text = Annotated[str, bounded(5000), NoControlChars]
Reason = Annotated[str, bounded(1000, min_length=1), NoControlChars]
Share = Annotated[Decimal, Field(ge=0, le=1, max_digits=6, decimal_places=4)]
Score = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]


class Strict(BaseModel):
    """An input body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Indicator(Strict):
    """One scored criterion."""

    code: Code
    name: Name
    name_en: Name | None = None
    max_score: Annotated[Decimal, Field(gt=0, le=1000, max_digits=7, decimal_places=2)]
    description: Text | None = None
    evidenced_by: (
        Annotated[
            str,
            Field(
                pattern=r"^(verified_volunteer_hours|volunteers|pledges_fulfilled|"
                r"secretary_in_place|members_registered)$",
                description="A fact key of `GET /evaluations/{id}/facts` that supports it.",
            ),
        ]
        | None
    ) = None


class Dimension(Strict):
    """A group of indicators (one of the six haves, 六有)."""

    code: Code
    name: Name
    name_en: Name | None = None
    indicators: Annotated[list[Indicator], Field(min_length=1, max_length=50)]


class ScaleStep(Strict):
    """One answer of the 5-point scale."""

    value: Annotated[int, Field(ge=1, le=5)]
    zh: Name
    en: Name


class Question(Strict):
    """One question of the public questionnaire, answered on the 5-point scale."""

    code: Code
    text: Name
    text_en: Name | None = None


class CommentPrompt(Strict):
    """The prompt of the free comment."""

    text: Name
    text_en: Name | None = None


class Questionnaire(Strict):
    """The public questionnaire: questions on the 5-point scale plus a free comment."""

    scale: Annotated[list[ScaleStep], Field(min_length=5, max_length=5)]
    questions: Annotated[list[Question], Field(min_length=1, max_length=20)]
    comment: CommentPrompt


def _unique_codes(dimensions: list[Dimension]) -> None:
    codes = [d.code for d in dimensions] + [i.code for d in dimensions for i in d.indicators]
    if len(codes) != len(set(codes)):
        raise ValueError("dimension and indicator codes must be unique")


class TemplateCreate(Strict):
    """A new template, or a copy of one to edit (`copy_of`, other fields overriding)."""

    organization_id: uuid.UUID
    copy_of: uuid.UUID | None = None
    name: Name | None = None
    name_en: Name | None = None
    subject: Subject | None = None
    domain: Domain | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1, max_length=12)] | None = None
    questionnaire: Questionnaire | None = None

    @model_validator(mode="after")
    def _complete(self) -> "TemplateCreate":
        if self.copy_of is None and (
            self.name is None
            or self.subject is None
            or self.dimensions is None
            or self.questionnaire is None
        ):
            raise ValueError("name, subject, dimensions and questionnaire are required")
        if self.dimensions is not None:
            _unique_codes(self.dimensions)
        return self


class TemplateUpdate(Strict):
    """Changes to a template copy."""

    name: Name | None = None
    name_en: Name | None = None
    domain: Domain | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1, max_length=12)] | None = None
    questionnaire: Questionnaire | None = None

    @model_validator(mode="after")
    def _codes(self) -> "TemplateUpdate":
        if self.dimensions is not None:
            _unique_codes(self.dimensions)
        return self


class TemplateRead(BaseModel):
    """A template; built-in ones (`builtin`) are read-only."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organization_id: uuid.UUID | None
    builtin: bool
    name: str
    name_en: str | None
    subject: Subject
    domain: Domain | None
    dimensions: list[Dimension]
    questionnaire: Questionnaire
    max_total: Decimal
    version: int


class Window(Strict):
    """When a step is open: from `opens_at` up to (not including) `closes_at`."""

    opens_at: datetime
    closes_at: datetime

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at must be after opens_at")
        return self


class Windows(Strict):
    """The windows of the three steps."""

    self_assessment: Window
    public_rating: Window
    organizational_review: Window


class StepWeights(Strict):
    """How much each step counts; they sum to 1 and public rating weighs at least as much as
    each other step (加大群众评价权重)."""

    self: Share = Decimal("0.2")
    public: Share = Decimal("0.4")
    review: Share = Decimal("0.4")


class GradeThresholds(Strict):
    """The lowest total of 好, 较好 and 一般; below the last is 较差."""

    excellent: Score = Decimal(90)
    good: Score = Decimal(80)
    fair: Score = Decimal(60)

    @model_validator(mode="after")
    def _ordered(self) -> "GradeThresholds":
        if not self.excellent >= self.good >= self.fair:
            raise ValueError("thresholds must not increase from excellent to fair")
        return self


GroupName = Annotated[str, bounded(100, min_length=1), NoControlChars]


class Reviewer(Strict):
    """An assigned reviewer, in an optional group (条块结合: system, local, recipients)."""

    user_id: uuid.UUID
    group: GroupName | None = None


class CycleBody(Strict):
    """The settings of a cycle."""

    name: Name
    year: Annotated[int, Field(ge=2000, le=2100)]
    subject: Subject = Subject.ORGANIZATION
    target_domains: list[Domain] = Field(default_factory=list, description="Empty: every domain.")
    target_tiers: list[Tier] = Field(default_factory=list, description="Empty: every tier.")
    target_kinds: list[Kind] = Field(default_factory=list, description="Empty: every kind.")
    templates: dict[str, uuid.UUID] = Field(
        default_factory=dict,
        description="Template per domain code, `*` for any other; unset: the built-in ones.",
    )
    windows: Windows
    weights: StepWeights = Field(default_factory=StepWeights)
    min_public_ratings: Annotated[int, Field(ge=0, le=100000)] = 30
    thresholds: GradeThresholds = Field(default_factory=GradeThresholds)
    satisfaction_cap: Share = Decimal("0.9")
    advanced_share: Share = Decimal("0.3")
    lagging_share: Share = Decimal("0.1")
    reviewers: Annotated[list[Reviewer], Field(max_length=200)] = Field(default_factory=list)
    review_groups: Annotated[dict[GroupName, Share], Field(max_length=20)] = Field(
        default_factory=dict, description="Group name -> weight; empty: reviewers count alike."
    )


class CycleCreate(CycleBody):
    """A new cycle, run by `organization_id` over its subtree."""

    organization_id: uuid.UUID


class CycleRead(CycleBody):
    """A cycle."""

    id: uuid.UUID
    organization_id: uuid.UUID
    launched_at: datetime | None
    version: int


class TargetRead(BaseModel):
    """An organization (or a secretary) a cycle evaluates."""

    organization_id: uuid.UUID
    organization_name: str
    domain: Domain
    member_id: uuid.UUID | None = None
    member_name: str | None = None


class TargetChange(Strict):
    """A late target added, or one withdrawn, with the reason (audited)."""

    organization_id: uuid.UUID
    member_id: uuid.UUID | None = None
    reason: Reason


class Launched(BaseModel):
    """What a launch created."""

    created: int
    evaluations: int


class Finalized(BaseModel):
    """What a cycle finalize or confirm changed."""

    changed: int


class EvidenceLink(Strict):
    """A link to evidence kept elsewhere (files are not stored here)."""

    title: Name
    url: AnyHttpUrl


class SelfAssessment(Strict):
    """The organization's own scores, narrative per dimension, and evidence links."""

    scores: dict[str, Score] = Field(default_factory=dict, description="Indicator code -> score.")
    narratives: dict[str, Text] = Field(default_factory=dict, description="Dimension code -> text.")
    evidence_links: Annotated[list[EvidenceLink], Field(max_length=50)] = Field(
        default_factory=list
    )
    duty_report: Annotated[str, bounded(20000), NoControlChars] | None = Field(
        default=None, description="The secretary's written duty report (述职报告)."
    )


class Transition(Strict):
    """Move an evaluation to another state; returning or reopening needs a reason."""

    to: EvaluationState
    reason: Reason | None = None


class WindowExtension(Strict):
    """Keep one step of one evaluation open until a later instant."""

    step: Step
    closes_at: datetime


class GradeChange(Strict):
    """Confirm an evaluation's grade (核准定级), changing it with a written reason."""

    grade: Grade | None = None
    reason: Reason | None = None


class GroupFigures(BaseModel):
    """Public-rating figures of one group of raters, or of all."""

    count: int = Field(description="Ratings received.")
    satisfaction_rate: float | None = Field(
        description="Share of answers 4 (满意) or 5 (非常满意), from 0 to 1; null without ratings."
    )
    distribution: dict[str, dict[str, int]] = Field(
        description='Question code -> answer ("1" to "5") -> count.'
    )


class RatingComment(BaseModel):
    """A free comment left with a rating (who left it is not kept)."""

    rater_group: RaterGroup
    text: str
    rated_on: date


class RatingFigures(BaseModel):
    """What the public said of one evaluation: for all raters and per group (党员、群众)."""

    evaluation_id: uuid.UUID
    questions: list[Question]
    overall: GroupFigures
    by_group: dict[RaterGroup, GroupFigures]
    comment_count: int
    comments: list[RatingComment] = Field(
        description="The latest comments, newest first (at most 200)."
    )


class RatingPage(BaseModel):
    """What a rating page shows: who is rated, the questionnaire, and whether it is open."""

    subject: Subject
    organization_name: str
    secretary_name: str | None = Field(description="For a secretary's duty review (述职评议).")
    cycle_name: str
    year: int
    questionnaire: Questionnaire
    open: bool = Field(description="Whether a rating is accepted now.")
    opens_at: datetime
    closes_at: datetime


MobilePhone = Annotated[
    str,
    Field(
        pattern=r"^(\+?86[ -]?)?1[3-9][0-9]{9}$",
        description="A mainland China mobile number, with or without +86.",
    ),
]


class OtpRequest(Strict):
    """The phone to send a one-time code to."""

    phone: MobilePhone


class OtpSent(BaseModel):
    """A one-time code is on its way."""

    expires_in: int = Field(description="Seconds the code stays valid.")
    attempts: int = Field(description="Wrong codes allowed before a new one is needed.")


class RatingSubmit(Strict):
    """One rating: an answer to every question, a rater group, an optional comment, and
    either an invitation code or a phone with the one-time code sent to it."""

    answers: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(
        description="Question code -> answer, 5 非常满意 … 1 非常不满意."
    )
    rater_group: RaterGroup
    comment: Text | None = None
    invitation_code: Annotated[str, Field(min_length=6, max_length=40)] | None = None
    phone: MobilePhone | None = None
    otp_code: Annotated[str, Field(pattern=r"^[0-9]{6}$")] | None = None

    @model_validator(mode="after")
    def _one_credential(self) -> "RatingSubmit":
        by_code = self.invitation_code is not None
        by_phone = self.phone is not None or self.otp_code is not None
        if by_code == by_phone:
            raise ValueError("send either invitation_code, or phone and otp_code")
        if by_phone and (self.phone is None or self.otp_code is None):
            raise ValueError("send both phone and otp_code")
        return self


class RatingReceived(BaseModel):
    """The rating is counted."""

    received: bool = True


class EvaluationRead(BaseModel):
    """An evaluation, as far as the caller may see it."""

    id: uuid.UUID
    cycle_id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    member_id: uuid.UUID | None
    domain: Domain
    template_id: str
    state: EvaluationState
    allowed_transitions: list[EvaluationState]
    can_self_assess: bool = Field(
        description="Whether you may write the self-assessment (staff of the organization, "
        "or the cycle's admins) while it is open."
    )
    reviewing: bool = Field(description="Whether you are one of the cycle's assigned reviewers.")
    self_scores: dict[str, Any]
    narratives: dict[str, str]
    evidence_links: list[dict[str, str]]
    duty_report: str | None
    submitted_at: datetime | None
    windows: dict[str, Window]
    self_score: float | None
    public_score: float | None
    review_score: float | None
    total: float | None
    rating_count: int
    satisfaction_rate: float | None
    computed_grade: Grade | None
    grade: Grade | None
    grade_reason: str | None
    rank: int | None
    domain_rank: int | None
    classification: Classification | None
    flags: list[ResultFlag]
    finalized_at: datetime | None
    confirmed_at: datetime | None
    rating_link: str | None
    version: int


class ReviewBody(Strict):
    """A reviewer's scores per indicator and comment; `submit` makes them final."""

    scores: dict[str, Score]
    comment: Text | None = None
    submit: bool = False


class ReviewRead(BaseModel):
    """A reviewer's review."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    evaluation_id: uuid.UUID
    reviewer_id: uuid.UUID
    group: str | None
    scores: dict[str, Any]
    comment: str | None
    score: float | None
    submitted_at: datetime | None
    version: int


class InvitationRequest(Strict):
    """How many single-use invitation codes to make."""

    count: Annotated[int, Field(ge=1, le=1000)]


class Invitations(BaseModel):
    """Fresh invitation codes: shown this once, stored only as keyed hashes."""

    codes: list[str]


class ResultRow(BaseModel):
    """One finalized evaluation in a cycle's results."""

    id: uuid.UUID = Field(description="The evaluation's id.")
    organization_id: uuid.UUID
    organization_name: str
    member_id: uuid.UUID | None = Field(description="The secretary, in a secretaries' cycle.")
    member_name: str | None
    subject_name: str = Field(description="The organization's or secretary's name at launch.")
    domain: Domain
    self_score: float | None
    public_score: float | None
    review_score: float | None
    total: float | None
    computed_grade: Grade | None
    grade: Grade | None = Field(description="The confirmed grade (核准定级); null until then.")
    grade_reason: str | None = Field(description="Why the confirmed grade differs, if it does.")
    confirmed_at: datetime | None
    rank: int | None = Field(description="Rank in the cycle; ties share a rank.")
    domain_rank: int | None = Field(description="Rank among the cycle's evaluations of the domain.")
    classification: Classification | None
    flags: list[ResultFlag]
    rating_count: int
    satisfaction_rate: float | None = Field(description="Share of public answers 4 or 5.")
