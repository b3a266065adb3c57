"""Fetching URLs safely: timeouts, a size cap, content-type checks, capped redirects, SSRF guard.

The guard resolves the host, refuses loopback, private, link-local, multicast and reserved
addresses (unless allowed), then connects to the very address it checked, so a second DNS
answer cannot slip a private address in. Every redirect hop is checked again.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from sitrep.errors import InputError

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; event-data research crawler)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
)
TEXT_TYPES = ("text/plain",)


class FetchError(InputError):
    """A URL that could not be fetched; the message names the URL and the reason."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch. ``allowed`` lists networks let through even though private."""

    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    allowed: tuple[str, ...] = ()
    accept: tuple[str, ...] = HTML_TYPES + FEED_TYPES + TEXT_TYPES


@dataclass
class Fetched:
    """A fetched body with the final URL and its declared type and charset."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    redirects: list[str] = field(default_factory=list)


def _is_public(address: str, policy: FetchPolicy) -> bool:
    ip = ipaddress.ip_address(address)
    if any(ip in ipaddress.ip_network(net, strict=False) for net in policy.allowed):
        return True
    if policy.allow_private:
        return True
    return ip.is_global and not ip.is_multicast


def _resolve(url: str, host: str, port: int, policy: FetchPolicy) -> str:
    """The address to connect to; refused if any address of the host is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r} ({exc.strerror})", "dns") from exc
    addresses = [str(info[4][0]) for info in infos]
    blocked = [a for a in addresses if not _is_public(a, policy)]
    if blocked:
        raise FetchError(
            f"{url}: refused, {host} resolves to the non-public address "
            f"{blocked[0]} (SSRF guard; --allow-private lets it through)",
            "ssrf",
        )
    return addresses[0]


def _connection(
    scheme: str, host: str, address: str, port: int, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "https":
        context = ssl.create_default_context()

        class _Pinned(http.client.HTTPSConnection):
            def connect(self) -> None:
                sock = socket.create_connection((address, port), timeout)
                self.sock = context.wrap_socket(sock, server_hostname=host)

        return _Pinned(host, port, timeout=timeout, context=context)

    class _PinnedPlain(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = socket.create_connection((address, port), timeout)

    return _PinnedPlain(host, port, timeout=timeout)


def _media_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = next(
        (p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")),
        None,
    )
    return parts[0].lower(), charset


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET a URL under the policy; FetchError names the URL and what went wrong."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    current, hops = url, []
    for _ in range(policy.max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(
                f"{url}: only http and https URLs can be fetched, not {current!r}", "url"
            )
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _resolve(url, parts.hostname, port, policy)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn = _connection(
            parts.scheme, parts.hostname, address, port, max(0.1, deadline - time.monotonic())
        )
        try:
            conn.request(
                "GET",
                path,
                headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "identity"},
            )
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(
                        f"{url}: redirect {response.status} without a Location", "http"
                    )
                hops.append(current)
                current = urljoin(current, location)
                continue
            if response.status != 200:
                raise FetchError(f"{url}: HTTP {response.status} {response.reason}", "http")
            media, charset = _media_type(response.getheader("Content-Type") or "")
            if media and not any(media == a for a in policy.accept):
                raise FetchError(
                    f"{url}: content type {media!r} is not an article or feed", "content-type"
                )
            declared = int(response.getheader("Content-Length") or 0)
            if declared > policy.max_bytes:
                raise FetchError(
                    f"{url}: {declared / 1e6:.1f} MB is over the "
                    f"{policy.max_bytes / 1e6:.0f} MB limit",
                    "too-large",
                )
            body = _read_capped(response, url, policy, deadline)
            return Fetched(url, current, media, charset, body, hops)
        except TimeoutError as exc:
            raise FetchError(
                f"{url}: no complete answer within {policy.timeout:.0f} s", "timeout"
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}", "network") from exc
        finally:
            conn.close()
    raise FetchError(
        f"{url}: more than {policy.max_redirects} redirects (last {current}); a redirect loop?",
        "redirects",
    )


def _read_capped(
    response: http.client.HTTPResponse, url: str, policy: FetchPolicy, deadline: float
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: no complete answer within {policy.timeout:.0f} s", "timeout")
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(
                f"{url}: larger than the {policy.max_bytes / 1e6:.0f} MB limit", "too-large"
            )
        chunks.append(chunk)
