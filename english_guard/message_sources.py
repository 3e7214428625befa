"""Where messages come from: a COMMIT_EDITMSG file, a range of commits, a GitHub pull_request event
file, GitLab's merge-request variables. Each source returns `MessageText`s for `messages.judge_messages`."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping

from english_guard.errors import EnglishGuardError
from english_guard.messages import MessageText, commit_message, pull_request


class MessageSourceError(EnglishGuardError):
    """A source that cannot be read; the message says which and why, in one line."""


def _git(args: list[str], cwd: str = ".") -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise MessageSourceError("git is not installed") from None


def comment_prefix(cwd: str = ".") -> str:
    """The comment character git writes in COMMIT_EDITMSG: core.commentString or core.commentChar, else `#`.

    `auto` makes git pick a character per message, which the file does not record; `#` is assumed then.
    """
    for key in ("core.commentString", "core.commentChar"):
        completed = _git(["config", "--get", key], cwd)
        value = completed.stdout.decode("utf-8", "replace").strip("\n") if completed.returncode == 0 else ""
        if value and value != "auto":
            return value
    return "#"


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MessageSourceError(
            f"{where}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at byte {exc.start})"
        ) from None


def read_message_file(path: str, stdin: bytes | None = None, prefix: str | None = None) -> MessageText:
    """A commit message file (`-`: standard input) in COMMIT_EDITMSG format."""
    if path == "-":
        data = stdin or b""
        name = "<stdin>"
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise MessageSourceError(f"{path}: cannot read the message: {exc.strerror or exc}") from None
        name = path
    return commit_message(name, _decode(data, name), comment_prefix() if prefix is None else prefix)


def read_range(revision_range: str, cwd: str = ".") -> list[MessageText]:
    """Every commit of `revision_range` (`origin/main..HEAD`), reported by its SHA; one `git log` call."""
    if revision_range.startswith("-"):
        raise MessageSourceError(f"--range {revision_range}: not a revision range")
    completed = _git(
        ["-c", "i18n.logOutputEncoding=UTF-8", "log", "-z", "--no-color", "--format=%H%n%B", revision_range, "--"], cwd
    )
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MessageSourceError(f"--range {revision_range}: {message[0] if message else 'git log failed'}")
    messages = []
    for record in completed.stdout.split(b"\0"):
        if not record.strip():
            continue
        sha, _newline, body = record.partition(b"\n")
        # Stored messages are already cleaned: a `#` line in them is text, not a comment.
        text = body.decode("utf-8", "replace")
        messages.append(commit_message(sha.decode("ascii", "replace")[:12], text, comment_prefix=None))
    return messages


def read_github_event(path: str) -> MessageText:
    """The title and body of the pull request in a GitHub Actions event file ($GITHUB_EVENT_PATH)."""
    try:
        with open(path, "rb") as handle:
            event = json.loads(handle.read().decode("utf-8"))
    except OSError as exc:
        raise MessageSourceError(f"{path}: cannot read the event file: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MessageSourceError(f"{path}: not a JSON event file ({exc})") from None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pull, dict):
        raise MessageSourceError(f"{path}: the event has no pull_request (run it on pull_request events)")
    number = pull.get("number") or (event.get("number") if isinstance(event, dict) else None)
    name = f"pull-request-{number}" if number else "pull-request"
    return pull_request(name, str(pull.get("title") or ""), str(pull.get("body") or ""))


def read_gitlab_merge_request(environ: Mapping[str, str] | None = None) -> MessageText:
    """The merge request's title and description from GitLab CI's predefined variables."""
    environ = os.environ if environ is None else environ
    if "CI_MERGE_REQUEST_TITLE" not in environ:
        raise MessageSourceError("--gitlab-mr: CI_MERGE_REQUEST_TITLE is not set (run it in a merge request pipeline)")
    iid = environ.get("CI_MERGE_REQUEST_IID", "")
    name = f"merge-request-{iid}" if iid else "merge-request"
    return pull_request(
        name, environ.get("CI_MERGE_REQUEST_TITLE", ""), environ.get("CI_MERGE_REQUEST_DESCRIPTION", "")
    )
