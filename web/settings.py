"""Django settings for Sayara, read from the environment through web/env.py.

Defaults run the local stack that scripts/lib.sh starts; production overrides
only what differs (README, "Configuration").
"""

from pathlib import Path

from web.env import env_bool, env_float, env_int, env_list, env_str

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
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "core.accounts",
    "core.catalog",
    "core.listings",
    "core.outbox",
    "core.events",
    "indexer",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": env_str("POSTGRES_HOST", "127.0.0.1"),
        "PORT": env_int("POSTGRES_PORT", 5432),
        "NAME": env_str("POSTGRES_DB", "sayara"),
        "USER": env_str("POSTGRES_USER", "sayara"),
        "PASSWORD": env_str("POSTGRES_PASSWORD", "sayara"),
        "CONN_MAX_AGE": env_int("POSTGRES_CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 5},
        "TEST": {"NAME": f"test_{SAYARA_INSTANCE}"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
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

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(STATE_DIR / "media")))
# Photos on an S3-compatible store when a bucket is named; the local disk otherwise.
S3_BUCKET = env_str("S3_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
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
if not DEBUG:
    # Without DEBUG, tests and production need no manifest of collected files
    # unless collectstatic ran; whitenoise's plain storage serves either way.
    STORAGES["staticfiles"] = {"BACKEND": env_str("STATICFILES_BACKEND", "whitenoise.storage.CompressedStaticFilesStorage")}

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
SEARCH_SHARDS = env_int("SEARCH_SHARDS", 1)
SEARCH_REPLICAS = env_int("SEARCH_REPLICAS", 0)

# --- analytics (search/analytics.py, core/events) -----------------------------
# Seconds an analytics query may run in the engine before it answers 504.
ANALYTICS_TIMEOUT = env_float("ANALYTICS_TIMEOUT", 10.0)
# Buyers' events wait in a capped Redis list until the beat task writes them to PostgreSQL.
EVENTS_DRAIN_SECONDS = env_float("EVENTS_DRAIN_SECONDS", 5.0)
EVENTS_BUFFER_KEY = env_str("EVENTS_BUFFER_KEY", f"{SAYARA_INSTANCE}:analytics-events")
EVENTS_BUFFER_MAX = env_int("EVENTS_BUFFER_MAX", 100_000)
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 400)

# --- Celery (web/celery.py reads the CELERY_* names) ------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = SAYARA_INSTANCE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A write must never wait on a dead broker: one quick try, then the outbox
# sweep delivers (core/outbox/services.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY = False
OUTBOX_SWEEP_SECONDS = env_float("OUTBOX_SWEEP_SECONDS", 2.0)
RECONCILE_MINUTES = env_float("RECONCILE_MINUTES", 10.0)
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "indexer.sweep_outbox", "schedule": OUTBOX_SWEEP_SECONDS},
    "reconcile-index": {"task": "indexer.reconcile_index", "schedule": RECONCILE_MINUTES * 60},
    "expire-listings": {"task": "indexer.expire_listings", "schedule": 15 * 60},
    "drain-events": {"task": "events.drain", "schedule": EVENTS_DRAIN_SECONDS},
    "purge-events": {"task": "events.purge", "schedule": 24 * 60 * 60},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
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

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": f"{SAYARA_INSTANCE}:channels"},
    }
}
