"""Loads N login messages through sluice (file -> json -> hmac_sha256 ->
fields -> postgres) and, in the same run and into the same table definition,
the same rows already masked with `psql \\copy`; prints both rates and their
ratio (target: sluice >= 0.6 of \\copy).

    python3 bench/postgres/run_bench.py [--rows 1000000] [--sluice build/bin/sluice]
                                        [--repeat 1] [--exactly-once]

Needs PostgreSQL 15 in /usr/lib/postgresql/15/bin (tests/harness starts a
throwaway cluster: fsync and synchronous_commit off, for both contenders).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "harness"))

from sluice_harness import PostgresServer, run_sluice, write_pipeline  # noqa: E402
from sluice_harness.postgres import PG_BIN  # noqa: E402

TABLE_DDL = """CREATE TABLE {name}(
  user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
  masked_device_id varchar(256), locale varchar(32), app_version integer,
  create_date date)"""

MASK_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
VERSIONS = ["2.3.0", "0.96", "7.31", "2.00", "0.2.6", "3.7"]
DEVICES = ["android", "ios"]
LOCALES = ["RU", "PH", None, "ID", "FR", "PT"]


def write_messages(path, rows):
    """Login messages shaped like SPEC §8's, one JSON object per line."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(rows):
            out.write(json.dumps({
                "user_id": f"{i:08x}-063a-43a7-b91b-7ca1a833afae",
                "app_version": VERSIONS[i % 6],
                "device_type": DEVICES[i % 2],
                "ip": f"{i % 223 + 1}.{i // 7 % 256}.{i // 11 % 256}.{i % 256}",
                "locale": LOCALES[i % 6],
                "device_id": f"{i % 1000:03d}-{i // 1000 % 100:02d}-{i % 10000:04d}",
            }) + "\n")


def pipeline(input_path, dsn, exactly_once, batch_size):
    return f"""
        version: 1
        name: bench_postgres
        source:
          plugin: file
          path: {input_path}
        transforms:
          - name: parse
            plugin: json
            fields: {{user_id: string, app_version: string, device_type: string,
                     ip: string, locale: string, device_id: string}}
            required: [user_id, device_type, ip, device_id]
          - name: mask_pii
            plugin: hmac_sha256
            fields: {{ip: masked_ip, device_id: masked_device_id}}
            key_env: SLUICE_MASK_KEY
          - name: shape
            plugin: fields
            convert: {{app_version: version_int}}
            set: {{create_date: today}}
            drop: [body, line]
        sink:
          plugin: postgres
          dsn: {dsn}
          table: user_logins
          exactly_once: {str(exactly_once).lower()}
          batch_size: {batch_size}
        """


def psql(pg, command):
    """Runs one psql command (\\copy included) against the server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    subprocess.run([str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", pg.dsn,
                    "-c", command], check=True, env=env)


def timed(action):
    start = time.monotonic()
    action()
    return time.monotonic() - start


def run_sluice_load(pg, work, rows, exactly_once, batch_size):
    pg.psql("DROP TABLE IF EXISTS user_logins; DROP TABLE IF EXISTS sluice_ledger; "
            + TABLE_DDL.format(name="user_logins") + "; CHECKPOINT")
    path = write_pipeline(work, pipeline(work / "logins.ndjson", pg.dsn, exactly_once,
                                         batch_size))

    def load():
        result = run_sluice(["run", str(path), "--drain", "--log-level", "warn"],
                            env={"SLUICE_MASK_KEY": MASK_KEY}, timeout=3600)
        if result.rc != 0:
            raise SystemExit("sluice failed:\n" + result.describe())

    seconds = timed(load)
    landed = int(pg.psql("SELECT count(*) FROM user_logins")[0][0])
    if landed != rows:
        raise SystemExit(f"sluice loaded {landed} rows, expected {rows}")
    return seconds


def run_copy_load(pg, masked_file):
    pg.psql("DROP TABLE IF EXISTS user_logins_copy; "
            + TABLE_DDL.format(name="user_logins_copy") + "; CHECKPOINT")
    return timed(lambda: psql(pg, f"\\copy user_logins_copy FROM '{masked_file}'"))


def split_lines(path, lines_per_part, prefix):
    """Splits a file into parts of `lines_per_part` lines; returns their paths."""
    parts = []
    with open(path, encoding="utf-8") as whole:
        while chunk := [line for _, line in zip(range(lines_per_part), whole)]:
            part = path.parent / f"{prefix}{len(parts):05d}.tsv"
            part.write_text("".join(chunk), encoding="utf-8")
            parts.append(part)
    return parts


def run_ledger_floor_load(pg, work, masked_file, ids_file, batch_size):
    """The least PostgreSQL must do for exactly_once: per batch, in one
    transaction, COPY the rows and COPY their ids into a ledger of the
    same definition as sluice's (primary key, BRIN on the commit time).
    No parsing, masking or conversion: only the server's share."""
    pg.psql("DROP TABLE IF EXISTS user_logins_copy; DROP TABLE IF EXISTS ledger_copy; "
            + TABLE_DDL.format(name="user_logins_copy") + "; "
            "CREATE TABLE ledger_copy (LIKE sluice_ledger INCLUDING ALL); CHECKPOINT")
    row_parts = split_lines(masked_file, batch_size, "rows-")
    id_parts = split_lines(ids_file, batch_size, "ids-")
    script = work / "ledger_floor.sql"
    with open(script, "w", encoding="utf-8") as out:
        for rows, ids in zip(row_parts, id_parts):
            out.write(f"BEGIN;\n\\copy user_logins_copy FROM '{rows}'\n"
                      f"\\copy ledger_copy (pipeline, target, message_id) FROM '{ids}'\nCOMMIT;\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return timed(lambda: subprocess.run([str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", pg.dsn,
                                         "-f", str(script)], check=True, env=env))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sluice", default=os.environ.get("SLUICE_BIN",
                                                           str(REPO / "build" / "bin" / "sluice")))
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best of each is kept")
    parser.add_argument("--batch-size", type=int, default=10_000,
                        help="the sink's batch_size (its default: 10000)")
    parser.add_argument("--exactly-once", action="store_true",
                        help="also measure the sink with exactly_once: true")
    args = parser.parse_args()
    os.environ["SLUICE_BIN"] = str(Path(args.sluice).resolve())

    with tempfile.TemporaryDirectory(prefix="sluice-bench-pg-") as tmp, PostgresServer() as pg:
        work = Path(tmp)
        os.chmod(work, 0o755)
        print(f"generating {args.rows} messages ...", flush=True)
        write_messages(work / "logins.ndjson", args.rows)
        masked = work / "masked.tsv"

        modes = [False, True] if args.exactly_once else [False]
        ids = work / "ledger_ids.tsv"
        best = {}
        for round_number in range(args.repeat):
            for exactly_once in modes:
                seconds = run_sluice_load(pg, work, args.rows, exactly_once, args.batch_size)
                best[exactly_once] = min(best.get(exactly_once, seconds), seconds)
                print(f"round {round_number + 1}: sluice (exactly_once={exactly_once}) "
                      f"{seconds:.2f} s", flush=True)
            if not masked.exists():
                # The reference loads exactly the rows sluice produced, masked.
                psql(pg, f"\\copy user_logins TO '{masked}'")
            seconds = run_copy_load(pg, masked)
            best["copy"] = min(best.get("copy", seconds), seconds)
            print(f"round {round_number + 1}: psql \\copy {seconds:.2f} s", flush=True)
            if args.exactly_once:
                if not ids.exists():
                    # The ids sluice recorded, in the order it recorded them.
                    psql(pg, f"\\copy (SELECT pipeline, target, message_id FROM sluice_ledger ORDER BY ctid) "
                             f"TO '{ids}'")
                seconds = run_ledger_floor_load(pg, work, masked, ids, args.batch_size)
                best["floor"] = min(best.get("floor", seconds), seconds)
                print(f"round {round_number + 1}: psql \\copy rows + ids into a ledger {seconds:.2f} s", flush=True)

        copy_rate = args.rows / best["copy"]
        print(f"\nrows: {args.rows}")
        print(f"psql \\copy (already masked):             {copy_rate:12,.0f} rows/s")
        for exactly_once in modes:
            rate = args.rows / best[exactly_once]
            print(f"sluice file->json->hmac->fields->postgres"
                  f"{' (exactly_once)' if exactly_once else ''}: {rate:12,.0f} rows/s"
                  f"  ratio {rate / copy_rate:.2f}")
        if args.exactly_once:
            floor_rate = args.rows / best["floor"]
            print(f"psql \\copy rows + ids into a ledger, per batch: {floor_rate:12,.0f} rows/s"
                  f"  ratio {floor_rate / copy_rate:.2f}")
            print(f"sluice exactly_once / that floor: {args.rows / best[True] / floor_rate:.2f}")


if __name__ == "__main__":
    main()
