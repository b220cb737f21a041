"""The web container's health check: GET /healthz (or the path given) on gunicorn, exit 0 if 200.

Sends a Host from ALLOWED_HOSTS, since Django answers 400 to any other; the URL is plain
HTTP inside the container (production settings exempt /healthz and /readyz from the HTTPS
redirect). Standard library only: it runs every 10 s and must start fast.
"""

import os
import sys
import urllib.request

path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
request = urllib.request.Request(f"http://127.0.0.1:8000{path}", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # any failure is "unhealthy"; say why in `docker inspect`
    print(f"{path}: {exc}", file=sys.stderr)
    sys.exit(1)
