"""Push notifications end to end: the mobile app registers its device over HTTP,
and the real worker pushes new messages and saved-search matches through the
real Expo sender to the recording push service on loopback (testing/push.py),
and reads the receipts back from it."""

from collections.abc import Iterator

import pytest

from core.push.models import Device, PushTicket
from scripts.processes import WorkerProcess
from testing.accounts import PASSWORD, UserFactory
from testing.catalog import toyota_land_cruiser
from testing.listings import make_listing
from testing.messaging import reset_send_limits, start_conversation
from testing.native import NativeClient
from testing.processes import wait_until, worker_env
from testing.push import PushServer, expo_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture(scope="module")
def push_server() -> Iterator[PushServer]:
    server = PushServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def push_worker(django_db_setup, tmp_path_factory, push_server) -> Iterator[WorkerProcess]:
    """The real worker, pushing to the recording server; saved-search alerts and receipts every second."""
    env = worker_env(ALERTS_INTERVAL_SECONDS="1", PUSH_RECEIPTS_SECONDS="1", PUSH_RECEIPT_DELAY_SECONDS="0", **push_server.env())
    worker = WorkerProcess(env, tmp_path_factory.mktemp("push"))
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()


def _app_with_device(
    asgi_server: str, user, language: str, *, gone: bool = False, uninstalled: bool = False
) -> tuple[NativeClient, str]:
    app = NativeClient(asgi_server)
    assert app.sign_in(user.email, PASSWORD).status_code == 200
    token = expo_token(gone=gone, uninstalled=uninstalled)
    registered = app.post("/api/v1/me/devices", {"token": token, "platform": "ios", "language": language})
    assert registered.status_code == 201, registered.text
    return app, token


def test_a_new_message_is_pushed_to_the_recipient_in_their_device_s_language_not_to_the_sender(
    asgi_server, push_worker, push_server
):
    conversation = start_conversation()
    _, seller_token = _app_with_device(asgi_server, conversation.seller, "ar")
    buyer_app, buyer_token = _app_with_device(asgi_server, conversation.buyer, "en")

    sent = buyer_app.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Is the price negotiable?"})
    (push,) = wait_until(lambda: push_server.sent_to(seller_token), timeout=30, message="the seller's push")

    assert sent.status_code == 201, sent.text
    assert push["title"] == f"{conversation.buyer.display_name} بخصوص {conversation.listing.title}"
    assert push["body"] == "Is the price negotiable?"
    assert push["data"] == {"type": "message", "conversation_id": conversation.pk}
    assert push_server.sent_to(buyer_token) == []


def test_an_uninstalled_app_stops_getting_pushes_and_its_device_is_removed(asgi_server, push_worker, push_server):
    conversation = start_conversation()
    _, gone_token = _app_with_device(asgi_server, conversation.seller, "en", gone=True)
    buyer_app = NativeClient(asgi_server)
    buyer_app.sign_in(conversation.buyer.email, PASSWORD)

    buyer_app.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hello?"})

    wait_until(lambda: not Device.objects.filter(token=gone_token).exists(), timeout=30, message="the device removed")
    assert len(push_server.sent_to(gone_token)) == 1


def test_an_app_uninstalled_after_expo_took_the_push_is_removed_when_its_receipt_says_so(asgi_server, push_worker, push_server):
    conversation = start_conversation()
    _, uninstalled = _app_with_device(asgi_server, conversation.seller, "en", uninstalled=True)
    _, healthy = _app_with_device(asgi_server, conversation.seller, "en")
    buyer_app = NativeClient(asgi_server)
    buyer_app.sign_in(conversation.buyer.email, PASSWORD)

    buyer_app.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hello?"})

    wait_until(lambda: not Device.objects.filter(token=uninstalled).exists(), timeout=30, message="the device removed")
    wait_until(lambda: not PushTicket.objects.filter(device__token=healthy).exists(), timeout=30, message="its receipt read")
    assert len(push_server.sent_to(uninstalled)) == 1  # its ticket was "ok"
    assert push_server.receipts_asked_for(uninstalled) >= 1
    assert push_server.receipts_asked_for(healthy) >= 1
    assert Device.objects.filter(token=healthy).exists()


def test_new_matches_of_a_saved_search_are_pushed(asgi_server, push_worker, push_server, fresh_index):
    car = toyota_land_cruiser()
    buyer = UserFactory()
    app, token = _app_with_device(asgi_server, buyer, "en")
    saved = app.post("/api/v1/me/saved-searches", {"name": "Cruisers", "query": "make=toyota&model=land-cruiser"})
    assert saved.status_code == 201, saved.text

    listing = make_listing(car=car)
    (push,) = wait_until(lambda: push_server.sent_to(token), timeout=60, message="the alert's push")

    assert push["title"] == "New cars for “Cruisers”"
    assert push["body"] == "1 new car matches your saved search."
    assert push["data"] == {"type": "alert", "saved_search_id": saved.json()["id"], "listing_id": listing.pk}
