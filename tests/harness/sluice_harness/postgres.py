"""A throwaway PostgreSQL 15 cluster for one test run."""

import atexit
import csv
import io
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .ports import free_port

PG_BIN = Path(os.environ.get("SLUICE_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
# psql prints NULL as this (a control character no test value uses), '' as nothing.
NULL_MARKER = "\x1d"
START_ATTEMPTS = 3


class PsqlError(RuntimeError):
    """psql failed; the message holds its stderr."""


def _as_postgres_user(command):
    """PostgreSQL refuses to run as root, so root runs it as the postgres system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *command]
    return command


def _without_pg_variables():
    """The caller's PG* variables must not redirect the harness's own connections."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")}


class PostgresServer:
    """initdb into a temporary directory and run on a free port on 127.0.0.1.

    Trust authentication, superuser `postgres`, database `postgres`;
    add_password_role() adds a role that must give its password. The unix
    socket lives in the temporary directory. stop()/start() keep the same port
    and data, so tests can take the database away mid-run and bring it back.

        with PostgresServer() as pg:
            pg.psql("CREATE TABLE t(a int)")
            rows = pg.psql("SELECT a FROM t")   # [("1",), ...]; NULL is None
    """

    def __init__(self):
        self.host = "127.0.0.1"
        self.port = None
        self._root = Path(tempfile.mkdtemp(prefix="sluice-pg-"))
        self._data = self._root / "data"
        self._log = self._root / "server.log"
        self._running = False
        atexit.register(self.cleanup)
        try:
            self._init_cluster()
            self._start_on_free_port()
        except BaseException:
            self.cleanup()
            raise

    # -- what tests use ---------------------------------------------------

    @property
    def dsn(self) -> str:
        """A libpq URI for the superuser's database."""
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/postgres"

    @property
    def socket_dir(self) -> str:
        return str(self._root)

    def psql(self, sql: str):
        """Runs sql (one or more statements) and returns the rows of every result.

        Each row is a tuple of strings as PostgreSQL prints them, None for NULL.
        Raises PsqlError on any SQL error.
        """
        command = [
            str(PG_BIN / "psql"), "-X", "-q", "-t", "--csv", "-v", "ON_ERROR_STOP=1",
            "-P", f"null={NULL_MARKER}",
            "-h", self.host, "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres", "-f", "-",
        ]
        done = subprocess.run(command, input=sql, capture_output=True, text=True,
                              env=_without_pg_variables(), timeout=120)
        if done.returncode != 0:
            raise PsqlError(f"psql failed ({done.returncode}): {done.stderr.strip()}")
        return [tuple(None if field == NULL_MARKER else field for field in row)
                for row in csv.reader(io.StringIO(done.stdout)) if row]

    def add_password_role(self, name: str, password: str) -> str:
        """Creates login role `name` that must authenticate with `password` (SCRAM)
        over TCP; returns a libpq URI for it without the password."""
        escaped = password.replace("'", "''")
        self.psql(f'CREATE ROLE "{name}" LOGIN PASSWORD \'{escaped}\'')
        hba = self._data / "pg_hba.conf"
        rule = f"host all {name} {self.host}/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text())
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self._data), "reload")
        self._wait_for_password_rule(name)
        return f"postgresql://{name}@{self.host}:{self.port}/postgres"

    def stop(self):
        """Stops the server (fast shutdown); the data directory stays for start()."""
        if self._running:
            self._pg_ctl("stop", "-m", "fast")
            self._running = False

    def start(self):
        """Starts the server again on the same port with the same data."""
        if not self._running:
            self._pg_ctl("start", "-o", self._server_options(), "-l", str(self._log))
            self._running = True

    def log(self) -> str:
        """The server's log so far, for failure messages."""
        return self._log.read_text(errors="replace") if self._log.exists() else ""

    def cleanup(self):
        """Stops the server and removes everything it wrote. Safe to call twice."""
        if self._running:
            try:
                self._pg_ctl("stop", "-m", "immediate")
            except (subprocess.SubprocessError, OSError):
                pass
            self._running = False
        shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cleanup()

    # -- how -----------------------------------------------------------------

    def _init_cluster(self):
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(self._root, owner.pw_uid, owner.pw_gid)
        self._run(str(PG_BIN / "initdb"), "-D", str(self._data), "-U", SUPERUSER,
                  "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")

    def _start_on_free_port(self):
        # free_port() can race with another process; a failed start retries on a new port.
        for attempt in range(START_ATTEMPTS):
            self.port = free_port(self.host)
            try:
                self.start()
                return
            except RuntimeError:
                if attempt == START_ATTEMPTS - 1:
                    raise

    def _server_options(self) -> str:
        # fsync off: a test cluster never needs to survive a machine crash.
        return (f"-p {self.port} -c listen_addresses={self.host} "
                f"-k {self._root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off")

    def _wait_for_password_rule(self, name: str):
        # A reload is asynchronous: wait until the server asks the role for a password.
        command = [str(PG_BIN / "psql"), "-X", "-w", "-h", self.host, "-p", str(self.port),
                   "-U", name, "-d", "postgres", "-c", "SELECT 1"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            done = subprocess.run(command, capture_output=True, text=True, env=_without_pg_variables(),
                                  timeout=30)
            if done.returncode != 0 and "password" in done.stderr:
                return
            time.sleep(0.1)
        raise RuntimeError(f"the server did not start asking {name} for a password")

    def _pg_ctl(self, *args):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self._data), "-w", "-t", "60", *args)

    def _run(self, *command):
        # cwd is the temporary directory: the postgres user may not be able to enter ours.
        done = subprocess.run(_as_postgres_user(list(command)), cwd=self._root,
                              capture_output=True, text=True, env=_without_pg_variables())
        if done.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} {command[1:]} failed ({done.returncode}):\n"
                               f"{done.stdout}{done.stderr}\n{self.log()}")
