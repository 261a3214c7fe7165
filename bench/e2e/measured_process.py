"""Runs a command to completion and measures what it cost the machine:
wall time and CPU seconds (user + system, from wait4's rusage) and peak
resident memory (the largest VmHWM seen in /proc while it ran: wait4's
ru_maxrss would also count the Python parent's memory copied by fork
before exec)."""

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

RSS_SAMPLE_INTERVAL_S = 0.05


@dataclass
class ProcessFigures:
    returncode: int  # None when it was stopped after `timeout` seconds
    wall_seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    stdout: str
    stderr: str


class PeakRss:
    """Samples /proc/PID/status until stopped; VmHWM is the kernel's high-water mark."""

    def __init__(self, pid):
        self._path = f"/proc/{pid}/status"
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak_kib / 1024.0

    def _sample(self):
        while not self._stop.is_set():
            try:
                with open(self._path) as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            self.peak_kib = max(self.peak_kib, int(line.split()[1]))
            except (OSError, ValueError):
                return  # gone
            time.sleep(RSS_SAMPLE_INTERVAL_S)


def run_measured(command, env=None, cwd=None, on_start=None, timeout=None) -> ProcessFigures:
    """Runs `command`; on_start(started_at) is called right after the spawn (for watchers).

    After `timeout` seconds it is sent SIGTERM (then SIGKILL), and returncode is None.
    """
    stdout_path = f"/tmp/bench-e2e-{os.getpid()}.out"
    stderr_path = f"/tmp/bench-e2e-{os.getpid()}.err"
    with open(stdout_path, "w+") as out, open(stderr_path, "w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err)
        if on_start:
            on_start(started)
        peak_rss = PeakRss(process.pid)
        stopper = _Stopper(process.pid, timeout)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            raise
        wall = time.monotonic() - started
        process.returncode = None if stopper.cancel() else os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        figures = ProcessFigures(process.returncode, wall, usage.ru_utime + usage.ru_stime,
                                 peak_rss.stop(), out.read(), err.read())
    os.unlink(stdout_path)
    os.unlink(stderr_path)
    return figures


class _Stopper:
    """Terminates a process that runs longer than `timeout` seconds."""

    def __init__(self, pid, timeout):
        self._pid = pid
        self._fired = threading.Event()
        self._cancelled = threading.Event()
        if timeout is not None:
            threading.Thread(target=self._stop_after, args=(timeout,), daemon=True).start()

    def cancel(self):
        """Returns whether it had to stop the process."""
        self._cancelled.set()
        return self._fired.is_set()

    def _stop_after(self, timeout):
        if self._cancelled.wait(timeout):
            return
        self._fired.set()
        for signum, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 0)):
            try:
                os.kill(self._pid, signum)
            except ProcessLookupError:
                return
            if self._cancelled.wait(grace):
                return
