import pytest

from testing.messaging import reset_send_limits


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()
