#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Dump a Postgres database with pg_dump, gzip it and upload it to S3-compatible storage."""

import argparse
import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
import tempfile

import boto3

BUCKET = os.environ.get("BACKUP_BUCKET", "clinic-backups")
KEEP_DAYS = 14


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Back up one database to object storage.")
    p.add_argument("dbname", help="database name, e.g. clinic_prod")
    p.add_argument("--endpoint", default="https://storage.yandexcloud.net", help="S3 endpoint URL")
    p.add_argument("--dry-run", action="store_true", help="dump and compress, but do not upload")
    p.add_argument("--keep", type=int, default=KEEP_DAYS, help="delete backups older than this many days")
    return p.parse_args(argv)


def dump(dbname: str, workdir: str) -> str:
    raw_path = os.path.join(workdir, f"{dbname}.sql")
    with open(raw_path, "wb") as out:
        subprocess.run(["pg_dump", "--no-owner", "--format=plain", dbname], stdout=out, check=True)
    gz_path = raw_path + ".gz"
    with open(raw_path, "rb") as src, gzip.open(gz_path, "wb", compresslevel=6) as dst:
        shutil.copyfileobj(src, dst)
    return gz_path


def prune(s3, prefix: str, keep_days: int) -> int:
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=keep_days)
    removed = 0
    for obj in s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", []):
        if obj["LastModified"] < cutoff:
            s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
            removed += 1
    return removed


def main(argv=None) -> int:
    args = parse_args(argv)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    with tempfile.TemporaryDirectory(prefix="pgbackup-") as workdir:
        try:
            path = dump(args.dbname, workdir)
        except subprocess.CalledProcessError as exc:
            print(f"pg_dump failed with exit code {exc.returncode}", file=sys.stderr)
            return 1
        size_mb = os.path.getsize(path) / 1e6
        print(f"Dumped {args.dbname}: {size_mb:.1f} MB")
        if args.dry_run:
            print("Dry run: skipping upload.")
            return 0
        s3 = boto3.client("s3", endpoint_url=args.endpoint)
        key = f"{args.dbname}/{stamp}.sql.gz"
        s3.upload_file(path, BUCKET, key)
        print(f"Uploaded to s3://{BUCKET}/{key}")
        removed = prune(s3, f"{args.dbname}/", args.keep)
        if removed:
            print(f"Removed {removed} old backups.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
