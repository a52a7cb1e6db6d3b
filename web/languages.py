"""The language of a connection Django's LocaleMiddleware never sees (the ASGI layer's
own refusals, the chat WebSocket): the first supported one its Accept-Language names."""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


def accept_language(header: bytes) -> str:
    for language, _weight in parse_accept_lang_header(header.decode("latin-1")):
        try:
            return get_supported_language_variant(language)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
