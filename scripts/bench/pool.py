"""`make bench` arm "pool": PostgreSQL connections under load, three ways.

The listing page's API (GET /api/v1/listings/{id}: the listing, its photos,
the seller, a view recorded) is a request that needs the database and not the
engine. The same closed loop (`--clients` clients, each sending its next
request when the last answered) runs against the web server configured as:

- connect_per_request  CONN_MAX_AGE 0, no pool: a new connection per request
                       (the dev default);
- persistent           CONN_MAX_AGE 60: one connection per thread, kept;
- pool                 POSTGRES_POOL_SIZE 4: Django's psycopg pool per process.

Beside each: requests/s, latency, errors, and the connections the bench
database saw open at the end (pg_stat_activity), the figure a pool bounds.
"""

import random

import requests
from django.db import connection

from core.listings.models import Listing
from scripts.bench.context import Bench, log
from scripts.bench.search_api import closed_loop

CONFIGS = {
    "connect_per_request": {"POSTGRES_CONN_MAX_AGE": "0", "POSTGRES_POOL_SIZE": "0"},
    "persistent": {"POSTGRES_CONN_MAX_AGE": "60", "POSTGRES_POOL_SIZE": "0"},
    "pool": {"POSTGRES_CONN_MAX_AGE": "0", "POSTGRES_POOL_SIZE": "4"},
}


def open_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def run(bench: Bench) -> dict:
    ids = list(Listing.objects.filter(status="active").values_list("pk", flat=True)[:5000])
    random.Random(7).shuffle(ids)
    clients, seconds = bench.args.clients, bench.args.ceiling_seconds
    out: dict = {"endpoint": "GET /api/v1/listings/{id}", "clients": clients, "seconds_each": seconds}
    for name, env in CONFIGS.items():
        with bench.web(name=f"web-{name}", **env) as web:
            with requests.Session() as http:
                for listing_id in ids[:50]:  # warm: imports, first connections
                    http.get(f"{web.url}/api/v1/listings/{listing_id}", timeout=30)
            log(f"pool: {name}, {clients} clients")
            figures = closed_loop(
                lambda http, n: http.get(f"{web.url}/api/v1/listings/{ids[n % len(ids)]}", timeout=30),
                clients=clients,
                seconds=seconds,
            )
            figures["connections_open_at_end"] = open_connections()
            out[name] = {"env": env, **figures}
    base = out["connect_per_request"]["requests_per_s"]
    out["throughput_over_connect_per_request"] = {name: round(out[name]["requests_per_s"] / base, 3) for name in CONFIGS if base}
    return out
