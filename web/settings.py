"""Django settings for Sayara, read from the environment through web/env.py.

Defaults run the local stack that scripts/lib.sh starts; production overrides
only what differs (README, "Configuration").
"""

import datetime
from pathlib import Path
from typing import Any

from core.catalog.countries import COUNTRIES, DEFAULT_COUNTRY
from core.catalog.enums import ENUMS, enum_choices
from web import content_policy
from web.env import cpu_count, env_bool, env_choice, env_float, env_int, env_int_or_auto, env_list, env_str
from web.observability import JSON_FORMATTER, json_logs, sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent
STATE_DIR = Path(env_str("SAYARA_STATE_DIR", str(BASE_DIR / ".state")))

# One name separates what several copies of the stack share on one machine:
# the search alias, the Celery queue, the channel-layer and cache prefixes and
# the test database. Tests run with SAYARA_INSTANCE=test (scripts/test.sh).
SAYARA_INSTANCE = env_str("SAYARA_INSTANCE", "sayara")

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Its sitemap templates (web/seo.py).
    "django.contrib.sitemaps",
    "rest_framework",
    # Native clients' tokens, one per signed-in device (core/accounts/models.py AccessToken).
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core.accounts",
    "core.catalog",
    "core.listings",
    "core.outbox",
    "core.messaging",
    "core.favorites",
    "core.alerts",
    "core.events",
    "core.recommendations",
    "core.push",
    "indexer",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Text answers (API JSON, the app's shell) gzipped for browsers that accept it, padded
    # against BREACH by Django (web/compression.py).
    "web.compression.TextGZipMiddleware",
    # Messages in the language the request asks for (Accept-Language), before the refusals
    # below speak; a signed-in user's own preferred_language wins once the API knows who
    # they are (web/api/authentication.py).
    "django.middleware.locale.LocaleMiddleware",
    # NUL and invalid Unicode in a query string: a 400 before anything reads it (web/api/text_input.py).
    "web.api.text_input.query_text_middleware",
    # Bodies larger than the endpoint takes: a 413 before anything reads them (web/body_limit.py).
    "web.body_limit.body_limit_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "web.api.visitors.VisitorCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "web.urls"
ASGI_APPLICATION = "web.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# POSTGRES_POOL_SIZE > 0: each process keeps a psycopg pool of up to that many
# connections (Django's OPTIONS["pool"]), handed to a request and taken back at
# its end, instead of connecting per request (CONN_MAX_AGE 0) or holding one
# per thread (CONN_MAX_AGE > 0). A pool needs CONN_MAX_AGE 0. docs/capacity.md
# has the measurement (scripts/bench/pool.py).
POSTGRES_POOL_SIZE = env_int("POSTGRES_POOL_SIZE", 0)
DATABASE_OPTIONS: dict = {"connect_timeout": 5}
if POSTGRES_POOL_SIZE > 0:
    # min_size 1: an idle process holds one connection; timeout: how long a request waits for a free one.
    DATABASE_OPTIONS["pool"] = {"min_size": 1, "max_size": POSTGRES_POOL_SIZE, "timeout": 10}

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": env_str("POSTGRES_HOST", "127.0.0.1"),
        "PORT": env_int("POSTGRES_PORT", 5432),
        "NAME": env_str("POSTGRES_DB", "sayara"),
        "USER": env_str("POSTGRES_USER", "sayara"),
        "PASSWORD": env_str("POSTGRES_PASSWORD", "sayara"),
        "CONN_MAX_AGE": 0 if POSTGRES_POOL_SIZE > 0 else env_int("POSTGRES_CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": DATABASE_OPTIONS,
        "TEST": {"NAME": f"test_{SAYARA_INSTANCE}"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
# The Arabic of every message the API and e-mails produce (locale/ar/LC_MESSAGES/django.po, compiled to .mo).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bahrain"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(STATE_DIR / "staticfiles")))
# The built React app (frontend/dist) is served from the site root; web/views.py
# answers index.html for the app's own routes.
FRONTEND_DIST = Path(env_str("FRONTEND_DIST", str(BASE_DIR / "frontend" / "dist")))
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_USE_FINDERS = DEBUG
# The build's assets carry their content hash in their names (frontend/vite.config.ts):
# browsers keep them for a year without asking again. Their .br/.gz siblings, made at
# build time, are what WhiteNoise sends to browsers that accept them.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/.+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$"

# Any request body but a photo upload's (web/body_limit.py); Django's own limit for form fields matches it.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(STATE_DIR / "media")))
# Photos on an S3-compatible store when a bucket is named; the local disk otherwise.
S3_BUCKET = env_str("S3_BUCKET", "")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (long caching) need collectstatic first, which production runs
    # (STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage).
    "staticfiles": {"BACKEND": env_str("STATICFILES_BACKEND", "whitenoise.storage.CompressedStaticFilesStorage")},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "me-south-1"),
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN", "") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": SAYARA_INSTANCE,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}

# --- search engine (search/engines) -----------------------------------------
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "opensearch")  # or "elasticsearch"
SEARCH_URL = env_str("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_USERNAME = env_str("SEARCH_USERNAME", "")
SEARCH_PASSWORD = env_str("SEARCH_PASSWORD", "")
SEARCH_TIMEOUT = env_float("SEARCH_TIMEOUT", 5.0)
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", SAYARA_INSTANCE)
SEARCH_REFRESH_INTERVAL = env_str("SEARCH_REFRESH_INTERVAL", "1s")
# Shards and replicas of a new index; unset or "auto": by the rule in search/index.py
# (index_layout: from the expected size and the data nodes; docs/decisions/search-cluster.md).
SEARCH_SHARDS = env_int_or_auto("SEARCH_SHARDS")
SEARCH_REPLICAS = env_int_or_auto("SEARCH_REPLICAS")
# The countries a search is scoped to (search/scope.py): search/ imports nothing of core, so the table comes through here.
SEARCH_COUNTRIES: dict[str, dict[str, Any]] = {
    country.code: {
        "currency": country.currency,
        "decimals": country.decimals,
        "regions": country.region_values,
        "price_scale": country.price_scale,
    }
    for country in COUNTRIES
}
SEARCH_DEFAULT_COUNTRY = DEFAULT_COUNTRY

# --- analytics (search/analytics.py, core/events) -----------------------------
# Seconds an analytics query may run in the engine before it answers 504.
ANALYTICS_TIMEOUT = env_float("ANALYTICS_TIMEOUT", 10.0)
# Buyers' events wait in a capped Redis list until the beat task writes them to PostgreSQL.
EVENTS_DRAIN_SECONDS = env_float("EVENTS_DRAIN_SECONDS", 5.0)
EVENTS_BUFFER_KEY = env_str("EVENTS_BUFFER_KEY", f"{SAYARA_INSTANCE}:analytics-events")
EVENTS_BUFFER_MAX = env_int("EVENTS_BUFFER_MAX", 100_000)
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 400)
# Views and contact clicks count once per visitor, listing and day, and at most this often
# per address (core/events/services.py); beacons beyond the per-minute rate get 429.
EVENTS_PER_ADDRESS_PER_DAY = env_int("EVENTS_PER_ADDRESS_PER_DAY", 20)
EVENTS_PER_ADDRESS_PER_MINUTE = env_int("EVENTS_PER_ADDRESS_PER_MINUTE", 30)

# --- recommendations (core/recommendations, docs/decisions/recommendations.md) --
# How often the periodic job recomputes "also viewed" neighbours and popularity.
RECOMMENDATIONS_RECOMPUTE_SECONDS = env_float("RECOMMENDATIONS_RECOMPUTE_SECONDS", 300.0)
# A visitor's browser history is forgotten after this many days without use.
RECOMMENDATIONS_VISITOR_DAYS = env_int("RECOMMENDATIONS_VISITOR_DAYS", 30)

# --- Celery (web/celery.py reads the CELERY_* names) ------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
# kombu's Redis transport with the fix that keeps a worker alive through a
# Redis outage under load (web/broker.py).
CELERY_BROKER_TRANSPORT = "web.broker:Transport"
CELERY_TASK_DEFAULT_QUEUE = SAYARA_INSTANCE
# Every task is named `<domain>.<verb>` and lives beside the code it calls
# (core/*/tasks.py, indexer/tasks.py, discovery/tasks.py, web/tasks.py); each
# domain's queue is said here (Celery's task_routes: a queue on the task itself
# goes away in Celery 6). One queue per instance today: the worker consumes the
# queue named by SAYARA_INSTANCE, so copies of the stack on one machine, and the
# tests' workers, never take each other's tasks. A domain that needs its own
# worker gets its own queue here.
TASK_DOMAINS = (
    "accounts", "alerts", "events", "idempotency", "indexer", "listings", "messaging", "prices", "push",
    "recommendations",
)  # fmt: skip
CELERY_TASK_ROUTES = {f"{domain}.*": {"queue": SAYARA_INSTANCE} for domain in TASK_DOMAINS}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish to a dead broker fails at once instead of retrying for 6 s
# (kombu's connect retries, max_retries): writes ask for the relay from a
# background thread (core/outbox/services.py) and the outbox sweep delivers.
# The worker's own reconnects follow broker_connection_* instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 2, "max_retries": 0}
CELERY_TASK_PUBLISH_RETRY = False
OUTBOX_SWEEP_SECONDS = env_float("OUTBOX_SWEEP_SECONDS", 2.0)
RECONCILE_MINUTES = env_float("RECONCILE_MINUTES", 10.0)
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "indexer.sweep_outbox", "schedule": OUTBOX_SWEEP_SECONDS},
    "reconcile-index": {"task": "indexer.reconcile_index", "schedule": RECONCILE_MINUTES * 60},
    "expire-listings": {"task": "listings.expire", "schedule": 15 * 60},
    "messaging-unread-emails": {"task": "messaging.send_unread_emails", "schedule": 60},
    "drain-events": {"task": "events.drain", "schedule": EVENTS_DRAIN_SECONDS},
    "purge-events": {"task": "events.purge", "schedule": 24 * 60 * 60},
    "recompute-recommendations": {"task": "recommendations.recompute", "schedule": RECOMMENDATIONS_RECOMPUTE_SECONDS},
    "purge-recommendation-signals": {"task": "recommendations.purge", "schedule": 24 * 60 * 60},
    "purge-deleted-photos": {"task": "listings.purge_deleted_photos", "schedule": 60 * 60},
    "purge-idempotency-keys": {"task": "idempotency.purge", "schedule": 60 * 60},
}
# How long a create's answer is kept for retries with the same Idempotency-Key (web/api/idempotency.py).
IDEMPOTENCY_TTL_SECONDS = env_int("IDEMPOTENCY_TTL_SECONDS", 24 * 3600)
# Photos of a deleted listing are kept this long (second thoughts, support), then deleted (web/media.py).
DELETED_PHOTOS_KEEP_DAYS = env_int("DELETED_PHOTOS_KEEP_DAYS", 7)

# --- accounts, sign-in and e-mail (core/accounts, web/api/accounts.py) ---------
# Same-site and (with DJANGO_HTTPS) secure cookies: see the production section.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
# Sign-in limits (core/accounts/limits.py, docs/decisions/accounts.md): per account and
# client a growing wait, never a lock; per account from unknown clients; per address.
LOGIN_FREE_FAILURES = env_int("LOGIN_FREE_FAILURES", 5)
LOGIN_DELAY_SECONDS = env_int("LOGIN_DELAY_SECONDS", 30)
LOGIN_MAX_DELAY_SECONDS = env_int("LOGIN_MAX_DELAY_SECONDS", 15 * 60)
LOGIN_ACCOUNT_MAX_FAILURES = env_int("LOGIN_ACCOUNT_MAX_FAILURES", 100)  # an hour, from unknown clients
LOGIN_IP_MAX_FAILURES = env_int("LOGIN_IP_MAX_FAILURES", 50)
LOGIN_IP_WINDOW_SECONDS = env_int("LOGIN_IP_WINDOW_SECONDS", 5 * 60)
# A browser that signed in gets a signed device cookie: it is let through the per-account limit.
LOGIN_DEVICE_COOKIE = "sayara_device"
LOGIN_DEVICE_COOKIE_AGE = env_int("LOGIN_DEVICE_COOKIE_AGE", 365 * 24 * 3600)
# Token clients (the mobile app): each sign-in's token, stored hashed, lapses after this many
# days unused (each use pushes it back, written at most hourly); a user keeps the most recent ones.
KNOX_TOKEN_MODEL = "accounts.AccessToken"
# knox's migrations would create its own (swapped-out, unused) token table: it has none.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_IDLE_DAYS = env_int("API_TOKEN_IDLE_DAYS", 90)
API_TOKENS_MAX = env_int("API_TOKENS_MAX", 20)
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=API_TOKEN_IDLE_DAYS),
    "AUTO_REFRESH": True,
    "MIN_REFRESH_INTERVAL": 3600,
}
REGISTER_MAX_PER_IP = env_int("REGISTER_MAX_PER_IP", 20)  # an hour
PHONE_REVEALS_PER_HOUR = env_int("PHONE_REVEALS_PER_HOUR", 30)  # sellers' numbers one buyer may reveal
REPORTS_PER_HOUR = env_int("REPORTS_PER_HOUR", 20)  # listing reports one user may send
# Phone verification (core/accounts/phone.py, core/accounts/sms.py).
SMS_BACKEND = env_str("SMS_BACKEND", "core.accounts.sms.ConsoleSender")  # or core.accounts.sms.FileSender
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(STATE_DIR / "sms.jsonl"))
PHONE_CODE_MINUTES = env_int("PHONE_CODE_MINUTES", 10)
PHONE_CODE_ATTEMPTS = env_int("PHONE_CODE_ATTEMPTS", 5)
PHONE_CODES_PER_HOUR = env_int("PHONE_CODES_PER_HOUR", 5)
# Unverified addresses: the link lasts this long; publishing and messaging wait for it.
EMAIL_VERIFICATION_TIMEOUT = env_int("EMAIL_VERIFICATION_TIMEOUT", 3 * 24 * 3600)
# Of each kind (reset link, verification link, "someone tried to register"), an hour, per account.
ACCOUNT_MAILS_MAX_PER_HOUR = env_int("ACCOUNT_MAILS_MAX_PER_HOUR", 5)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 2 * 3600)
PASSWORD_RESET_MAX_PER_IP = env_int("PASSWORD_RESET_MAX_PER_IP", 30)  # requests an hour
# Links in e-mails point at the web app here.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Console e-mail in development; SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(STATE_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sayara <no-reply@sayara.bh>")

# --- favourites, saved searches and their alerts (core/favorites, core/alerts) --
FAVORITES_MAX = env_int("FAVORITES_MAX", 500)
SAVED_SEARCHES_MAX = env_int("SAVED_SEARCHES_MAX", 50)
# docs/decisions/saved-search-alerts.md: a periodic check of recent listings.
ALERTS_INTERVAL_SECONDS = env_float("ALERTS_INTERVAL_SECONDS", 30.0)
DEAL_RATING_HOURS = env_float("DEAL_RATING_HOURS", 6.0)
CELERY_BEAT_SCHEDULE["rate-deals"] = {"task": "prices.rate_deals", "schedule": DEAL_RATING_HOURS * 3600}
CELERY_BEAT_SCHEDULE["saved-search-alerts"] = {"task": "alerts.check_saved_searches", "schedule": ALERTS_INTERVAL_SECONDS}
# Alerts by e-mail (core/alerts/emails.py): instant ones go out within this; daily digests at this hour (UTC; 5 = 8:00 in Bahrain).
ALERT_EMAILS_SECONDS = env_float("ALERT_EMAILS_SECONDS", 60.0)
ALERT_DIGEST_HOUR = env_int("ALERT_DIGEST_HOUR", 5)
CELERY_BEAT_SCHEDULE["alert-emails"] = {"task": "alerts.send_emails", "schedule": ALERT_EMAILS_SECONDS}

# --- push notifications to the mobile app (core/push, docs/decisions/push.md) ---
# ConsoleSender logs them (development); production posts them to Expo (ExpoSender).
PUSH_BACKEND = env_str("PUSH_BACKEND", "core.push.senders.ConsoleSender")  # or core.push.senders.ExpoSender
PUSH_EXPO_URL = env_str("PUSH_EXPO_URL", "https://exp.host/--/api/v2/push/send")
PUSH_EXPO_ACCESS_TOKEN = env_str("PUSH_EXPO_ACCESS_TOKEN", "")  # when the Expo project requires one
PUSH_TIMEOUT_SECONDS = env_float("PUSH_TIMEOUT_SECONDS", 10.0)
PUSH_DEVICES_MAX = env_int("PUSH_DEVICES_MAX", 20)  # per user: the most recently registered
# Writes ask the worker to send at once; this sweep sends what a broker outage held back.
PUSH_SWEEP_SECONDS = env_float("PUSH_SWEEP_SECONDS", 15.0)
CELERY_BEAT_SCHEDULE["push-sweep"] = {"task": "push.send", "schedule": PUSH_SWEEP_SECONDS}
# Expo's receipts say, some minutes after a send, whether each message reached its phone; one
# saying DeviceNotRegistered removes the device. Read once RECEIPT_DELAY old, every RECEIPTS_SECONDS.
PUSH_EXPO_RECEIPTS_URL = env_str("PUSH_EXPO_RECEIPTS_URL", "https://exp.host/--/api/v2/push/getReceipts")
PUSH_RECEIPT_DELAY_SECONDS = env_float("PUSH_RECEIPT_DELAY_SECONDS", 15 * 60.0)
PUSH_RECEIPTS_SECONDS = env_float("PUSH_RECEIPTS_SECONDS", 5 * 60.0)
CELERY_BEAT_SCHEDULE["push-receipts"] = {"task": "push.check_receipts", "schedule": PUSH_RECEIPTS_SECONDS}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing sign-in a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "web.api.authentication.TokenAuthentication",
        "web.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # The stock parsers, each refusing NUL and invalid Unicode in any string (web/api/text_input.py).
    "DEFAULT_PARSER_CLASSES": [
        "web.api.text_input.JSONParser",
        "web.api.text_input.FormParser",
        "web.api.text_input.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["web.api.renderers.OrjsonRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_SCHEMA_CLASS": "web.api.schema.SayaraSchema",
    "EXCEPTION_HANDLER": "web.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "web.api.pagination.PagePagination",
    "PAGE_SIZE": 24,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sayara API",
    "DESCRIPTION": "The HTTP contract of Sayara, Bahrain's car marketplace (docs/API.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI's files from the app itself (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "web.api.schema.add_error_components",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set: each listing enum's (core/catalog/enums.py), whichever
    # field carries it; seller_type and account_type share theirs.
    "ENUM_NAME_OVERRIDES": {
        **{
            "".join(part.title() for part in name.split("_")) + "Enum": enum_choices(name)
            for name in ENUMS
            if name != "seller_type"
        },
        "AccountTypeEnum": "core.accounts.models.AccountType",
        "PreferredLanguageEnum": "core.accounts.models.Language",
        "ListingStatusEnum": "core.listings.models.ListingStatus",
        "LeadChannelEnum": "core.listings.models.LeadChannel",
        "ReportReasonEnum": "core.listings.models.ReportReason",
    },
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
    },
}

# The chat's channel layer: channels_redis with a sized pool and timeouts that
# fit its blocking read (web/channel_layer.py).
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "web.channel_layer.ChatChannelLayer",
        "CONFIG": {
            "hosts": [REDIS_URL],
            "prefix": f"{SAYARA_INSTANCE}:channels",
            # Redis connections per web process (event loop); beyond, commands queue.
            "max_connections": env_int("CHANNELS_REDIS_MAX_CONNECTIONS", 64),
            # How long a command waits for a free connection before the socket is told to retry (1013).
            "pool_timeout": env_float("CHANNELS_REDIS_POOL_TIMEOUT", 5.0),
            "blocking_read_seconds": env_float("CHANNELS_BLOCKING_READ_SECONDS", 5.0),
            "connect_timeout": 1.0,
        },
    }
}

# --- messaging (core/messaging) ----------------------------------------------
MESSAGING_SENDS_PER_MINUTE = env_int("MESSAGING_SENDS_PER_MINUTE", 20)
MESSAGING_SENDS_PER_DAY = env_int("MESSAGING_SENDS_PER_DAY", 200)
MESSAGING_UNREAD_EMAIL_AFTER_MINUTES = env_int("MESSAGING_UNREAD_EMAIL_AFTER_MINUTES", 15)
# Links in e-mails (SITE_URL) and the e-mail settings: see the accounts section.


# --- production: HTTPS, cookies, headers (docs/operations.md, "Configuration") -
# Local runs and tests speak plain HTTP; a deploy behind a TLS-terminating
# proxy sets DJANGO_HTTPS=1 and gets redirects, secure cookies and HSTS.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Probes and Prometheus call these on the private network, in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", HTTPS):
    # Only behind a proxy that sets (never passes through) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp; the policy is built in web/content_policy.py).
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
_CSP = {
    # Swagger UI (served from the app, drf-spectacular-sidecar) inlines its set-up and styles.
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs/"],
    "DIRECTIVES": content_policy.directives(
        index_html=FRONTEND_DIST / "index.html",
        allowed_hosts=ALLOWED_HOSTS,
        https=HTTPS,
        media=content_policy.media_origin(
            bucket=S3_BUCKET,
            custom_domain=env_str("S3_CUSTOM_DOMAIN", ""),
            endpoint_url=env_str("S3_ENDPOINT_URL", ""),
            region=env_str("S3_REGION", "me-south-1"),
        ),
        extra_img_src=env_list("CSP_EXTRA_IMG_SRC", []),
    ),
}
# Report-only lets a new policy be watched in browsers' consoles before it blocks anything.
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# --- processes: workers per CPU ------------------------------------------------
CPU_COUNT = cpu_count()
# uvicorn workers (manage.py serve). Capped: each holds its own connections and memory.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", min(2 * CPU_COUNT + 1, 9))
# Threads per web process running the (synchronous) Django views (web/asgi.py).
WEB_THREADS = env_int("WEB_THREADS", 8)
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", min(CPU_COUNT, 8))

# --- monitoring: health, metrics, logs, errors (web/health.py, web/metrics.py) -
MIDDLEWARE.insert(0, "web.metrics.request_metrics_middleware")
# Each readiness check (PostgreSQL, Redis, search engine) gives up after this.
READYZ_TIMEOUT = env_float("READYZ_TIMEOUT", 2.0)
# The DATABASES alias /readyz checks.
READYZ_DATABASE = "default"
# Set for web servers with several worker processes: prometheus-client keeps
# each worker's counters in files there and /metrics adds them up.
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR", "")

# Plain lines for people (the default); JSON lines for a log collector in production.
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING["formatters"]["json"] = JSON_FORMATTER
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
if LOG_FORMAT == "json":
    json_logs()
# A worker keeps these logging settings instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"

SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    sentry_init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", ""),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )
