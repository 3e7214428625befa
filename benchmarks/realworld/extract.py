#!/usr/bin/env python3
"""Lay out the benchmark's repositories from local git snapshots; never fetches anything.

usage:
    MIRROR=/path/to/snapshots python extract.py TARGET_DIR [--repos repos.tsv] [--only OWNER/NAME ...]

Each repository listed in repos.tsv must already be in $MIRROR/OWNER+NAME/repo (a bare git directory)
or $MIRROR/OWNER+NAME/repo/.git (a clone with a work tree), the layout that
../shared/realrepos/extract_corpus.sh reads.  Every tree is written, at the commit repos.tsv records,
to TARGET_DIR/OWNER+NAME/ (replacing what was there).  Blobs a snapshot lacks (files of 4 MiB and
more, Git LFS content) are skipped with a note instead of failing the whole tree.

Exit status: 0 when every row is extracted; 1 when a snapshot or commit is missing (the other rows
are still extracted); 2 on a usage error.  Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def git(gitdir: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], capture_output=True, **kw)


def snapshot_gitdir(mirror: Path, repo: str) -> Path | None:
    base = mirror / repo.replace("/", "+") / "repo"
    for cand in (base / ".git", base):
        if (cand / "objects").is_dir():
            return cand
    return None


def extract_tree(gitdir: Path, commit: str, dest: Path) -> tuple[int, list[str]]:
    """Write the tree of commit into dest; return (files written, paths whose blob is missing)."""
    listing = git(gitdir, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode:
        raise RuntimeError(listing.stderr.decode(errors="replace").strip())
    entries = []
    for rec in listing.stdout.split(b"\0"):
        if not rec:
            continue
        meta, _, path = rec.partition(b"\t")
        mode, otype, sha = meta.split()
        if otype == b"blob":
            entries.append((mode.decode(), sha.decode(), path.decode("utf-8", "surrogateescape")))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    missing: list[str] = []
    written = 0
    batch = subprocess.Popen(
        ["git", f"--git-dir={gitdir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        for mode, sha, rel in entries:
            batch.stdin.write(sha.encode() + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline().split()
            if len(header) < 3 or header[1] == b"missing":
                missing.append(rel)
                continue
            data = batch.stdout.read(int(header[2]))
            batch.stdout.read(1)  # the newline after the object
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == "120000":
                os.symlink(data.decode("utf-8", "surrogateescape"), target)
            else:
                target.write_bytes(data)
                if mode == "100755":
                    target.chmod(0o755)
            written += 1
    finally:
        batch.stdin.close()
        batch.wait()
    return written, missing


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", type=Path)
    ap.add_argument("--repos", type=Path, default=HERE / "repos.tsv")
    ap.add_argument("--only", nargs="*", default=None, help="extract only these OWNER/NAME rows")
    args = ap.parse_args(argv)
    mirror = os.environ.get("MIRROR")
    if not mirror:
        print("set MIRROR to the folder that holds the fetched snapshots", file=sys.stderr)
        return 2
    if not args.repos.is_file():
        print(f"no such file: {args.repos}", file=sys.stderr)
        return 2
    with args.repos.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    failed = 0
    for row in rows:
        repo, commit = row["repo"], row["commit"]
        if args.only is not None and repo not in args.only:
            continue
        gitdir = snapshot_gitdir(Path(mirror), repo)
        if gitdir is None:
            print(
                f"MISSING snapshot for {repo} (expected {mirror}/{repo.replace('/', '+')}/repo); fetch it first",
                file=sys.stderr,
            )
            failed += 1
            continue
        if git(gitdir, "cat-file", "-e", f"{commit}^{{commit}}").returncode:
            print(f"MISSING commit {commit} of {repo} in {gitdir}", file=sys.stderr)
            failed += 1
            continue
        try:
            written, missing = extract_tree(gitdir, commit, args.target / repo.replace("/", "+"))
        except (RuntimeError, OSError) as exc:
            print(f"FAILED {repo}@{commit}: {exc}", file=sys.stderr)
            failed += 1
            continue
        note = f"  ({len(missing)} blobs not in the snapshot: {', '.join(missing[:3])})" if missing else ""
        print(f"{repo:<45} {row['split']:<8} {commit[:12]}  files={written}{note}")
    print(f"{'all rows' if not failed else f'{failed} rows failed'}; trees in {args.target}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
