"""A user's email and phone never reach anyone else (API.md, Auth and account).

Walks every route of the URL conf (and checks the OpenAPI schema lists no GET
route the walk missed), fills each path parameter with the ids of the owner's
things, and GETs it over real HTTP as anonymous, as another user, as staff and
as an analyst. No response body may contain the owner's email (or its local
part) or phone. A new route with a path parameter the sweep cannot fill fails
here until a sample is added to PARAMETERS.
"""

import re
import uuid
from itertools import product

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.accounts.tokens import access_token_issue
from core.alerts.services import notifications_record
from core.alerts.unsubscribe import Topic, unsubscribe_token
from core.favorites.services import favorite_add
from core.messaging.services import conversation_start, message_send
from core.push.services import device_register
from indexer.relay import relay_outbox
from search.engine import get_engine
from search.index import listings_alias
from testing.accounts import UserFactory, token_for
from testing.alerts import make_saved_search
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import make_listing

pytestmark = pytest.mark.django_db(transaction=True)

# Operator tooling behind Django's own permissions: only its front door is swept.
ADMIN_PREFIX = "admin/"
# Samples for the named groups of regex routes.
REGEX_SAMPLES = {"path": ["", "account/favorites"]}
# Query strings every path is also called with (search and suggest need one).
QUERIES = ["", "?q=toyota&page_size=100"]


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route as a path template with <name> placeholders."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if prefix + route == ADMIN_PREFIX:
                found.append(ADMIN_PREFIX)
                continue
            found.extend(routes(entry.url_patterns, prefix + route))
        elif isinstance(entry, URLPattern):
            if route.startswith("^"):
                route = re.sub(r"\(\?!.*?\)", "", route.strip("^$"))
                route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)
            found.append(prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route))
    return found


def expand(template: str, samples: dict[str, list[object]]) -> list[str]:
    names = re.findall(r"<(\w+)>", template)
    missing = [name for name in names if name not in samples]
    assert not missing, f"the privacy sweep has no sample for {missing} in {template!r}: add one to PARAMETERS"
    paths = []
    for values in product(*(samples[name] for name in names)):
        path = template
        for name, value in zip(names, values, strict=True):
            path = path.replace(f"<{name}>", str(value), 1)
        paths.append("/" + path)
    return paths


@pytest.fixture
def owner_world(asgi_server, fresh_index):
    tag = uuid.uuid4().hex[:10]
    owner = UserFactory(email=f"private-owner-{tag}@example.bh", phone="+97336125897", display_name="Owner Shown")
    buyer = UserFactory()
    model = toyota_land_cruiser()
    active = make_listing(seller=owner, car=model, description="Owner's car")
    draft = make_listing(seller=owner, car=model, publish=False)
    others = make_listing(car=model)
    favorite_add(user=owner, listing_id=others.pk)
    favorite_add(user=buyer, listing_id=active.pk)
    owner_search = make_saved_search(user=owner, query="make=toyota")
    buyer_search = make_saved_search(user=buyer, query="make=toyota")
    for saved, listing in ((owner_search, others), (buyer_search, active)):
        notifications_record(
            saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=saved.created_at
        )
    # A conversation both ways: the owner sells to the buyer and answers.
    conversation, _, _ = conversation_start(buyer=buyer, listing_id=active.pk, body="Is it still for sale?")
    message_send(sender=owner, conversation_id=conversation.pk, body="Yes, come and see it.")
    relay_outbox()
    get_engine().refresh(listings_alias())
    device = device_register(user=owner, data={"token": f"ExponentPushToken[{tag}]", "platform": "ios"})
    parameters = {
        "conversation_id": [conversation.pk],
        "device_id": [device.pk],
        "token_id": [access_token_issue(user=owner, name="Owner's phone")[0].pk],
        "listing_id": [active.pk, draft.pk],
        "photo_id": [1],
        "name": ["x.jpg"],
        "saved_search_id": [owner_search.pk, buyer_search.pk],
        # the sitemap's pages (web/seo.py SITEMAPS): public listings only
        "section": ["listings-en", "listings-ar"],
        "seller_id": [owner.pk],
        # an alert e-mail's unsubscribe page, for the owner's own link and a forged one
        "token": [unsubscribe_token(user_id=owner.pk, topic=Topic.DIGEST), "forged:token"],
        **REGEX_SAMPLES,
    }
    viewers = {
        "anonymous": Browser(asgi_server),
        "buyer": Browser(asgi_server, token=token_for(buyer)),
        "staff": Browser(asgi_server, token=token_for(UserFactory(is_staff=True))),
        "analyst": Browser(asgi_server, token=token_for(UserFactory(is_analyst=True))),
    }
    secrets = [owner.email, owner.email.split("@")[0], owner.phone, owner.phone.removeprefix("+973")]
    return owner, parameters, viewers, secrets


def test_the_sweep_covers_every_get_route_of_the_schema(asgi_server):
    schema = Browser(asgi_server).get("/api/v1/schema/", params={"format": "json"}).json()
    documented = {
        re.sub(r"\{(\w+)\}", r"<\1>", path).lstrip("/") for path, operations in schema["paths"].items() if "get" in operations
    }

    assert documented - set(routes()) == set()


def test_no_endpoint_shows_the_owner_s_email_or_phone_to_anyone_else(owner_world):
    owner, parameters, viewers, secrets = owner_world
    owner_client = Browser(viewers["anonymous"].base_url, token=token_for(owner))
    # The sweep can fail: the owner's own account does show them.
    assert owner.email in owner_client.get("/api/v1/me").text

    called, seen_listing = 0, False
    for template in routes():
        for path in expand(template, parameters):
            for query in QUERIES:
                for role, client in viewers.items():
                    answer = client.get(path + query)
                    body = answer.text.lower()
                    leaked = [secret for secret in secrets if secret.lower() in body]
                    assert not leaked, f"GET {path + query} as {role} ({answer.status_code}) shows {leaked}"
                    seen_listing |= "owner shown" in body and answer.status_code == 200
                    called += 1

    assert called > 100
    # The owner's listing (with its seller's name) was among what the sweep saw.
    assert seen_listing
