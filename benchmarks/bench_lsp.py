"""Benchmark of `english-guard server`: how soon an editor sees diagnostics for a 2,000-line file.

It starts the real server (`english-guard server`, over stdio) with pygls's own LSP client, as an editor
would, and measures on each file:

- start: from launching the server to its answer to `initialize`;
- open: from `didOpen` to the first `publishDiagnostics` of the file (the server warmed up by a small
  document first, as in a session; the very first open of a session is reported separately);
- change: from a one-character `didChange` (incremental, as editors send them) to the diagnostics of
  that version, with the server's default 300 ms debounce; "after the debounce" subtracts it;
- code action and hover: a request on the first finding's range, to its answer.

Files (each about 2,000 lines, none written by this project by default):
- the standard-library module whose length is closest to 2,000 lines (English: the cost of a clean file);
- `--tree DIR`: the Python files of a folder, concatenated in path order until 2,000 lines (e.g. a
  fetched Uzbek bot, for a file with findings; default: examples/dokon_bot, repeated as needed);
- `--file PATH` (repeatable) instead of both.

    python benchmarks/bench_lsp.py [--tree DIR] [--file PATH]... [--runs 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEBOUNCE = 0.3
TARGET_LINES = 2000


def stdlib_file() -> Path:
    lib = Path(sysconfig.get_paths()["stdlib"])
    return min(
        lib.glob("*.py"),
        key=lambda p: abs(len(p.read_text(encoding="utf-8", errors="replace").splitlines()) - TARGET_LINES),
    )


def concatenated(tree: Path, folder: Path) -> Path:
    """Whole files of `tree`, in path order (repeated when the tree is small), until TARGET_LINES lines."""
    sources = [p for p in sorted(tree.rglob("*.py")) if "test" not in p.parts]
    if not sources:
        raise SystemExit(f"{tree}: no Python files")
    lines: list[str] = []
    while len(lines) < TARGET_LINES:
        for source in sources:
            text = source.read_text(encoding="utf-8", errors="replace")
            try:
                compile(text, str(source), "exec")
            except (SyntaxError, ValueError):
                continue
            lines += text.splitlines()
            if len(lines) >= TARGET_LINES:
                break
    target = folder / f"{tree.name}_{len(lines)}_lines.py"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


class Session:
    def __init__(self) -> None:
        self.client = LanguageClient("bench-lsp", "1")
        self.waiting: dict[str, tuple[int | None, asyncio.Future]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            waiting = self.waiting.get(params.uri)
            if waiting and (waiting[0] is None or params.version == waiting[0]) and not waiting[1].done():
                waiting[1].set_result(params)

    def expect(self, uri: str, version: int | None) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting[uri] = (version, future)
        return future

    async def start(self, root: Path) -> float:
        started = time.perf_counter()
        script = Path(sys.executable).with_name("english-guard")
        command = [str(script)] if script.is_file() else [sys.executable, "-m", "english_guard"]
        await self.client.start_io(*command, "server")
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri(), process_id=None)
        )
        elapsed = time.perf_counter() - started
        self.client.initialized(types.InitializedParams())
        return elapsed

    async def open(self, path: Path, text: str) -> tuple[float, types.PublishDiagnosticsParams]:
        uri = path.as_uri()
        future = self.expect(uri, 1)
        started = time.perf_counter()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri, "python", 1, text))
        )
        params = await asyncio.wait_for(future, 60)
        return time.perf_counter() - started, params

    async def type_character(self, path: Path, version: int, line: int) -> float:
        """Type one `#` at the start of the blank line `line` (an empty comment: the text stays valid Python)."""
        uri = path.as_uri()
        future = self.expect(uri, version)
        started = time.perf_counter()
        position = types.Position(line=line, character=0)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(types.Range(position, position), "#")],
            )
        )
        await asyncio.wait_for(future, 60)
        return time.perf_counter() - started

    async def request_times(self, path: Path, diagnostic: types.Diagnostic) -> tuple[float, float]:
        uri = path.as_uri()
        started = time.perf_counter()
        await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        actions = time.perf_counter() - started
        started = time.perf_counter()
        await self.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=diagnostic.range.start)
        )
        return actions, time.perf_counter() - started

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _blank_line(text: str) -> int:
    """A line where a `#` typed at column 0 starts a comment and changes nothing else: an empty one."""
    lines = text.split("\n")
    middle = len(lines) // 2
    for distance in range(len(lines)):
        for index in (middle - distance, middle + distance):
            if 0 <= index < len(lines) - 1 and not lines[index].strip():
                return index
    return len(lines) - 1


async def measure(files: list[Path], runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        session = Session()
        start = await session.start(root)
        first_open, _ = await session.open(root / "warm_up.py", "# hello\nx = 1\n")
        print(
            f"server start to initialize answer: {start * 1000:.0f} ms; first open of the session (loads the "
            f"engine): {first_open * 1000:.0f} ms"
        )
        print()
        print(
            "| file | lines | findings | open | change (median / max) | change after the debounce | "
            "code action | hover |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for number, source in enumerate(files):
            text = source.read_text(encoding="utf-8", errors="replace")
            path = root / f"doc{number}_{source.name}"
            opened, params = await session.open(path, text)
            line = _blank_line(text)
            changes = []
            for version in range(2, runs + 2):
                changes.append(await session.type_character(path, version, line))
            median = statistics.median(changes)
            action = hover = float("nan")
            if params.diagnostics:
                action, hover = await session.request_times(path, params.diagnostics[0])
            print(
                f"| {source.name} | {len(text.splitlines())} | {len(params.diagnostics)} | {opened * 1000:.0f} ms | "
                f"{median * 1000:.0f} / {max(changes) * 1000:.0f} ms | {(median - DEBOUNCE) * 1000:.0f} ms | "
                f"{action * 1000:.0f} ms | {hover * 1000:.0f} ms |"
            )
        await session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT / "examples" / "dokon_bot",
        help="folder whose Python files make the second 2,000-line file",
    )
    parser.add_argument("--file", type=Path, action="append", help="measure these files instead")
    parser.add_argument("--runs", type=int, default=10, help="one-character changes per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = args.file or [stdlib_file(), concatenated(args.tree, Path(folder))]
        asyncio.run(measure(files, args.runs))


if __name__ == "__main__":
    main()
