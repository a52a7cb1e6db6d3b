"""The mobile app against the real API: jest renders the app (mobile/src/live)
and taps through it while its requests go to the uvicorn of `asgi_server`;
this side makes the seller and checks what the taps wrote. Its screens' other
cases run against recorded answers (mobile/src/**/__tests__)."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from core.accounts.services import phone_format_message
from testing.accounts import PASSWORD, UserFactory, fresh_phone
from testing.listings import make_listing
from testing.native import NativeClient
from testing.photos import photo_file

pytestmark = pytest.mark.django_db(transaction=True)

MOBILE = Path(__file__).resolve().parents[2] / "mobile"
LIVE_TEST = "src/live/seller.live.test.tsx"


def _signed_in(server: str, email: str) -> str:
    app = NativeClient(server)
    answer = app.sign_in(email, PASSWORD)
    assert answer.status_code == 200, answer.text
    return str(app.token)


@pytest.mark.skipif(
    not (MOBILE / "node_modules").is_dir(), reason="mobile/node_modules is not installed (scripts/test.sh installs it)"
)
def test_the_app_edits_a_profile_and_a_listing_on_the_real_api_in_arabic(asgi_server, tmp_path):
    seller = UserFactory(display_name="Huda", preferred_language="ar", phone="", shows_call=False, shows_whatsapp=False)
    listing = make_listing(seller=seller)
    phone = fresh_phone()
    # The photo in the phone's library (the app's picker, as the live test stands it in).
    photo = tmp_path / "car.jpg"
    photo.write_bytes(photo_file(22, fmt="JPEG"))
    with translation.override("ar"):
        phone_error = phone_format_message(seller.country)
    with translation.override("en"):
        assert phone_error != phone_format_message(seller.country), "the Arabic catalogue is compiled"
    live = {
        "api": asgi_server,
        # A token as the app gets one, by signing in.
        "token": _signed_in(asgi_server, seller.email),
        "name": "Huda",
        "title": listing.title,
        "phone": phone,
        "phoneError": phone_error,
        "photo": photo.as_uri(),
    }

    run = subprocess.run(
        ["npx", "jest", "--ci", "--runTestsByPath", LIVE_TEST],
        cwd=MOBILE,
        env={**os.environ, "SAYARA_LIVE": json.dumps(live)},
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-20000:]
    assert "1 passed" in run.stderr, run.stderr[-4000:]
    seller.refresh_from_db()
    listing.refresh_from_db()
    assert (seller.display_name, seller.phone) == ("Huda Ali", phone)
    assert (str(listing.price), listing.description, listing.status) == ("8200.000", "مالك واحد، إطارات جديدة.", "active")
    assert [(item.width, item.height) for item in listing.photos.all()] == [(640, 480)]
