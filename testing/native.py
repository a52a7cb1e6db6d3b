"""The mobile app as the server sees it: no cookie jar, no CSRF token, no Origin;
a token in `Authorization` once signed in (docs/API-notes/mobile.md)."""

from typing import Any

import requests
from websockets.sync.client import ClientConnection, connect


class NativeClient:
    def __init__(self, base_url: str, *, token: str | None = None) -> None:
        self.base_url = base_url
        self.token = token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"} if self.token else {}

    def request(self, method: str, path: str, *, json: Any = None) -> requests.Response:
        # requests.request keeps no cookies between calls: each carries only these headers.
        return requests.request(method, f"{self.base_url}{path}", json=json, headers=self.headers(), timeout=30)

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def post(self, path: str, json: Any = None) -> requests.Response:
        return self.request("POST", path, json=json)

    def delete(self, path: str) -> requests.Response:
        return self.request("DELETE", path)

    def sign_in(self, email: str, password: str, *, name: Any = None) -> requests.Response:
        """`auth/token`, naming this device `name` if given; keeps the token it answers."""
        credentials = {"email": email, "password": password} | ({} if name is None else {"name": name})
        answer = self.post("/api/v1/auth/token", credentials)
        if answer.status_code == 200:
            self.token = answer.json()["token"]
        return answer

    def chat(self, *, authorization: str | None = None) -> ClientConnection:
        """The chat WebSocket, signed in by the token (or the Authorization header given)."""
        header = authorization if authorization is not None else self.headers()["Authorization"]
        url = self.base_url.replace("http://", "ws://") + "/ws/chat/"
        return connect(url, additional_headers={"Authorization": header}, open_timeout=10, close_timeout=5)
