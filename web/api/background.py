"""Work a request starts but does not wait for: recording behaviour events.

Pushing an event to Redis cost about a fifth of a search request's own time;
the answer does not depend on it, so it runs on one background thread per
process. Its failures are logged; they never reach the request.
"""

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

logger = logging.getLogger(__name__)

# One thread keeps the events of a process in order; created on first use (after a fork).
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="request-background")


def _report(future: "Future[Any]") -> None:
    error = future.exception()
    if error is not None:
        logger.error("background.failed", extra={"error": repr(error)})


def in_background(fn: Callable[..., Any], /, **kwargs: Any) -> None:
    _executor.submit(fn, **kwargs).add_done_callback(_report)


def background_settled(timeout: float = 5.0) -> None:
    """Wait until what was started before now has run (tests read its effects)."""
    _executor.submit(lambda: None).result(timeout=timeout)
