"""JSON rendering with orjson: the search answer (facets and all) is the
largest body the API writes on every request."""

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_fallback = JSONEncoder()


class OrjsonRenderer(JSONRenderer):
    """Same output as DRF's JSONRenderer (UTF-8, compact), faster.

    Types orjson does not know (Decimal, lazy translations, …) go through DRF's
    own encoder, so every view renders as before.
    """

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_fallback.default, option=orjson.OPT_NON_STR_KEYS)
