# syntax=docker/dockerfile:1
# Sayara's backend image: the web server (manage.py serve → uvicorn), the
# Celery worker and beat, and the one-shot migrate step all run from it
# (docker-compose.yml). The web app's image (nginx in front) is frontend/Dockerfile.

# The web app's build, for the pages Django answers (index.html with each page's
# head, the build manifest's preloads, the CSP's script hashes: web/views.py).
# The frontend image builds the same sources for nginx's /assets/.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
ENV CI=true
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the pins change.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .
COPY --from=frontend /app/dist /app/frontend/dist

# Static files are collected into the image at build time, with hashed names
# that whitenoise serves compressed and cached for a year. Settings need a
# secret key to load, never used for anything at build time.
ENV STATIC_ROOT=/app/staticfiles \
    STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    MEDIA_ROOT=/data/media \
    SAYARA_STATE_DIR=/data/state \
    DJANGO_DEBUG=0
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v 0

# Run as an unprivileged user that owns only the data folders.
RUN groupadd --system --gid 10001 sayara \
    && useradd --system --uid 10001 --gid sayara --home-dir /app --no-create-home sayara \
    && mkdir -p /data/media /data/state /tmp/prometheus \
    && chown -R sayara:sayara /data /tmp/prometheus
USER sayara

EXPOSE 8000
# Liveness only (/healthz): /readyz says whether the services behind answer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

# Workers: WEB_CONCURRENCY (default 2 × CPUs + 1, capped; web/settings.py).
CMD ["python", "manage.py", "serve", "--host", "0.0.0.0", "--port", "8000"]
