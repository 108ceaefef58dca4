"""`python -m semaine.probe /readyz`: the web container's health check.

Asks the gunicorn of this container for a path and exits 0 on a 200, 1 otherwise. It sends a
Host header Django accepts (the first of ALLOWED_HOSTS, a wildcard read as one name under
it) and X-Forwarded-Proto: https, as the reverse proxy would, so that neither the host check
nor the HTTPS redirect stand between the probe and the page.
"""

import argparse
import http.client
import os
import sys


def probe_host(allowed_hosts: str) -> str:
    """ "semaine.example.fr,www…" → "semaine.example.fr"; ".example.fr" → "example.fr";
    "*" or nothing → "localhost"."""
    first = next((host.strip() for host in allowed_hosts.split(",") if host.strip()), "")
    first = first.lstrip(".")
    return first if first and first != "*" else "localhost"


def probe(path: str, *, port: int = 8000, timeout: float = 5) -> int:
    """The HTTP status of `path` on this host, 0 when nothing answers."""
    host = probe_host(os.environ.get("ALLOWED_HOSTS", ""))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        return connection.getresponse().status
    except OSError:
        return 0
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="/readyz")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = parser.parse_args(argv)
    status = probe(args.path, port=args.port)
    print(f"{args.path}: {status or 'pas de réponse'}")
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
