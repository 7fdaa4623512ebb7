"""`Idempotency-Key` on POST: a retried request replays the first response, never a twin.

A key belongs to its caller (a user or an API key) and lives for a day: another caller's key
of the same name is another key, and a key older than a day is a new one."""

import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import Integer, String, Text, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from grassroots.core.db import Base, SessionDep, utcnow
from grassroots.core.errors import ConflictError, InvalidRequest
from grassroots.core.security import Principal

REPLAYED_HEADERS = ("location", "etag")
LIFETIME = timedelta(hours=24)
# Expired records deleted per stored one: bounded work per request, and still many times the
# rate at which records are made, so the table never grows past a day of keys.
SWEEP_BATCH = 50


class IdempotencyRecord(Base):
    """The first response to a POST sent with an `Idempotency-Key`."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    scope: Mapped[str] = mapped_column(String(400))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    response_headers: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class IdempotencyKeyReused(InvalidRequest):
    """The key was first sent with another request body."""

    code = "idempotency_key_reused"


class IdempotencyKeyInFlight(ConflictError):
    """Another request with the same key is being processed right now."""

    code = "idempotency_key_in_flight"


# What a route honouring `Idempotency-Key` can answer about the key.
IDEMPOTENT = (IdempotencyKeyReused, IdempotencyKeyInFlight)


class Idempotency:
    """Replays or records the response of one POST, in the request's transaction."""

    def __init__(self, *, session: SessionDep, request: Request, key: str | None):
        self.session = session
        self.request = request
        self.key = key
        self.request_hash = ""

    @property
    def scope(self) -> str | None:
        """The route and the caller a key belongs to; None for a caller with no identity,
        whose key is not honoured (it could only be shared with every other such caller)."""
        # Read when used, not when the dependency is built: by then the route has loaded
        # its caller, whatever the order of its parameters.
        principal: Principal | None = getattr(self.request.state, "principal", None)
        if principal is None:
            return None
        return f"POST {self.request.url.path} {principal.kind}:{principal.id}"

    async def replay(self, payload: BaseModel) -> Response | None:
        """Return the stored response for this key, if the same caller already sent the same
        request with it within the last day."""
        scope = self.scope
        if self.key is None or scope is None:
            return None
        canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True)
        self.request_hash = hashlib.sha256(canonical.encode()).hexdigest()
        stored = await self.session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.scope == scope, IdempotencyRecord.key == self.key
            )
        )
        if stored is None:
            return None
        if stored.created_at <= utcnow() - LIFETIME:
            await self.session.delete(stored)
            await self.session.flush()
            return None
        if stored.request_hash != self.request_hash:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was already used with a different request body; "
                "use a new key for a new request."
            )
        headers = {**json.loads(stored.response_headers), "Idempotent-Replayed": "true"}
        return Response(
            stored.response_body,
            status_code=stored.status_code,
            headers=headers,
            media_type="application/json",
        )

    async def record(self, response: Response) -> Response:
        """Store the response under the key (when one was sent) and return it."""
        scope = self.scope
        if self.key is None or scope is None:
            return response
        await sweep_expired(self.session)
        headers = {
            name: response.headers[name] for name in REPLAYED_HEADERS if name in response.headers
        }
        self.session.add(
            IdempotencyRecord(
                scope=scope,
                key=self.key,
                request_hash=self.request_hash,
                status_code=response.status_code,
                response_body=bytes(response.body).decode(),
                response_headers=json.dumps(headers),
            )
        )
        try:
            await self.session.flush()
        except IntegrityError as exc:
            raise IdempotencyKeyInFlight(
                "A request with this Idempotency-Key is being processed; retry shortly.",
                headers={"Retry-After": "1"},
            ) from exc
        return response


async def sweep_expired(session: SessionDep, *, limit: int = SWEEP_BATCH) -> int:
    """Delete up to `limit` records older than a day; return how many went."""
    expired = (
        select(IdempotencyRecord.id)
        .where(IdempotencyRecord.created_at <= utcnow() - LIFETIME)
        .limit(limit)
        # Two requests sweeping at once take different rows instead of waiting on each other.
        .with_for_update(skip_locked=True)
    )
    result = await session.execute(
        delete(IdempotencyRecord)
        .where(IdempotencyRecord.id.in_(expired))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _idempotency(
    request: Request,
    session: SessionDep,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            pattern=r"^[\x21-\x7e]+$",
            description="A client-chosen key; a retry with the same key and body replays "
            "the first response instead of creating a twin. A key is the caller's own (another "
            "account's key of the same name is another key) and is kept for 24 hours.",
        ),
    ] = None,
) -> Idempotency:
    return Idempotency(session=session, request=request, key=key)


IdempotencyDep = Annotated[Idempotency, Depends(_idempotency)]
