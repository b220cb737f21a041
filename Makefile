# The two commands a new user needs: `make run` and `make test`.
.PHONY: run test setup image worker check bench-judge bench-pages

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
