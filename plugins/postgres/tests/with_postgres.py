"""Runs a test program against a throwaway PostgreSQL 15 cluster.

    python3 with_postgres.py PROGRAM [ARG...]

The program finds the server through SLUICE_PG_TEST_DSN (a libpq URI) and
SLUICE_PG_TEST_SOCKET_DIR; SLUICE_PG_TEST_PASSWORD_DSN is a URI (without
the password) for a role that must give SLUICE_PG_TEST_PASSWORD;
SLUICE_PG_TEST_REQUIRED=1 tells it not to skip.
Exits with the program's exit status.
"""

import os
import secrets
import subprocess
import sys

from sluice_harness import PostgresServer


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with PostgresServer() as server:
        password = "Pw-" + secrets.token_hex(8)
        password_dsn = server.add_password_role("sluice_pw", password)
        env = dict(os.environ,
                   SLUICE_PG_TEST_PASSWORD_DSN=password_dsn,
                   SLUICE_PG_TEST_PASSWORD=password,
                   SLUICE_PG_TEST_DSN=server.dsn,
                   SLUICE_PG_TEST_HOST=server.host,
                   SLUICE_PG_TEST_PORT=str(server.port),
                   SLUICE_PG_TEST_SOCKET_DIR=server.socket_dir,
                   SLUICE_PG_TEST_REQUIRED="1")
        done = subprocess.run(argv[1:], env=env)
        if done.returncode != 0:
            print(server.log()[-4000:], file=sys.stderr)
        return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
