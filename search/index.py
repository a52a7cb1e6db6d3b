"""The listings index: its alias, versioned names, analyzers and mapping.

Searches and writes go through the alias; a rebuild (indexer/rebuild.py)
creates a new versioned index and swaps the alias atomically.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

# Keyword fields buyers filter and facet on (API.md, Search).
FACET_FIELDS = (
    "make",
    "model",
    "body_type",
    "fuel",
    "transmission",
    "drivetrain",
    "regional_spec",
    "condition",
    "region",
    "seller_type",
    "color",
)
# Range facets: API name → index field.
RANGE_FIELDS = {"year": "year", "price": "price_minor", "mileage_km": "mileage_km"}


# The layout rule (docs/decisions/search-cluster.md): a shard holds at most this
# much (search-heavy shards are kept at 10–30 GB), a listing's document takes
# about this much on disk (measured: 59 MB for 100,000 listings), and at most
# this many replicas: two, so that on three nodes every node holds every shard
# and losing one still leaves two copies.
SHARD_TARGET_BYTES = 25 * 2**30
DOCUMENT_BYTES = 600
MAX_REPLICAS = 2


@dataclass(frozen=True)
class IndexLayout:
    shards: int
    replicas: int


def index_layout(*, expected_documents: int, data_nodes: int) -> IndexLayout:
    """Shards and replicas of a new listings index: as few shards as the size
    allows (each shard of a search costs a task and a merge of its facets), one
    replica per node beyond the first, up to MAX_REPLICAS. SEARCH_SHARDS and
    SEARCH_REPLICAS, when set, win."""
    shards = max(1, math.ceil(expected_documents * DOCUMENT_BYTES / SHARD_TARGET_BYTES))
    replicas = max(0, min(data_nodes - 1, MAX_REPLICAS))
    return IndexLayout(
        shards=settings.SEARCH_SHARDS if settings.SEARCH_SHARDS is not None else shards,
        replicas=settings.SEARCH_REPLICAS if settings.SEARCH_REPLICAS is not None else replicas,
    )


def listings_alias() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-listings"


def new_index_name(now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{listings_alias()}-{stamp}"


def is_listings_index(name: str) -> bool:
    """Whether an index is one of this instance's listings indices (new_index_name, or the first one)."""
    return re.fullmatch(rf"{re.escape(listings_alias())}-(initial|\d{{20}})", name) is not None


def synonym_rules(groups: Iterable[Iterable[str]]) -> list[str]:
    """Solr-style equivalence rules ("تويوتا, toyota") from groups of names."""
    rules = []
    for group in groups:
        names = sorted({" ".join(str(name).replace(",", " ").split()).lower() for name in group if str(name).strip()})
        if len(names) > 1:
            rules.append(", ".join(names))
    return rules


def _keyword() -> dict[str, Any]:
    return {"type": "keyword"}


def _names() -> dict[str, Any]:
    """Make and model names: matched as typed, with the synonyms at search time."""
    return {
        "type": "text",
        "analyzer": "sayara_text",
        "search_analyzer": "sayara_text_search",
        "copy_to": ["all_text"],
    }


def listings_index_body(
    *,
    synonyms: list[str],
    layout: IndexLayout = IndexLayout(shards=1, replicas=0),
    refresh_interval: str | None = None,
    replicas: int | None = None,
) -> dict[str, Any]:
    """The create-index body. `synonyms` come from the catalog (indexer/catalog_synonyms);
    `replicas` overrides the layout's (a rebuild writes without replicas, then adds them)."""
    # Arabic-Indic digits fold to Latin (decimal_digit) and Arabic letters to
    # their plain forms (arabic_normalization) in every analyzer, so "٢٠٢٠"
    # finds 2020 and "أحمر" finds "احمر".
    base_filters = ["lowercase", "decimal_digit", "arabic_normalization", "asciifolding"]
    return {
        "settings": {
            "index": {
                "number_of_shards": layout.shards,
                "number_of_replicas": layout.replicas if replicas is None else replicas,
                # Explicit: an unset interval stops refreshing idle shards (ARCHITECTURE.md, guarantee 3).
                "refresh_interval": refresh_interval or settings.SEARCH_REFRESH_INTERVAL,
                "max_result_window": 10000,
                "gc_deletes": "60s",
            },
            "analysis": {
                "filter": {
                    "sayara_synonyms": {"type": "synonym_graph", "synonyms": synonyms or ["sayara, سيارة"], "lenient": True},
                    "arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
                    "arabic_stemmer": {"type": "stemmer", "language": "arabic"},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "light_english"},
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "autocomplete_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
                },
                "analyzer": {
                    "sayara_text": {"type": "custom", "tokenizer": "standard", "filter": base_filters},
                    "sayara_text_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*base_filters, "sayara_synonyms"],
                    },
                    "sayara_en": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["english_possessive", "lowercase", "decimal_digit", "english_stop", "english_stemmer"],
                    },
                    "sayara_ar": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "decimal_digit", "arabic_normalization", "arabic_stop", "arabic_stemmer"],
                    },
                    "sayara_prefix": {"type": "custom", "tokenizer": "standard", "filter": [*base_filters, "autocomplete_edge"]},
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "version": {"type": "long"},
                "status": _keyword(),
                "seller_id": {"type": "long"},
                **{field: _keyword() for field in FACET_FIELDS},
                # "make/model": the hierarchy key (model slugs are unique only within a make).
                "make_model": _keyword(),
                "make_name_en": _names(),
                "make_name_ar": _names(),
                "model_name_en": _names(),
                "model_name_ar": _names(),
                "title": {
                    "type": "text",
                    "analyzer": "sayara_text",
                    "search_analyzer": "sayara_text_search",
                    "copy_to": ["all_text"],
                    "fields": {"en": {"type": "text", "analyzer": "sayara_en"}, "ar": {"type": "text", "analyzer": "sayara_ar"}},
                },
                "trim": {"type": "text", "analyzer": "sayara_text", "copy_to": ["all_text"], "fields": {"raw": _keyword()}},
                "description": {
                    "type": "text",
                    "analyzer": "sayara_text",
                    "search_analyzer": "sayara_text_search",
                    "fields": {"en": {"type": "text", "analyzer": "sayara_en"}, "ar": {"type": "text", "analyzer": "sayara_ar"}},
                },
                # Year and the enums' labels in both languages, so "gcc 2019 أبيض" finds cars.
                "keywords": {"type": "text", "analyzer": "sayara_text", "copy_to": ["all_text"]},
                "all_text": {"type": "text", "analyzer": "sayara_text", "search_analyzer": "sayara_text_search"},
                # Suggestions: make and model names in both languages, matched by prefix.
                "suggest": {"type": "text", "analyzer": "sayara_prefix", "search_analyzer": "sayara_text_search"},
                "year": {"type": "short"},
                "price_minor": {"type": "long"},
                "price_drop_minor": {"type": "long"},
                "price_changed_at": {"type": "date"},
                "deal_percent": {"type": "float"},
                "mileage_km": {"type": "integer"},
                "currency": _keyword(),
                "country": _keyword(),
                "thumbnail_url": {"type": "keyword", "index": False, "doc_values": False},
                "photo_count": {"type": "short"},
                "created_at": {"type": "date"},
                "published_at": {"type": "date"},
                "updated_at": {"type": "date"},
                "sold_at": {"type": "date"},
                "expires_at": {"type": "date"},
            },
        },
    }
