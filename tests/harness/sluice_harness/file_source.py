"""The message id the `file` source gives a line (plugins/std/README.md):
"<path>:<line number>:<FNV-1a 64 hash of the line, 16 hex digits>"."""

FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211


def file_message_id(path, line_number: int, line) -> str:
    """`line` (str or bytes) without its line ending."""
    digest = FNV_OFFSET
    for byte in line.encode("utf-8") if isinstance(line, str) else line:
        digest = ((digest ^ byte) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return f"{path}:{line_number}:{digest:016x}"
