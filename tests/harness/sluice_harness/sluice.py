"""Running the real `sluice` binary from tests."""

import os
import pty
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import source_dir

DEFAULT_TIMEOUT_S = 120


@dataclass
class SluiceResult:
    rc: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        """Everything a failing assertion should show."""
        return f"exit code {self.rc}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


class SluiceTimeout(AssertionError):
    """sluice did not finish in time; the message holds what it printed."""


def sluice_binary() -> Path:
    """SLUICE_BIN (CTest sets it), else build/bin/sluice in the repository."""
    binary = Path(os.environ.get("SLUICE_BIN") or source_dir() / "build" / "bin" / "sluice")
    if not os.access(binary, os.X_OK):
        raise FileNotFoundError(f"no sluice binary at {binary}; build it or set SLUICE_BIN")
    return binary


def sluice_environment(extra=None) -> dict:
    """The caller's environment plus extra; a None value in extra removes that variable."""
    env = dict(os.environ)
    plugin_dir = env.get("SLUICE_PLUGIN_DIR")
    if plugin_dir:
        env["SLUICE_PLUGIN_PATH"] = plugin_dir
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def run_sluice(args, env=None, timeout=DEFAULT_TIMEOUT_S, input=None, cwd=None) -> SluiceResult:
    """Runs `sluice ARGS...` to completion and returns its exit code and output."""
    command = [str(sluice_binary()), *map(str, args)]
    try:
        done = subprocess.run(command, env=sluice_environment(env), input=input, cwd=cwd,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        raise SluiceTimeout(f"{command} still running after {timeout}s\n"
                            f"--- stdout ---\n{_text(expired.stdout)}\n--- stderr ---\n{_text(expired.stderr)}") from None
    return SluiceResult(done.returncode, done.stdout, done.stderr)


def start_sluice(args, env=None, cwd=None, terminal=False) -> "SluiceProcess":
    """Starts `sluice ARGS...` in the background, for tests that signal or kill it.
    With terminal=True its stderr is a pseudo-terminal (as when a person runs it);
    what it writes there is still read with output()."""
    return SluiceProcess([str(sluice_binary()), *map(str, args)], sluice_environment(env), cwd, terminal)


class SluiceProcess:
    """A running sluice. Output goes to files, so a chatty process never blocks on a full pipe.

        with start_sluice(["run", pipeline]) as sluice:
            sluice.wait_for_output("started")
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait()
    """

    def __init__(self, command, env, cwd, terminal=False):
        self.command = command
        self._output_dir = Path(tempfile.mkdtemp(prefix="sluice-process-"))
        self._stdout = self._output_dir / "stdout"
        self._stderr = self._output_dir / "stderr"
        self._terminal_copier = None
        # The child gets its own open files; reading them by path never moves its write offset.
        with open(self._stdout, "wb") as stdout, open(self._stderr, "wb") as stderr:
            if not terminal:
                self._process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                                 stdout=stdout, stderr=stderr)
                return
            controller, child_side = pty.openpty()
            self._process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                             stdout=stdout, stderr=child_side)
            os.close(child_side)
            self._terminal_copier = threading.Thread(target=_copy_terminal, args=(controller, self._stderr),
                                                     daemon=True)
            self._terminal_copier.start()

    @property
    def pid(self) -> int:
        return self._process.pid

    def running(self) -> bool:
        return self._process.poll() is None

    def send_signal(self, signum=signal.SIGTERM):
        self._process.send_signal(signum)

    def kill(self):
        """SIGKILL: the crash a test wants to recover from."""
        if self.running():
            self._process.kill()

    def output(self):
        """(stdout, stderr) printed so far."""
        return _read(self._stdout), _read(self._stderr)

    def wait_for_output(self, text, timeout=DEFAULT_TIMEOUT_S):
        """Waits until text appears on stdout or stderr; fails if sluice exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in stream for stream in self.output()):
                return
            if not self.running():
                raise AssertionError(f"sluice exited before printing {text!r}:\n{self._result().describe()}")
            time.sleep(0.05)
        raise SluiceTimeout(f"sluice did not print {text!r} in {timeout}s:\n{self._describe_running()}")

    def wait(self, timeout=DEFAULT_TIMEOUT_S) -> SluiceResult:
        """Waits for sluice to exit by itself and returns its result."""
        try:
            self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SluiceTimeout(f"{self.command} still running after {timeout}s\n{self._describe_running()}") from None
        if self._terminal_copier is not None:
            self._terminal_copier.join(timeout=10)
        return self._result()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.kill()
        self._process.wait()
        shutil.rmtree(self._output_dir, ignore_errors=True)

    def _result(self) -> SluiceResult:
        stdout, stderr = self.output()
        return SluiceResult(self._process.wait(), stdout, stderr)

    def _describe_running(self) -> str:
        stdout, stderr = self.output()
        return f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"


def _copy_terminal(controller, path):
    """Appends what the child writes to its terminal to `path`, until it closes."""
    with open(path, "ab", buffering=0) as out:
        while True:
            try:
                data = os.read(controller, 4096)
            except OSError:  # EIO: every copy of the terminal's other side is closed
                data = b""
            if not data:
                break
            out.write(data)
    os.close(controller)


def _read(path) -> str:
    return path.read_text(errors="replace")


def _text(output) -> str:
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output or ""
