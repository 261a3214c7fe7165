"""Free TCP ports for servers started by tests."""

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """Returns a port nobody listens on right now.

    Another process may take it before the caller binds it; callers that can
    retry (PostgresServer) do so when their server fails to start.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
