"""The chat WebSocket accepts pages of the site's own origin only: scheme, host
and port (web/consumers/origin.py), over the real ASGI server."""

from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from testing.accounts import UserFactory
from testing.browser import Browser

pytestmark = pytest.mark.django_db(transaction=True)


def _open(base_url: str, cookie: str, origin: str) -> bool:
    url = base_url.replace("http://", "ws://") + "/ws/chat/"
    try:
        with connect(url, origin=origin, additional_headers={"Cookie": cookie}, open_timeout=10) as socket:  # type: ignore[arg-type]
            socket.close()
            return True
    except InvalidStatus:
        return False


def test_only_the_site_s_own_scheme_host_and_port_may_open_the_chat(asgi_server):
    browser = Browser(asgi_server)
    browser.sign_in(UserFactory().email)
    cookie = f"sessionid={browser.session.cookies['sessionid']}"
    port = urlsplit(asgi_server).port

    same = _open(asgi_server, cookie, f"http://127.0.0.1:{port}")
    other_port = _open(asgi_server, cookie, "http://127.0.0.1:9999")
    other_scheme = _open(asgi_server, cookie, f"https://127.0.0.1:{port}")
    other_host = _open(asgi_server, cookie, f"http://localhost.evil.example:{port}")
    no_origin = _open(asgi_server, cookie, "null")

    assert same is True
    assert (other_port, other_scheme, other_host, no_origin) == (False, False, False, False)
