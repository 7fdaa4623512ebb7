"""The time zone the service is done in, and what day it is there."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Asia/Shanghai")


def local_today() -> date:
    """Today in China: the day a date entered by a user is checked against, whatever the
    server's own time zone."""
    return datetime.now(LOCAL_TIME).date()
