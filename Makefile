# Sayara's front door. `make run` serves the marketplace with demo data;
# `make test` runs every test against the real services. Both install what is missing.
.PHONY: run test bench lint services stop lock messages clean mobile

run:
	./scripts/run.sh

test:
	./scripts/test.sh

bench:
	./scripts/bench.sh

# The phone app's Expo dev server against `make run`'s API (HOST=0.0.0.0 for a phone on the Wi-Fi).
mobile:
	./scripts/mobile.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy core search indexer discovery web testing && .venv/bin/lint-imports
	cd frontend && npm run lint && npm run typecheck

services:
	./scripts/services.sh start

stop:
	./scripts/services.sh stop

# Re-pin the Python dependencies after editing requirements/*.in.
# The Arabic catalog: new messages gathered, then compiled (locale/ar/LC_MESSAGES).
messages:
	./scripts/messages.sh

lock:
	cd requirements && ../.venv/bin/pip-compile -q --strip-extras base.in -o base.txt && ../.venv/bin/pip-compile -q --strip-extras dev.in -o dev.txt

clean:
	./scripts/services.sh stop; rm -rf .state
