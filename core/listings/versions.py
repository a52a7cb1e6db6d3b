"""The one rule for a listing's version (docs/decisions/index-sync.md, "Versions").

The index keeps each document at the version it was sent with
(version_type=external) and refuses anything older or equal. A version that
only counted up would be reused after the database lost its newest commits
(a crash, a restore from backup, a failover to a lagging replica): the next
edit would carry a number the index already holds, be refused, and stay
invisible. So a version is also at least the current time in microseconds:
it never goes backwards while the clock does not, and a restored row's next
edit outranks everything indexed before the restore.

Microseconds since 1970 (about 1.8e15 today) fit PostgreSQL's bigint, the
engine's long and JavaScript's safe integers (9e15, until the 2250s).
"""

import time

from django.db.models import F, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest


def clock_version() -> int:
    return time.time_ns() // 1000


def next_version(previous: int = 0) -> int:
    """The version after `previous`: one more, or the clock if that is higher."""
    return max(previous + 1, clock_version())


def next_version_sql() -> Combinable:
    """`next_version(version)` for a bulk UPDATE."""
    return Greatest(F("version") + 1, Value(clock_version()))
