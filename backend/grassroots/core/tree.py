"""The shape of the organization tree's materialized path, which other tables copy."""

# Each path segment is an id in 32 hex digits and a slash: ancestors first, the node last.
SEGMENT_LENGTH = 33
MAX_DEPTH = 30
