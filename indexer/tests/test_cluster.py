"""A three-node OpenSearch cluster losing a node: buyers and sellers never notice.

A private cluster (three JVMs on loopback, small heaps; scripts/processes.py)
behind the real ASGI server and Celery worker, SEARCH_URL listing the three
nodes. Sellers edit and buyers search throughout; one node is SIGKILLed
(the elected cluster manager: the worst one to lose) and brought back, then
every node is restarted in turn. No request may fail, every acknowledged edit
must end up searchable at its own price, and the cluster must be green again.
docs/decisions/search-cluster.md explains the failover this proves.
"""

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
import requests
from django.conf import settings

from indexer.index_admin import ensure_listings_index
from indexer.tests.sellers import TIMEOUT, Seller, Writer
from scripts.processes import OpenSearchCluster, OpenSearchProcess, WebProcess, WorkerProcess
from search.engine import get_engine
from search.index import listings_alias
from testing.processes import wait_until, worker_env

# Three node restarts, each waited for (up to 3 min), outlast pytest's 300 s on a loaded machine.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.faults, pytest.mark.timeout(900)]

LISTINGS = 6


class Buyers(threading.Thread):
    """Searches the seller's cars (and everything) over HTTP until stopped, counting answers by status."""

    def __init__(self, seller: Seller) -> None:
        super().__init__(daemon=True)
        self.seller = seller
        self.statuses: Counter[str] = Counter()
        self.failures: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        http = requests.Session()
        n = 0
        while not self.stopping.is_set():
            params = {"q": self.seller.word} if n % 2 else {"make": "toyota", "page": str(n % 3 + 1)}
            n += 1
            try:
                answer = http.get(f"{self.seller.url}/api/v1/search/listings", params=params, timeout=TIMEOUT)
                outcome = str(answer.status_code)
                if answer.status_code != 200:
                    self.failures.append(f"{answer.status_code} {answer.text[:200]}")
            except requests.RequestException as exc:
                outcome = exc.__class__.__name__
                self.failures.append(repr(exc))
            self.statuses[outcome] += 1

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=TIMEOUT * 2)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenSearchCluster]:
    nodes = OpenSearchCluster(tmp_path_factory.mktemp("cluster"), size=3, heap="320m").start()
    yield nodes
    nodes.stop()


@pytest.fixture
def stack(cluster: OpenSearchCluster, tmp_path, settings) -> Iterator[tuple[Seller, OpenSearchCluster]]:  # type: ignore[no-untyped-def]
    """The web server and a worker on the cluster, with the test's index on it (two replicas: every node holds it)."""
    settings.SEARCH_URL = cluster.url
    # A cluster moving shards on a loaded machine answers admin calls slowly: wait, do not fail.
    settings.SEARCH_TIMEOUT = 30
    get_engine.cache_clear()
    engine = get_engine()
    for index in engine.indices_for_alias(listings_alias()):
        engine.delete_index(index)
    ensure_listings_index()
    assert engine.cluster_health(listings_alias(), wait_for_status="green", timeout_seconds=60)["status"] == "green"
    env = worker_env(SEARCH_URL=cluster.url, SEARCH_TIMEOUT="20")
    web, worker = WebProcess(env, tmp_path).start(), WorkerProcess(env, tmp_path).start()
    try:
        seller = Seller(web.url)
        yield seller, cluster
    finally:
        worker.stop()
        web.stop()
        get_engine.cache_clear()


def cluster_manager(cluster: OpenSearchCluster) -> OpenSearchProcess:
    answer = requests.get(f"{cluster.nodes[0].url}/_cat/cluster_manager?format=json", timeout=10).json()
    http_port = {node.port: node for node in cluster.nodes}
    nodes = requests.get(f"{cluster.nodes[0].url}/_nodes/http", timeout=10).json()["nodes"]
    address = nodes[answer[0]["id"]]["http"]["publish_address"]
    return http_port[int(address.rsplit(":", 1)[1])]


def under_load(seller: Seller, ids: list[int]) -> tuple[Writer, Buyers]:
    writer, buyers = Writer(seller, ids), Buyers(seller)
    writer.start()
    buyers.start()
    return writer, buyers


def settle(seller: Seller, writer: Writer, buyers: Buyers) -> None:
    """No request failed, and the index settles on every acknowledged edit."""
    expected = writer.stop()
    buyers.stop()
    assert not writer.refused, f"sellers saw failures: {writer.refused[:5]}"
    assert not buyers.failures, f"buyers saw failures: {buyers.failures[:5]} of {dict(buyers.statuses)}"
    assert writer.writes > 20 and buyers.statuses["200"] > 20, (writer.writes, dict(buyers.statuses))
    wait_until(lambda: seller.searchable_prices() == expected, timeout=60, message="every acknowledged edit searchable")


def test_a_node_killed_mid_burst_loses_nothing(stack):
    seller, cluster = stack
    ids = [seller.create(n) for n in range(LISTINGS)]
    wait_until(lambda: len(seller.searchable_prices()) == LISTINGS, timeout=30, message="the listings searchable")
    writer, buyers = under_load(seller, ids)
    wait_until(lambda: writer.writes > 10, timeout=30, message="the burst under way")

    victim = cluster_manager(cluster)
    victim.kill()
    survivors = [node for node in cluster.nodes if node is not victim]
    health = cluster.wait_for("yellow", nodes=2, timeout=60)
    assert health["status"] in ("yellow", "green")
    writes_while_down = writer.writes
    wait_until(lambda: writer.writes > writes_while_down + 20, timeout=30, message="edits go on with a node down")

    victim.start()
    assert cluster.wait_for("green", nodes=3, timeout=120)["status"] == "green"
    settle(seller, writer, buyers)
    assert cluster.health(via=survivors)["status"] == "green"


def test_a_rolling_restart_fails_no_request(stack):
    seller, cluster = stack
    ids = [seller.create(n) for n in range(LISTINGS)]
    wait_until(lambda: len(seller.searchable_prices()) == LISTINGS, timeout=30, message="the listings searchable")
    writer, buyers = under_load(seller, ids)
    for node in cluster.nodes:
        node.stop()  # SIGTERM: the node leaves the cluster cleanly
        cluster.wait_for("yellow", nodes=2, timeout=60)
        node.start()
        cluster.wait_for("green", nodes=3, timeout=120)
    settle(seller, writer, buyers)
    assert get_engine().cluster_health()["number_of_nodes"] == 3
    assert settings.SEARCH_URL.count(",") == 2
