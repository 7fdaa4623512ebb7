"""The public rating endpoints: no account, rate-limited per client address."""

from typing import Annotated

from fastapi import Depends, Path, Request, status

from grassroots.auth.dependencies import ThrottleDep
from grassroots.core.access import public
from grassroots.core.db import SessionDep
from grassroots.core.errors import ValidationFailed, problems
from grassroots.core.routing import Router
from grassroots.core.sms import SmsSender
from grassroots.evaluations import ratings
from grassroots.evaluations.exceptions import (
    EvaluationFinal,
    RatingAlreadyGiven,
    RatingAnswersInvalid,
    RatingCredentialInvalid,
    RatingNotFound,
    RatingThrottled,
    WindowClosed,
    WrongState,
)
from grassroots.evaluations.schemas import (
    OtpRequest,
    OtpSent,
    RatingPage,
    RatingReceived,
    RatingSubmit,
)

PAGE = (ValidationFailed, RatingNotFound)
TAKING = (PAGE, RatingThrottled, WrongState, WindowClosed, EvaluationFinal)

router = Router(prefix="/public/ratings", tags=["public-ratings"], dependencies=[Depends(public)])
Token = Annotated[
    str,
    Path(
        min_length=16,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The evaluation's public token, from its rating link or QR code.",
    ),
]


async def _sms(request: Request) -> SmsSender:
    sender: SmsSender = request.app.state.sms
    return sender


def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


SmsDep = Annotated[SmsSender, Depends(_sms)]


@router.get("/{token}", responses=problems(PAGE))
async def get_rating_page(token: Token, session: SessionDep) -> RatingPage:
    """Who is rated, the questionnaire, and whether ratings are taken now (no account)."""
    return ratings.page(await ratings.by_token(session, token))


@router.post("/{token}/otp", status_code=status.HTTP_202_ACCEPTED, responses=problems(TAKING))
async def send_rating_code(
    token: Token,
    data: OtpRequest,
    request: Request,
    session: SessionDep,
    throttle: ThrottleDep,
    sms: SmsDep,
) -> OtpSent:
    """Send a one-time code by SMS to the phone that will rate; it expires in ten minutes and
    allows five tries. Limited per phone and per client address (429 with Retry-After)."""
    target = await ratings.by_token(session, token)
    await ratings.send_code(
        session, throttle, sms, target, phone=data.phone, address=_address(request)
    )
    return OtpSent(
        expires_in=int(ratings.OTP_LIFETIME.total_seconds()), attempts=ratings.OTP_ATTEMPTS
    )


@router.post(
    "/{token}",
    status_code=status.HTTP_201_CREATED,
    responses=problems(TAKING, RatingAlreadyGiven, RatingAnswersInvalid, RatingCredentialInvalid),
)
async def submit_rating(
    token: Token,
    data: RatingSubmit,
    request: Request,
    session: SessionDep,
    throttle: ThrottleDep,
) -> RatingReceived:
    """Rate anonymously: an answer to every question, the rater's group (member or
    resident), an optional comment, and an invitation code or a phone with its one-time code.
    One rating per phone or code (409 `rating_already_given`); only while the evaluation is in
    public rating and its window is open (409); failed tries are limited per address (429)."""
    rated = await ratings.rateable(session, token)
    await ratings.submit(session, throttle, rated, data=data, address=_address(request))
    return RatingReceived()
