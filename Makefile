# The two commands a new user needs: `make run` and `make test`.
.PHONY: run test setup image worker check bench-judge bench-pages bench-load drill compose-check

run:
	@bash platform/scripts/run.sh

test:
	@bash platform/scripts/test.sh

setup:
	@bash platform/scripts/setup.sh

image:
	@bash platform/runner/build-image.sh

# A judge worker on another machine (see README, "More judge workers").
worker:
	@bash platform/scripts/worker.sh

check:
	@.venv/bin/python manage.py check

# Figures, not tests: judge latency, the floor, -race and a burst of 100 (see README).
bench-judge:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/judge_speed.py

# Figures: server time of every page with 1,000 submissions in the user's history (README).
bench-pages:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/page_speed.py

# Figures: requests/s and p50/p99 of the busiest pages under concurrent load (wrk, loopback).
bench-load:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/load.py

# Restart PostgreSQL, Redis, the Docker Engine and the worker while submissions flow (private
# instances of each, never the machine's own); checks none is lost or judged twice (README).
drill:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/failure_drill.py

# docker-compose.yml brought up here with locally built images, checked end to end, taken
# down (README, "Verified without a registry").
compose-check:
	@bash platform/docker/verify-local.sh
