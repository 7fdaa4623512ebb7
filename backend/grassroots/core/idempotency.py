"""`Idempotency-Key` on POST: a retried request replays the first response, never a twin."""

import hashlib
import json
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import Integer, String, Text, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from grassroots.core.db import Base, SessionDep, utcnow
from grassroots.core.errors import ConflictError, InvalidRequest

REPLAYED_HEADERS = ("location", "etag")


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
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdempotencyKeyReused(InvalidRequest):
    """The key was first sent with another request body."""

    code = "idempotency_key_reused"


class IdempotencyKeyInFlight(ConflictError):
    """Another request with the same key is being processed right now."""

    code = "idempotency_key_in_flight"


class Idempotency:
    """Replays or records the response of one POST, in the request's transaction."""

    def __init__(self, *, session: SessionDep, key: str | None, scope: str):
        self.session = session
        self.key = key
        self.scope = scope
        self.request_hash = ""

    async def replay(self, payload: BaseModel) -> Response | None:
        """Return the stored response for this key, if the same request was already served."""
        if self.key is None:
            return None
        canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True)
        self.request_hash = hashlib.sha256(canonical.encode()).hexdigest()
        stored = await self.session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.scope == self.scope, IdempotencyRecord.key == self.key
            )
        )
        if stored is None:
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
        if self.key is None:
            return response
        headers = {
            name: response.headers[name] for name in REPLAYED_HEADERS if name in response.headers
        }
        self.session.add(
            IdempotencyRecord(
                scope=self.scope,
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


def _idempotency(
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
            "the first response instead of creating a twin.",
        ),
    ] = None,
) -> Idempotency:
    return Idempotency(session=session, key=key, scope=f"POST {request.url.path}")


IdempotencyDep = Annotated[Idempotency, Depends(_idempotency)]
