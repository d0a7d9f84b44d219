"""The client's address: the one trusted-proxy rule for the audit trail, the login lockout and the
logs.

Behind a reverse proxy REMOTE_ADDR is the proxy's address and X-Forwarded-For carries the chain
of addresses the request came through, of which only the part the proxies themselves appended
can be believed (a client may send any X-Forwarded-For it likes). Which part that is comes from
the environment, never from the request:

- `TRUSTED_PROXY_COUNT=N`: N proxies stand in front of Bosam; the client is the address N hops
  from the end of `X-Forwarded-For, REMOTE_ADDR`.
- `TRUSTED_PROXIES=10.0.0.5` (or `192.0.2.0/24,10.0.0.5`, outermost first): the proxies in order,
  each an address or network; the chain's last hops must be exactly these, else the request did
  not come through them (an untrusted hop) and the header is ignored.

With neither, X-Forwarded-For is ignored and REMOTE_ADDR is the client. When the header does not
fit the rule, REMOTE_ADDR is used as it is: the rule fails towards the address that was seen, not
towards one a client wrote. The chain is resolved by python-ipware (django-ipware's engine).
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

_CHAIN = "HTTP_X_FORWARDED_FOR"


def _valid(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(ip_address(text.strip()))
    except ValueError:
        return None  # a Unix socket, a test client's name: no address to record


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`, by the trusted-proxy rule above."""
    remote = _valid(request.META.get("REMOTE_ADDR"))
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    proxies = list(getattr(settings, "TRUSTED_PROXIES", []))
    forwarded = request.META.get(_CHAIN, "")
    if not (count or proxies) or remote is None or not forwarded:
        return remote
    # The whole chain as ipware reads it: every hop, the last proxy's own address included.
    chain = HttpRequest()
    chain.META = {_CHAIN: f"{forwarded}, {remote}"}
    found, _routable = get_client_ip(
        chain,
        proxy_count=count or None,
        proxy_trusted_ips=proxies or None,
        request_header_order=(_CHAIN,),
        strict=False,
    )
    return found or remote
