import sys
from types import ModuleType

import pytest

from core.messaging.tests.factories import reset_send_limits

try:
    import daphne.testing  # noqa: F401
except ModuleNotFoundError:
    # channels.testing (4.3) imports daphne at import time for its live-server
    # test case only, which these tests do not use; until daphne joins
    # requirements/dev.in, a stand-in lets WebsocketCommunicator load.
    stand_in = ModuleType("daphne.testing")
    stand_in.DaphneProcess = type("DaphneProcess", (), {})  # type: ignore[attr-defined]
    sys.modules.setdefault("daphne", ModuleType("daphne"))
    sys.modules["daphne.testing"] = stand_in


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()
