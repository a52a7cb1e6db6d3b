"""Fixtures of the indexer's tests."""

import pytest

from indexer.index_admin import listings_body
from search.engine import get_engine


@pytest.fixture
def rejecting_engine(fresh_index):
    """The real engine refusing one document: an index whose `trim` is numeric,
    so a listing with a worded trim fails to parse (a per-document failure)."""
    engine = get_engine()
    engine.delete_index(engine.indices_for_alias(fresh_index)[0])
    body = listings_body()
    body["mappings"]["properties"]["trim"] = {"type": "integer"}
    body["aliases"] = {fresh_index: {}}
    engine.create_index(f"{fresh_index}-rejecting", body)
    yield fresh_index
    engine.delete_index(f"{fresh_index}-rejecting")
