"""The container's and the service's health check: GET /healthz on the local server, 200 or fail.

Sent as the TLS proxy would (`X-Forwarded-Proto: https`, honoured when BEHIND_TLS_PROXY is on), so
the HTTPS redirect does not answer instead of Bosam; redirects are not followed."""

import http.client
import os
import sys

port = int(os.environ.get("BOSAM_HEALTHCHECK_PORT", "8000"))
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=8)
try:
    connection.request(
        "GET", "/healthz", headers={"Host": "localhost", "X-Forwarded-Proto": "https"}
    )
    status = connection.getresponse().status
except OSError as exc:
    sys.stderr.write(f"unhealthy: {exc}\n")
    sys.exit(1)
sys.exit(0 if status == 200 else 1)
