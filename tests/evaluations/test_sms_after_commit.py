"""One-time codes leave by SMS only once the request's transaction has committed: a request
that fails after the code was made sends nothing, and stores nothing."""

from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from grassroots.core.db import get_session, in_request_session
from grassroots.evaluations import ratings
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import EvaluationOtp
from tests.evaluations.builders import make_evaluation

PHONE = "13900139000"


async def _send_in_request(app: FastAPI, token: str, *, fail: bool) -> None:
    route = SimpleNamespace(ends_session=True)
    scope = {"type": "http", "method": "POST", "app": app, "route": route, "headers": []}
    request = Request({**scope, "client": ("10.0.0.9", 50000), "path": "/", "query_string": b""})

    async def work() -> None:
        session = await get_session(request)
        target = await ratings.by_token(session, token)
        await ratings.send_code(
            session, app.state.throttle, app.state.sms, target, phone=PHONE, address="10.0.0.9"
        )
        # Made and stored in the transaction, but not sent while it may still roll back.
        assert app.state.sms.last_code(PHONE) is None
        if fail:
            raise RuntimeError("a later step of the request failed")

    if fail:
        with pytest.raises(RuntimeError):
            await in_request_session(request.scope, work())
    else:
        await in_request_session(request.scope, work())


async def test_a_failed_request_sends_no_code_and_a_committed_one_does(
    app: FastAPI, session: AsyncSession
):
    _, _, (evaluation,) = await make_evaluation(session, state=EvaluationState.PUBLIC_RATING)
    await session.commit()

    await _send_in_request(app, evaluation.public_token, fail=True)
    assert app.state.sms.last_code(PHONE) is None
    assert await session.scalar(select(func.count()).select_from(EvaluationOtp)) == 0

    await _send_in_request(app, evaluation.public_token, fail=False)
    code = app.state.sms.last_code(PHONE)
    assert code is not None and len(code) == 6
    assert await session.scalar(select(func.count()).select_from(EvaluationOtp)) == 1
