#!/bin/sh
# The image's roles; docker-compose.yml picks one per service.
#   web       gunicorn serving the site (static files through whitenoise)
#   worker    the Celery judge worker (needs the host's Docker socket and the runner image)
#   beat      the Celery scheduler (the sweeper, closing expired interviews): exactly one
#   migrate   one-off: migrate, then load the problems and lessons shipped in the image
#   manage …  any manage.py command, e.g. `docker compose run --rm --no-deps web manage createsuperuser`
set -eu
cd /app

case "${1:-web}" in
  web)
    exec gunicorn --config /app/platform/docker/gunicorn.conf.py config.wsgi:application ;;
  worker)
    # The host scripts' worker (platform/scripts/judge-worker.sh, with their lib.sh), named
    # after the container's hostname; --quiet: every line of the container's log is JSON.
    # Its run directory is the one writable place: the code is read-only.
    DOJO_RUN_DIR=/tmp/dojo-run
    export DOJO_RUN_DIR
    exec bash /app/platform/scripts/judge-worker.sh --quiet ;;
  beat)
    # The schedule file only remembers last run times of 15-second jobs: /tmp is enough.
    exec celery -A config --quiet beat --loglevel "${LOG_LEVEL:-INFO}" --schedule /tmp/celerybeat-schedule ;;
  migrate)
    python manage.py migrate --no-input
    python manage.py load_problems
    exec python manage.py load_lessons ;;
  manage)
    shift
    exec python manage.py "$@" ;;
  *)
    exec "$@" ;;
esac
