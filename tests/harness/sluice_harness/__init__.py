"""Test harness for Sluice's integration tests (Python standard library only).

Integration tests are unittest scripts run by CTest; each one drives the real
`sluice` binary against a throwaway PostgreSQL cluster and SQS emulator:

    from sluice_harness import PostgresServer, SqsEmulator, run_sluice, write_pipeline

See tests/harness/README.md for the emulator's behaviour and the CMake glue.
"""

from .fault_proxy import FaultProxy
from .file_source import file_message_id
from .local_http import LocalHttpServer, QuietHandler
from .pipeline import write_pipeline
from .ports import free_port
from .postgres import PostgresServer, PsqlError
from .sluice import SluiceProcess, SluiceResult, SluiceTimeout, run_sluice, sluice_binary, start_sluice
from .sqs import QueueMessage, SqsEmulator, SqsError

__all__ = [
    "FaultProxy",
    "LocalHttpServer",
    "PostgresServer",
    "PsqlError",
    "QueueMessage",
    "QuietHandler",
    "SluiceProcess",
    "SluiceResult",
    "SluiceTimeout",
    "SqsEmulator",
    "SqsError",
    "file_message_id",
    "free_port",
    "run_sluice",
    "sluice_binary",
    "start_sluice",
    "write_pipeline",
]
