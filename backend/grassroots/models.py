"""Every table of the app, imported so that the metadata is complete (for Alembic)."""

from grassroots.core.db import Base
from grassroots.core.idempotency import IdempotencyRecord
from grassroots.organizations.models import Organization

__all__ = ["Base", "IdempotencyRecord", "Organization"]
