"""A seller and a writer over real HTTP, for the tests that take services away
under them (test_faults.py, test_cluster.py)."""

import itertools
import threading
import time
import uuid

import requests

from testing.accounts import UserFactory, token_for
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data

TIMEOUT = 15  # seconds any single request may take: a write must never hang on a dead service


class Seller:
    def __init__(self, url: str) -> None:
        self.url = url
        self.token = token_for(UserFactory())
        self.sessions = threading.local()  # one HTTP session per thread: writers run side by side
        self.word = "zq" + uuid.uuid4().hex[:8]
        self.car = toyota_land_cruiser()

    @property
    def http(self) -> Browser:
        if not hasattr(self.sessions, "browser"):
            self.sessions.browser = Browser(self.url, token=self.token)
        return self.sessions.browser

    # Prices here move far from the comparables' band on purpose: the seller confirms
    # each one (core/listings/prices.py), as a real seller would when asked.
    def create(self, n: int) -> int:
        data = listing_data(
            self.car, description=f"{self.word} car {n}", price="10000", price_confirmed=True, duplicate_confirmed=True
        )
        answer = self.http.post("/api/v1/listings", data, timeout=TIMEOUT)
        assert answer.status_code == 201, answer.text
        return answer.json()["id"]

    def set_price(self, listing_id: int, price: str) -> None:
        answer = self.http.patch(f"/api/v1/listings/{listing_id}", {"price": price, "price_confirmed": True}, timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text

    def search(self) -> requests.Response:
        return self.http.get("/api/v1/search/listings", params={"q": self.word, "page_size": 100}, timeout=TIMEOUT)

    def searchable_prices(self) -> dict[int, str]:
        answer = self.search()
        return {hit["id"]: hit["price"] for hit in answer.json()["results"]} if answer.ok else {}


class Writer(threading.Thread):
    """Edits prices over HTTP until stopped. Remembers, per listing, the last
    price the API acknowledged and the prices tried since (a write whose answer
    was lost may or may not have committed)."""

    prices = itertools.count(20000)  # every price written in a run is a new one

    def __init__(self, seller: Seller, ids: list[int]) -> None:
        super().__init__(daemon=True)
        self.seller, self.ids = seller, ids
        self.acknowledged: dict[int, str] = {}
        self.unanswered: dict[int, list[str]] = {listing_id: [] for listing_id in ids}
        self.refused: list[str] = []
        self.stopping = threading.Event()
        self.writes = 0

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            listing_id = self.ids[n % len(self.ids)]
            price = f"{next(self.prices)}.000"
            n += 1
            try:
                answer = self.seller.http.patch(
                    f"/api/v1/listings/{listing_id}", {"price": price, "price_confirmed": True}, timeout=TIMEOUT
                )
            except requests.RequestException as exc:
                answer, detail = None, repr(exc)
            if answer is not None and answer.status_code == 200:
                self.acknowledged[listing_id] = price
                self.unanswered[listing_id] = []
                self.writes += 1
            else:
                self.unanswered[listing_id].append(price)
                self.refused.append(f"{answer.status_code} {answer.text[:200]}" if answer is not None else detail)
                time.sleep(0.05)

    def stop(self) -> dict[int, str]:
        self.stopping.set()
        self.join(timeout=TIMEOUT * 2)
        assert not self.is_alive(), "the writer hung"
        return self.acknowledged
