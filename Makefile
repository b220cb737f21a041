# The two commands a new user needs: `make run` and `make test`.
.PHONY: run test setup image check

run:
	@bash platform/scripts/run.sh

test:
	@bash platform/scripts/test.sh

setup:
	@bash platform/scripts/setup.sh

image:
	@bash platform/runner/build-image.sh

check:
	@.venv/bin/python manage.py check
