"""Schemathesis against the real stack (uvicorn, PostgreSQL, Redis, the engine):
every operation of the published schema, as an ordinary user and as a seller,
with its stateful phase (creates followed by reads, edits and deletes of what
was created). No server error, no answer that breaks the schema, no status the
schema does not list (docs/decisions/security.md, "A schema that tells the truth").

Bounded: each role gets SCHEMATHESIS_SECONDS of the run (a few minutes in all);
SCHEMATHESIS_SEED and SCHEMATHESIS_EXAMPLES (per operation) hunt beyond CI's run.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.messaging.services import conversation_start
from testing.accounts import UserFactory, token_for
from testing.catalog import toyota_land_cruiser
from testing.index import index_listings
from testing.listings import make_listing
from testing.messaging import reset_send_limits

SECONDS = int(os.environ.get("SCHEMATHESIS_SECONDS", "75"))
# CI keeps one seed so a run repeats; another seed, more examples or a longer run explore other data.
SEED = os.environ.get("SCHEMATHESIS_SEED", "2026")
EXAMPLES = os.environ.get("SCHEMATHESIS_EXAMPLES", "8")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(max(900, SECONDS * 4 + 300))]

FINDING = re.compile(r"^_+ [A-Z]+ /|^- ST\d+|^\s+(Received|Documented):|^\[\d{3}\]")
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"


def _run(base_url: str, token: str, report: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{base_url}/api/v1/schema/?format=json",
        "--url",
        base_url,
        "--header",
        f"Authorization: Token {token}",
        # Signing out with the token revokes it (as revoking it by its id would): every later request
        # of the run would be a 401.
        "--exclude-operation-id",
        "auth_logout_create",
        "--exclude-operation-id",
        "me_tokens_destroy",
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        EXAMPLES,
        "--max-time",
        str(SECONDS),
        "--request-timeout",
        "20",
        "--seed",
        SEED,
        # One worker: with several, CPython 3.11's AST constructor (used by Hypothesis) is
        # not thread-safe and the client itself can fail ("recursion depth mismatch").
        "--workers",
        "1",
        "--continue-on-failure",
        "--no-color",
        "--warnings",
        "off",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=SECONDS * 4 + 120, check=False)


@pytest.fixture
def seller_token(asgi_server, fresh_index) -> str:
    reset_send_limits()  # user ids repeat across recreated databases: an earlier run's counts are not this one's
    seller, buyer = UserFactory(), UserFactory()
    car = toyota_land_cruiser()
    listing = make_listing(seller=seller, car=car)
    make_listing(seller=seller, car=car, publish=False)
    conversation_start(buyer=buyer, listing_id=listing.pk, body="Is it still for sale?")
    # The operations that search find an index of their own, whatever ran before (a run alone has none).
    index_listings()
    return token_for(seller)


@pytest.mark.parametrize("role", ["user", "seller"])
def test_the_api_keeps_to_its_schema_under_schemathesis(asgi_server, seller_token, role, tmp_path):
    token = seller_token if role == "seller" else token_for(UserFactory())

    result = _run(asgi_server, token, tmp_path / "events.ndjson")

    # Each failing operation, what failed and the answer, then the run's summary.
    findings = [line for line in result.stdout.splitlines() if FINDING.search(line)]
    summary = "\n".join([*findings[:150], *result.stdout.splitlines()[-30:]])
    assert result.returncode == 0, f"Schemathesis as a {role} found problems:\n{summary}\n{result.stderr[-2000:]}"
