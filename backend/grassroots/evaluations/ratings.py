"""Public rating with no account (群众测评): the rating page behind an evaluation's public
token, single-use invitation codes, one-time codes by SMS, one anonymous rating per rater,
and the figures staff see.

Anonymity: a rating row holds the answers, the rater's group, the comment and the day, and
nothing about its rater. Who has rated is kept apart, in `evaluation_rater`, as a keyed hash
of the phone or invitation code salted with the evaluation's id, with no link to the rating
row and no time; both rows are inserted in the same transaction. Neither is audited."""

import io
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any, NoReturn

import segno
from sqlalchemy import Insert, exists, func, insert, literal, select, true, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, raiseload

from grassroots.auth.throttle import Throttle
from grassroots.core import audit
from grassroots.core.crypto import cipher
from grassroots.core.db import after_commit, dialect_insert, keep_on_failure, utcnow
from grassroots.core.sms import SmsSender
from grassroots.evaluations.enums import EvaluationState, RaterGroup, Step
from grassroots.evaluations.evaluations import (
    Loaded,
    ensure_not_final,
    ensure_state,
    ensure_window,
    window_of,
)
from grassroots.evaluations.exceptions import (
    RatingAlreadyGiven,
    RatingAnswersInvalid,
    RatingCredentialInvalid,
    RatingNotFound,
    RatingThrottled,
    WrongState,
)
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationInvitation,
    EvaluationOtp,
    EvaluationRater,
    EvaluationRating,
)
from grassroots.evaluations.schemas import (
    GroupFigures,
    Question,
    RatingComment,
    RatingFigures,
    RatingPage,
    RatingSubmit,
)
from grassroots.members.models import Member
from grassroots.organizations.models import Organization

S = EvaluationState
OTP_LIFETIME = timedelta(minutes=10)
OTP_ATTEMPTS = 5
# Per client address and throttle window (15 minutes): failed ratings (a wrong code, a second
# rating) and codes sent; per phone: codes sent.
ADDRESS_FAILURES = 20
ADDRESS_CODES = 10
PHONE_CODES = 5
COMMENTS_SHOWN = 200
# Invitation codes: 10 symbols of an alphabet without look-alikes (0/O, 1/I): 50 bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


@dataclass
class RatingTarget:
    """An evaluation reached by its public token, with what its rating page shows."""

    evaluation: Evaluation
    cycle: EvaluationCycle
    organization_name: str
    secretary_name: str | None

    def questions(self) -> list[dict[str, Any]]:
        """The questions of the frozen questionnaire, in order."""
        return questions_of(self.cycle, self.evaluation)


def questions_of(cycle: EvaluationCycle, evaluation: Evaluation) -> list[dict[str, Any]]:
    """The questions of an evaluation's questionnaire (the cycle's frozen copy), in order."""
    questions: list[dict[str, Any]] = cycle.frozen_templates[evaluation.template_id][
        "questionnaire"
    ]["questions"]
    return questions


def rating_link(base_url: str, evaluation: Evaluation) -> str:
    """The address of an evaluation's rating page."""
    return f"{base_url.rstrip('/')}/rate/{evaluation.public_token}"


def qr_code(link: str, kind: str) -> bytes:
    """A QR code of the link, as SVG or PNG."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind=kind, scale=8, border=4)
    return buffer.getvalue()


def normalized_phone(phone: str) -> str:
    """A mobile number as its eleven digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits


def normalized_code(code: str) -> str:
    """An invitation code as issued: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def invitation_hash(code: str) -> str:
    """The keyed hash an invitation code is kept as."""
    return cipher().lookup_hash(f"evaluation-invitation:{normalized_code(code)}")


def rater_hash(
    evaluation_id: uuid.UUID, *, phone: str | None = None, code: str | None = None
) -> str:
    """The keyed hash that says a phone or an invitation code has rated an evaluation; salted
    with the evaluation, so that one phone cannot be followed from one evaluation to another."""
    rater = f"phone:{normalized_phone(phone)}" if phone else f"code:{normalized_code(code or '')}"
    return cipher().lookup_hash(f"evaluation-rater:{evaluation_id}:{rater}")


def _otp_phone_hash(evaluation_id: uuid.UUID, phone: str) -> str:
    return cipher().lookup_hash(f"evaluation-otp:{evaluation_id}:{normalized_phone(phone)}")


def _otp_code_hash(phone_hash: str, code: str) -> str:
    return cipher().lookup_hash(f"evaluation-otp-code:{phone_hash}:{code}")


async def by_token(session: AsyncSession, token: str) -> RatingTarget:
    """The evaluation behind a public token (a withdrawn one is not found), in one statement."""
    row = (
        await session.execute(
            select(Evaluation, EvaluationCycle, Organization.name, Member.name)
            .join(EvaluationCycle, EvaluationCycle.id == Evaluation.cycle_id)
            .join(Organization, Organization.id == Evaluation.organization_id)
            .outerjoin(Member, Member.id == Evaluation.member_id)
            .where(Evaluation.public_token == token, Evaluation.state != S.WITHDRAWN)
            .options(raiseload(EvaluationCycle.reviewer_assignments))
        )
    ).one_or_none()
    if row is None:
        raise RatingNotFound("There is no rating page at this address.")
    evaluation, cycle, organization_name, secretary_name = row
    return RatingTarget(evaluation, cycle, organization_name, secretary_name)


async def rateable(session: AsyncSession, token: str) -> tuple[Evaluation, EvaluationCycle]:
    """The evaluation behind a public token with only what taking a rating reads of it and its
    cycle (state, public window, questionnaire), in one statement."""
    row = (
        await session.execute(
            select(Evaluation, EvaluationCycle)
            .join(EvaluationCycle, EvaluationCycle.id == Evaluation.cycle_id)
            .where(Evaluation.public_token == token, Evaluation.state != S.WITHDRAWN)
            .options(
                load_only(Evaluation.state, Evaluation.template_id, Evaluation.window_extensions),
                load_only(
                    EvaluationCycle.self_opens_at,
                    EvaluationCycle.self_closes_at,
                    EvaluationCycle.public_opens_at,
                    EvaluationCycle.public_closes_at,
                    EvaluationCycle.review_opens_at,
                    EvaluationCycle.review_closes_at,
                    EvaluationCycle.frozen_templates,
                ),
                raiseload(EvaluationCycle.reviewer_assignments),
            )
        )
    ).one_or_none()
    if row is None:
        raise RatingNotFound("There is no rating page at this address.")
    return row[0], row[1]


def is_open(target: RatingTarget) -> bool:
    """Whether the evaluation takes ratings now."""
    opens, closes = window_of(target.cycle, target.evaluation, Step.PUBLIC)
    return target.evaluation.state == S.PUBLIC_RATING and opens <= utcnow() < closes


def page(target: RatingTarget) -> RatingPage:
    """What the rating page shows."""
    opens, closes = window_of(target.cycle, target.evaluation, Step.PUBLIC)
    return RatingPage.model_validate(
        {
            "subject": target.cycle.subject,
            "organization_name": target.organization_name,
            "secretary_name": target.secretary_name,
            "cycle_name": target.cycle.name,
            "year": target.cycle.year,
            "questionnaire": target.cycle.frozen_templates[target.evaluation.template_id][
                "questionnaire"
            ],
            "open": is_open(target),
            "opens_at": opens,
            "closes_at": closes,
        }
    )


def _ensure_rating_open(evaluation: Evaluation, cycle: EvaluationCycle) -> None:
    ensure_not_final(evaluation)
    if evaluation.state != S.PUBLIC_RATING:
        raise WrongState(
            "This evaluation is not taking public ratings.",
            state=evaluation.state.value,
            allowed_states=[S.PUBLIC_RATING.value],
        )
    ensure_window(cycle, evaluation, Step.PUBLIC)


async def _ensure_not_throttled(
    session: AsyncSession, throttle: Throttle, checks: list[tuple[str, int]]
) -> None:
    wait = await throttle.blocked_for(session, checks)
    if wait is not None:
        raise RatingThrottled(
            "Too many attempts from here; wait before trying again.",
            headers={"Retry-After": str(wait)},
        )


def _count_failure(session: AsyncSession, throttle: Throttle, key: str) -> None:
    """Count a failed rating against the client address, even though the request fails."""

    async def count(failed_session: AsyncSession) -> None:
        await throttle.add_failure(failed_session, [key])

    keep_on_failure(session, count)


def _address_key(kind: str, address: str | None) -> str:
    return f"rating-{kind}:{address}"


async def send_code(
    session: AsyncSession,
    throttle: Throttle,
    sms: SmsSender,
    target: RatingTarget,
    *,
    phone: str,
    address: str | None,
) -> None:
    """Send a one-time code to a phone, to rate this evaluation; a new code replaces the last
    one. Codes are kept as keyed hashes and expire after ten minutes."""
    _ensure_rating_open(target.evaluation, target.cycle)
    phone = normalized_phone(phone)
    phone_key = "rating-phone:" + cipher().lookup_hash(f"rating-phone:{phone}")
    address_key = _address_key("codes", address)
    await _ensure_not_throttled(
        session, throttle, [(address_key, ADDRESS_CODES), (phone_key, PHONE_CODES)]
    )
    code = f"{secrets.randbelow(10**6):06d}"
    phone_hash = _otp_phone_hash(target.evaluation.id, phone)
    values = {
        "code_hash": _otp_code_hash(phone_hash, code),
        "expires_at": utcnow() + OTP_LIFETIME,
        "attempts": 0,
    }
    insert = dialect_insert(session, EvaluationOtp).values(
        id=uuid.uuid4(), evaluation_id=target.evaluation.id, phone_hash=phone_hash, **values
    )
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=[EvaluationOtp.evaluation_id, EvaluationOtp.phone_hash], set_=values
        )
    )
    await throttle.add_failure(session, [address_key, phone_key])
    # Sent once the code is stored: a request that fails (or a transaction that does not
    # commit) sends nothing, and a code received is always one the database knows.
    after_commit(session, partial(sms.send_code, phone, code))


async def _check_otp(
    session: AsyncSession, evaluation_id: uuid.UUID, *, phone: str, code: str
) -> None:
    """Accept the one-time code sent to the phone (then it is spent), or count a wrong try."""
    phone_hash = _otp_phone_hash(evaluation_id, phone)
    otp = await session.scalar(
        select(EvaluationOtp).where(
            EvaluationOtp.evaluation_id == evaluation_id,
            EvaluationOtp.phone_hash == phone_hash,
        )
    )
    if otp is None or otp.expires_at <= utcnow() or otp.attempts >= OTP_ATTEMPTS:
        raise RatingCredentialInvalid(
            "The one-time code has expired or was tried too often; ask for a new one.",
            reason="otp_expired",
        )
    if not secrets.compare_digest(otp.code_hash, _otp_code_hash(phone_hash, code)):
        otp_id = otp.id

        async def count(failed_session: AsyncSession) -> None:
            await failed_session.execute(
                update(EvaluationOtp)
                .where(EvaluationOtp.id == otp_id)
                .values(attempts=EvaluationOtp.attempts + 1)
            )

        keep_on_failure(session, count)
        raise RatingCredentialInvalid(
            "The one-time code is not right.",
            reason="otp_wrong",
            attempts_left=max(OTP_ATTEMPTS - otp.attempts - 1, 0),
        )
    await session.delete(otp)


def _claim(
    session: AsyncSession, evaluation_id: uuid.UUID, rater: str, code_hash: str | None
) -> Insert:
    """INSERT the rater's hash unless it is there already (the primary key holds it once under
    concurrent submissions); with an invitation code, only if that code was issued for this
    evaluation."""
    issued = (
        exists().where(
            EvaluationInvitation.evaluation_id == evaluation_id,
            EvaluationInvitation.code_hash == code_hash,
        )
        if code_hash is not None
        else true()
    )
    chosen = select(
        literal(evaluation_id, EvaluationRater.evaluation_id.type),
        literal(rater, EvaluationRater.rater_hash.type),
    ).where(issued)
    claim: Insert = (
        dialect_insert(session, EvaluationRater)
        .from_select([EvaluationRater.evaluation_id, EvaluationRater.rater_hash], chosen)
        .on_conflict_do_nothing()
    )
    return claim


def _rating_row(evaluation_id: uuid.UUID, codes: list[str], data: RatingSubmit) -> dict[str, Any]:
    answers = [data.answers[code] for code in codes]
    return {
        "id": uuid.uuid4(),
        "evaluation_id": evaluation_id,
        "rater_group": data.rater_group,
        "answers": answers,
        "answer_sum": sum(answers),
        "answer_count": len(answers),
        "satisfied_count": sum(1 for a in answers if a >= 4),
        "comment": data.comment or None,
        "rated_on": utcnow().date(),
    }


async def _store(session: AsyncSession, claim: Insert, row: dict[str, Any]) -> bool:
    """Claim the rater and store the rating only if the claim took: on PostgreSQL in one
    statement (the claim as a CTE), on SQLite in two. False when nothing was stored."""
    if session.get_bind().dialect.name == "sqlite":
        claimed = await session.execute(claim)
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return False
        await session.execute(insert(EvaluationRating).values(row))
        return True
    took = claim.returning(EvaluationRater.rater_hash).cte("claimed")
    columns = EvaluationRating.__table__.c
    values = select(*(literal(value, columns[name].type) for name, value in row.items()))
    stored = await session.scalar(
        insert(EvaluationRating)
        .from_select(list(row), values.where(exists(select(took.c.rater_hash))))
        .returning(EvaluationRating.id)
    )
    return stored is not None


async def _refusal(
    session: AsyncSession, evaluation_id: uuid.UUID, code_hash: str | None
) -> NoReturn:
    """Why nothing was stored: an invitation code not issued here, or a rater who has rated."""
    if code_hash is not None:
        issued = await session.scalar(
            select(EvaluationInvitation.id).where(
                EvaluationInvitation.evaluation_id == evaluation_id,
                EvaluationInvitation.code_hash == code_hash,
            )
        )
        if issued is None:
            raise RatingCredentialInvalid(
                "This invitation code is not valid here.", reason="unknown_invitation"
            )
    raise RatingAlreadyGiven("This phone or invitation code has rated already.")


async def submit(
    session: AsyncSession,
    throttle: Throttle,
    rated: tuple[Evaluation, EvaluationCycle],
    *,
    data: RatingSubmit,
    address: str | None,
) -> None:
    """Count one rating: once per phone or invitation code (a unique key on the keyed hash
    holds it under concurrent submissions), inside the public window."""
    evaluation, cycle = rated
    address_key = _address_key("failures", address)
    await _ensure_not_throttled(session, throttle, [(address_key, ADDRESS_FAILURES)])
    _ensure_rating_open(evaluation, cycle)
    codes = [q["code"] for q in questions_of(cycle, evaluation)]
    if set(data.answers) != set(codes):
        raise RatingAnswersInvalid(
            "Answer every question of the questionnaire, and nothing else.",
            missing=sorted(set(codes) - set(data.answers)),
            unknown=sorted(set(data.answers) - set(codes)),
        )
    evaluation_id = evaluation.id
    code_hash = None
    try:
        if data.invitation_code is not None:
            code_hash = invitation_hash(data.invitation_code)
            rater = rater_hash(evaluation_id, code=data.invitation_code)
        else:
            assert data.phone is not None and data.otp_code is not None
            await _check_otp(session, evaluation_id, phone=data.phone, code=data.otp_code)
            rater = rater_hash(evaluation_id, phone=data.phone)
        claim = _claim(session, evaluation_id, rater, code_hash)
        if not await _store(session, claim, _rating_row(evaluation_id, codes, data)):
            await _refusal(session, evaluation_id, code_hash)
    except (RatingCredentialInvalid, RatingAlreadyGiven):
        _count_failure(session, throttle, address_key)
        raise


def new_code() -> str:
    """A fresh invitation code, written in two groups of five."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{symbols[:5]}-{symbols[5:]}"


async def create_invitations(session: AsyncSession, loaded: Loaded, *, count: int) -> list[str]:
    """Make `count` single-use invitation codes, kept only as keyed hashes: the codes are
    returned this once. Before or during public rating only."""
    ensure_state(loaded, S.SELF_ASSESSMENT, S.PUBLIC_RATING)
    codes = [new_code() for _ in range(count)]
    now = utcnow()
    await session.execute(
        insert(EvaluationInvitation),
        [
            {
                "id": uuid.uuid4(),
                "evaluation_id": loaded.evaluation.id,
                "code_hash": invitation_hash(code),
                "created_at": now,
            }
            for code in codes
        ],
    )
    audit.record(
        session,
        action="create_invitations",
        entity_type="evaluation",
        entity_id=loaded.evaluation.id,
        organization=loaded.organization,
        changes={"count": count},
    )
    return codes


def _group_figures(
    totals: tuple[int, int, int] | None, distribution: dict[str, dict[str, int]]
) -> GroupFigures:
    count, satisfied, answers = totals or (0, 0, 0)
    return GroupFigures(
        count=count,
        satisfaction_rate=round(satisfied / answers, 4) if answers else None,
        distribution=distribution,
    )


async def figures(session: AsyncSession, loaded: Loaded) -> RatingFigures:
    """Count, distribution per question and satisfaction rate, per group and for all, and
    the latest comments: four statements whatever the number of ratings."""
    evaluation_id = loaded.evaluation.id
    questions = questions_of(loaded.cycle, loaded.evaluation)
    mine = EvaluationRating.evaluation_id == evaluation_id
    totals: dict[str, tuple[int, int, int]] = {
        str(group): (int(count), int(satisfied or 0), int(answers or 0))
        for group, count, satisfied, answers in await session.execute(
            select(
                EvaluationRating.rater_group,
                func.count(),
                func.sum(EvaluationRating.satisfied_count),
                func.sum(EvaluationRating.answer_count),
            )
            .where(mine)
            .group_by(EvaluationRating.rater_group)
        )
    }
    per_question = []
    for position, question in enumerate(questions):
        answer = (
            select(
                EvaluationRating.rater_group.label("rater_group"),
                EvaluationRating.answers[position].as_integer().label("answer"),
            )
            .where(mine)
            .subquery()
        )
        per_question.append(
            select(
                literal(question["code"]).label("question"),
                answer.c.rater_group,
                answer.c.answer,
                func.count().label("n"),
            ).group_by(answer.c.rater_group, answer.c.answer)
        )
    scale = [str(value) for value in range(1, 6)]
    empty = {q["code"]: dict.fromkeys(scale, 0) for q in questions}
    by_group = {group.value: {c: dict(v) for c, v in empty.items()} for group in RaterGroup}
    overall = {c: dict(v) for c, v in empty.items()}
    if per_question:
        for code, group, value, n in await session.execute(union_all(*per_question)):
            if value is None or str(value) not in scale:
                continue
            by_group[str(group)][code][str(value)] += int(n)
            overall[code][str(value)] += int(n)
    comment_count = await session.scalar(
        select(func.count()).where(mine, EvaluationRating.comment.is_not(None))
    )
    comments = [
        RatingComment(rater_group=group, text=text, rated_on=day)
        for group, text, day in await session.execute(
            select(
                EvaluationRating.rater_group, EvaluationRating.comment, EvaluationRating.rated_on
            )
            .where(mine, EvaluationRating.comment.is_not(None))
            .order_by(EvaluationRating.rated_on.desc(), EvaluationRating.id)
            .limit(COMMENTS_SHOWN)
        )
    ]
    all_totals = tuple(sum(t[i] for t in totals.values()) for i in range(3))
    return RatingFigures(
        evaluation_id=evaluation_id,
        questions=[Question.model_validate(q) for q in questions],
        overall=_group_figures(all_totals, overall),  # type: ignore[arg-type]
        by_group={
            group: _group_figures(totals.get(group.value), by_group[group.value])
            for group in RaterGroup
        },
        comment_count=int(comment_count or 0),
        comments=comments,
    )
