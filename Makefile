# The two commands a new user needs: `make run` and `make test`.
# `make dev`: Django's development server with autoreload and DEBUG on, for working on the code.
.PHONY: run dev test setup image worker check bench-judge bench-pages bench-load bench-review drill drill-run compose-check

run:
	@bash platform/scripts/run.sh

dev:
	@bash platform/scripts/dev.sh

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
# A code-review drill's verdict against a Submit of the same problem (platform/bench/review_speed.py).
bench-review:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/review_speed.py

bench-pages:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/page_speed.py

# Figures: requests/s and p50/p99 of the busiest pages under concurrent load (wrk, loopback);
# then, if a `make run` is serving, 200 connections against it with PostgreSQL's connections counted.
bench-load:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/load.py && .venv/bin/python platform/bench/load_run.py

# Restart PostgreSQL, Redis, the Docker Engine and the worker while submissions flow (private
# instances of each, never the machine's own); checks none is lost or judged twice (README).
drill:
	@bash platform/scripts/setup.sh && .venv/bin/python platform/bench/failure_drill.py

# With `make run` running (another terminal): kill -9 each part it supervises while 8 users
# submit; counts lost, judged twice, unexpected verdicts and every 5xx (README).
drill-run:
	@.venv/bin/python platform/bench/run_drill.py

# docker-compose.yml brought up here with locally built images, checked end to end, taken
# down (README, "Verified without a registry").
compose-check:
	@bash platform/docker/verify-local.sh
