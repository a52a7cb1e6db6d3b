"""Who may do what with the endpoints under /api/v1/me and /auth (issue 6), over
real HTTP: anonymous → 401, another user (plain, staff or analyst) → 404 for
what is not theirs, the owner → 2xx."""

from dataclasses import dataclass

import pytest

from core.alerts.models import Notification
from core.alerts.services import notifications_record
from core.favorites.services import favorite_add
from testing.accounts import PASSWORD, UserFactory, token_for
from testing.alerts import make_saved_search
from testing.browser import Browser
from testing.listings import make_listing

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("anonymous", "other", "staff", "analyst", "owner")  # the owner last: rows may delete


@dataclass
class World:
    clients: dict[str, Browser]
    ids: dict[str, int]


@pytest.fixture
def world(asgi_server) -> World:
    owner = UserFactory()
    users = {
        "owner": owner,
        "other": UserFactory(),
        "staff": UserFactory(is_staff=True),
        "analyst": UserFactory(is_analyst=True),
    }
    clients = {role: Browser(asgi_server, token=token_for(user)) for role, user in users.items()}
    clients["anonymous"] = Browser(asgi_server)
    active, draft = make_listing(), make_listing(seller=owner, publish=False)
    favorite_add(user=owner, listing_id=active.pk)
    saved = make_saved_search(user=owner)
    match = make_listing()
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[match.pk], checked_until=saved.created_at)
    ids = {
        "active": active.pk,
        "draft": draft.pk,
        "saved": saved.pk,
        "notification": Notification.objects.get(saved_search=saved).pk,
    }
    return World(clients=clients, ids=ids)


# method, path, body, expected status per role (others: the value of "other").
MATRIX = [
    ("GET", "/api/v1/me", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("PATCH", "/api/v1/me", {"display_name": "New"}, {"anonymous": 401, "other": 200, "owner": 200}),
    ("POST", "/api/v1/me/password", {"current_password": PASSWORD, "new_password": "an0ther-Long-secret"},
     {"anonymous": 401, "other": 204, "owner": 204}),
    ("GET", "/api/v1/me/favorites", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("GET", "/api/v1/me/favorites/ids", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("PUT", "/api/v1/me/favorites/{active}", None, {"anonymous": 401, "other": 204, "owner": 204}),
    ("PUT", "/api/v1/me/favorites/{draft}", None, {"anonymous": 401, "other": 404, "staff": 204, "owner": 204}),
    ("DELETE", "/api/v1/me/favorites/{active}", None, {"anonymous": 401, "other": 204, "owner": 204}),
    ("GET", "/api/v1/me/saved-searches", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("POST", "/api/v1/me/saved-searches", {"query": "make=nissan"}, {"anonymous": 401, "other": 201, "owner": 201}),
    ("GET", "/api/v1/me/saved-searches/{saved}", None, {"anonymous": 401, "other": 404, "owner": 200}),
    ("PATCH", "/api/v1/me/saved-searches/{saved}", {"alert": False}, {"anonymous": 401, "other": 404, "owner": 200}),
    ("DELETE", "/api/v1/me/saved-searches/{saved}", None, {"anonymous": 401, "other": 404, "owner": 204}),
    ("GET", "/api/v1/me/notifications", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("GET", "/api/v1/me/notifications/unread-count", None, {"anonymous": 401, "other": 200, "owner": 200}),
    ("POST", "/api/v1/me/notifications/read", {"ids": ["{notification}"]}, {"anonymous": 401, "other": 204, "owner": 204}),
    ("POST", "/api/v1/me/notifications/read", {"all": True}, {"anonymous": 401, "other": 204, "owner": 204}),
]  # fmt: skip


def _fill(value, ids):
    if isinstance(value, str) and value.startswith("{"):
        return ids[value.strip("{}")]
    if isinstance(value, list):
        return [_fill(item, ids) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX, ids=[f"{row[0]} {row[1]}" for row in MATRIX])
def test_the_permission_matrix(world, method, path, body, expected):
    url = path.format(**world.ids)
    got = {}
    for role in ROLES:
        answer = world.clients[role].request(method, url, json=_fill(body, world.ids))
        got[role] = answer.status_code

    assert got == {role: expected.get(role, expected["other"]) for role in ROLES}


def test_others_never_see_or_change_the_owner_s_things(world):
    owner = world.clients["owner"]
    for role in ("other", "staff", "analyst"):
        client = world.clients[role]
        assert client.get("/api/v1/me/favorites").json()["count"] == 0
        assert client.get("/api/v1/me/favorites/ids").json() == {"ids": []}
        assert client.get("/api/v1/me/saved-searches").json()["count"] == 0
        assert client.get("/api/v1/me/notifications").json()["count"] == 0
        assert client.post("/api/v1/me/notifications/read", {"ids": [world.ids["notification"]]}).status_code == 204
        assert client.post("/api/v1/me/notifications/read", {"all": True}).status_code == 204

    assert owner.get("/api/v1/me/favorites/ids").json() == {"ids": [world.ids["active"]]}
    assert [row["id"] for row in owner.get("/api/v1/me/saved-searches").json()["results"]] == [world.ids["saved"]]
    assert owner.get("/api/v1/me/notifications/unread-count").json() == {"unread_count": 1}
