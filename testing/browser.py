"""Clients of the real ASGI server (conftest.asgi_server): the browser app's way
(session cookie, CSRF cookie echoed in X-CSRFToken) and a script's (a token)."""

from typing import Any

import requests
from websockets.sync.client import ClientConnection, connect

from testing.accounts import PASSWORD

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class Browser:
    def __init__(self, base_url: str, *, token: str | None = None) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Token {token}"

    def request(self, method: str, path: str, *, json: Any = None, csrf: bool = True, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if csrf and method in UNSAFE and "Authorization" not in self.session.headers:
            headers["X-CSRFToken"] = self.csrf_token()
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, self.base_url + path, json=json, headers=headers, **kwargs)

    def csrf_token(self) -> str:
        if "csrftoken" not in self.session.cookies:
            answer = self.session.get(f"{self.base_url}/api/v1/auth/csrf", timeout=30)
            assert answer.status_code == 204, answer.text
        return self.session.cookies["csrftoken"]

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, json=json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, json=json, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def sign_in(self, email: str, password: str = PASSWORD) -> requests.Response:
        answer = self.post("/api/v1/auth/login", {"email": email, "password": password})
        assert answer.status_code == 200, answer.text
        return answer

    def chat(self) -> ClientConnection:
        """The chat WebSocket as the web app opens it: this browser's cookies, the site's Origin."""
        url = self.base_url.replace("http://", "ws://") + "/ws/chat/"
        cookies = "; ".join(f"{name}={value}" for name, value in self.session.cookies.items())
        headers = {"Cookie": cookies, "Origin": self.base_url}
        return connect(url, additional_headers=headers, open_timeout=10, close_timeout=5)
