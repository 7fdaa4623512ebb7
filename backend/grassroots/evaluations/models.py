"""Templates, cycles, evaluations, reviews, and the anonymous public ratings."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from grassroots.core.db import Base, Entity, enum_column, utcnow
from grassroots.evaluations.enums import (
    Classification,
    EvaluationState,
    Grade,
    RaterGroup,
    Subject,
)
from grassroots.organizations.enums import Domain


class EvaluationTemplate(Entity):
    """Criteria of one kind of evaluation: dimensions (the six haves) of indicators, and the
    public questionnaire. Built-in ones (no organization) are read-only; admins edit copies."""

    __tablename__ = "evaluation_template"
    __audit_organization__ = "organization_id"

    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id"), index=True
    )
    builtin_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[Subject] = mapped_column(enum_column(Subject))
    domain: Mapped[Domain | None] = mapped_column(enum_column(Domain))
    dimensions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    questionnaire: Mapped[dict[str, Any]] = mapped_column(JSON)


class EvaluationCycle(Entity):
    """One run of the evaluation by an organization over its subtree (e.g. a county, yearly)."""

    __tablename__ = "evaluation_cycle"
    __audit_organization__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    subject: Mapped[Subject] = mapped_column(enum_column(Subject))
    target_domains: Mapped[list[str]] = mapped_column(JSON)
    target_tiers: Mapped[list[str]] = mapped_column(JSON)
    target_kinds: Mapped[list[str]] = mapped_column(JSON)
    # Domain (or "*" for any other) -> template id; frozen copies are taken at launch.
    templates: Mapped[dict[str, str]] = mapped_column(JSON)
    frozen_templates: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    self_opens_at: Mapped[datetime] = mapped_column()
    self_closes_at: Mapped[datetime] = mapped_column()
    public_opens_at: Mapped[datetime] = mapped_column()
    public_closes_at: Mapped[datetime] = mapped_column()
    review_opens_at: Mapped[datetime] = mapped_column()
    review_closes_at: Mapped[datetime] = mapped_column()
    # Weights, thresholds, shares as decimal strings (exact), counts as integers.
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    review_groups: Mapped[dict[str, str]] = mapped_column(JSON)
    launched_at: Mapped[datetime | None] = mapped_column()
    # Loaded with the cycle (one statement for any number of cycles).
    reviewer_assignments: Mapped[list["EvaluationCycleReviewer"]] = relationship(
        lazy="selectin",
        cascade="all, delete-orphan",
        order_by="EvaluationCycleReviewer.position",
    )


class EvaluationCycleReviewer(Base):
    """A reviewer assigned to a cycle, in an optional group (条块结合)."""

    __tablename__ = "evaluation_cycle_reviewer"

    cycle_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation_cycle.id", ondelete="CASCADE"), primary_key=True
    )
    # Indexed: "the evaluations assigned to me" starts from the user.
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id"), primary_key=True, index=True
    )
    group: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)


class Evaluation(Entity):
    """One organization (or one secretary) evaluated in a cycle: exactly one per target."""

    __tablename__ = "evaluation"
    __table_args__ = (
        UniqueConstraint("cycle_id", "organization_id", "subject_key"),
        # A page of a cycle's results in either order they are listed in (rank or name) reads
        # its rows off the index instead of sorting the whole cycle.
        Index("ix_evaluation_results_by_rank", "cycle_id", "state", "rank", "id"),
        Index("ix_evaluation_results_by_name", "cycle_id", "state", "subject_name", "id"),
    )
    __audit_organization__ = "organization_id"
    __audit_exclude__ = frozenset({"public_token"})

    cycle_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation_cycle.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), index=True)
    # "" for an organization, the member's id for a secretary: NULLs would not be unique.
    subject_key: Mapped[str] = mapped_column(String(32))
    # The organization's (or the secretary's) name when the target was added: results list and
    # sort by the name of the year evaluated.
    subject_name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[Domain] = mapped_column(enum_column(Domain), index=True)
    template_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[EvaluationState] = mapped_column(enum_column(EvaluationState), index=True)
    public_token: Mapped[str] = mapped_column(String(64), unique=True)
    self_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    narratives: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    evidence_links: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    duty_report: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column()
    window_extensions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Σ scores and Σ maxima in hundredths of a point, so the arithmetic stays exact.
    self_points: Mapped[int | None] = mapped_column(Integer)
    self_max_points: Mapped[int | None] = mapped_column(Integer)
    self_score: Mapped[float | None] = mapped_column(Float)
    public_score: Mapped[float | None] = mapped_column(Float)
    review_score: Mapped[float | None] = mapped_column(Float)
    total: Mapped[float | None] = mapped_column(Float)
    satisfaction_rate: Mapped[float | None] = mapped_column(Float)
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    computed_grade: Mapped[Grade | None] = mapped_column(enum_column(Grade))
    grade: Mapped[Grade | None] = mapped_column(enum_column(Grade), index=True)
    grade_reason: Mapped[str | None] = mapped_column(String(1000))
    rank: Mapped[int | None] = mapped_column(Integer)
    domain_rank: Mapped[int | None] = mapped_column(Integer)
    classification: Mapped[Classification | None] = mapped_column(enum_column(Classification))
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    finalized_at: Mapped[datetime | None] = mapped_column()
    # Loaded with a page of results (results.WITH_NAMES), else None.
    organization_name: Mapped[str | None] = query_expression()
    member_name: Mapped[str | None] = query_expression()
    confirmed_at: Mapped[datetime | None] = mapped_column()
    withdrawn_reason: Mapped[str | None] = mapped_column(String(1000))


class EvaluationReview(Entity):
    """One assigned reviewer's scores of an evaluation (组织考评), final once submitted."""

    __tablename__ = "evaluation_review"
    __table_args__ = (UniqueConstraint("evaluation_id", "reviewer_id"),)
    __audit_organization__ = "organization_id"

    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    group: Mapped[str | None] = mapped_column(String(100))
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)
    points: Mapped[int | None] = mapped_column(Integer)
    max_points: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    submitted_at: Mapped[datetime | None] = mapped_column()


class EvaluationRating(Base):
    """One anonymous public rating. It holds nothing about its rater: not who, not when to the
    second, not from where; `evaluation_rater` keeps who has rated, unlinked to this row."""

    __tablename__ = "evaluation_rating"
    # Covers the per-evaluation sums, so finalizing a cycle reads the index, not the rows.
    __table_args__ = (
        Index(
            "ix_evaluation_rating_sums",
            "evaluation_id",
            "answer_sum",
            "answer_count",
            "satisfied_count",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE")
    )
    rater_group: Mapped[RaterGroup] = mapped_column(enum_column(RaterGroup))
    answers: Mapped[list[int]] = mapped_column(JSON)
    # Kept beside the answers so that scores aggregate in SQL, per evaluation.
    answer_sum: Mapped[int] = mapped_column(Integer)
    answer_count: Mapped[int] = mapped_column(Integer)
    satisfied_count: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_on: Mapped[date] = mapped_column(Date, default=lambda: utcnow().date())


class EvaluationRater(Base):
    """A keyed hash of a phone or invitation code that has rated an evaluation: one each."""

    __tablename__ = "evaluation_rater"

    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), primary_key=True
    )
    rater_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class EvaluationInvitation(Base):
    """A single-use invitation code to rate an evaluation, kept as a keyed hash."""

    __tablename__ = "evaluation_invitation"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EvaluationOtp(Base):
    """A one-time code sent to a phone to rate an evaluation, kept as keyed hashes."""

    __tablename__ = "evaluation_otp"
    __table_args__ = (UniqueConstraint("evaluation_id", "phone_hash"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE")
    )
    phone_hash: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
