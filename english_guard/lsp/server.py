"""The pygls side of `english-guard server`: diagnostics as the user types, code actions and hovers.

Checks run on one worker thread, one at a time (the detection's caches are shared, and a check that waits
its turn is cheaper than two that compete for the GIL), so the event loop keeps answering the editor.
A change is checked after a pause in typing (`debounce`); an open or a save is checked at once. A result
for a text that changed meanwhile is dropped: the newer text's check replaces it.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import ServerTextPosition

from english_guard import __version__
from english_guard.lsp.documents import (
    CheckedDocument,
    ConfigCache,
    Fix,
    check_text,
    findings_at,
    fixes_for,
    hover_markdown,
    split_lines,
)
from english_guard.records import Finding
from english_guard.rules import UNUSED_SUPPRESSION

SOURCE = "english-guard"
DEFAULT_DEBOUNCE_SECONDS = 0.3
# Files whose change can change every open document's findings.
CONFIG_FILE_NAMES = frozenset({"pyproject.toml", "english-guard.toml", ".gitignore"})
# An editor's language id -> a file name with the extension its reader is chosen by (for unsaved buffers).
UNTITLED_NAMES = {
    "python": "untitled.py",
    "yaml": "untitled.yaml",
    "dockerfile": "Dockerfile",
    "shellscript": "untitled.sh",
    "toml": "untitled.toml",
    "ini": "untitled.ini",
    "markdown": "untitled.md",
    "restructuredtext": "untitled.rst",
    "dotenv": ".env",
}


class GuardServer(LanguageServer):
    def __init__(self, config_file: str | None = None, debounce: float = DEFAULT_DEBOUNCE_SECONDS) -> None:
        super().__init__("english-guard", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.configs = ConfigCache(config_file)
        self.debounce = debounce
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="english-guard-check")
        self.pending: dict[str, asyncio.Task] = {}
        self.checked: dict[str, tuple[int | None, CheckedDocument]] = {}

    # ----- documents ---------------------------------------------------------------------------------

    def open_document(self, uri: str):
        """The open document behind a URI as the client spells it (pygls keys documents by the unquoted URI;
        results are published under the client's own spelling)."""
        return self.workspace.text_documents.get(unquote(uri))

    def path_of(self, uri: str, language_id: str | None = None) -> str:
        """The file path a document is checked as; an unsaved buffer is checked as a file in the workspace."""
        if urlparse(uri).scheme == "file":
            path = to_fs_path(uri)
            if path:
                return os.path.abspath(path)
        root = self.workspace.root_path or os.getcwd()
        return os.path.join(root, UNTITLED_NAMES.get(language_id or "", "untitled.py"))

    async def current(self, uri: str) -> CheckedDocument | None:
        """The check of the document's current text, from the last result when the text has not changed."""
        document = self.open_document(uri)
        if document is None:
            return None
        version = document.version
        known = self.checked.get(uri)
        if known is not None and known[0] == version and known[1].text == document.source:
            return known[1]
        path = self.path_of(uri, document.language_id)
        text = document.source
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self.worker, check_text, path, text, self.configs)
        live = self.open_document(uri)
        if live is not None and live.version == version:
            self.checked[uri] = (version, checked)
        return checked

    def schedule(self, uri: str, delay: float) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_and_publish(uri, delay))

    async def _check_and_publish(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.open_document(uri)
            if document is None:
                return
            version = document.version
            checked = await self.current(uri)
            live = self.open_document(uri)
            if checked is None or live is None or live.version != version:
                return  # closed or edited meanwhile: that event scheduled its own check
            self.publish(uri, version, checked)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def recheck_all(self) -> None:
        for document in list(self.workspace.text_documents.values()):
            self.checked.pop(document.uri, None)
            self.schedule(document.uri, 0)

    # ----- positions and records ---------------------------------------------------------------------

    def to_range(self, lines: list[str], codec, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """1-based characters with an exclusive end -> an LSP range in the client's position encoding."""
        start = codec.position_to_client_units(lines, ServerTextPosition(max(line - 1, 0), max(column - 1, 0)))
        end = codec.position_to_client_units(lines, ServerTextPosition(max(end_line - 1, 0), max(end_column - 1, 0)))
        return types.Range(start=start, end=end)

    def from_position(self, lines: list[str], codec, position: types.Position) -> tuple[int, int]:
        """An LSP position -> 1-based (line, character)."""
        server = codec.position_from_client_units(lines, types.Position(position.line, position.character))
        return server.line + 1, server.character + 1

    def diagnostic(self, lines: list[str], codec, finding: Finding) -> types.Diagnostic:
        unused = finding.code == UNUSED_SUPPRESSION.code
        tags = [types.DiagnosticTag.Unnecessary] if unused and self._supports_tags() else None
        return types.Diagnostic(
            range=self.to_range(lines, codec, finding.line, finding.column, finding.end_line, finding.end_column),
            message=finding.message,
            severity=types.DiagnosticSeverity.Hint if unused else types.DiagnosticSeverity.Warning,
            code=finding.code,
            source=SOURCE,
            tags=tags,
            data={
                "kind": finding.kind,
                "symbol": finding.symbol,
                "language": finding.language,
                "confidence": round(finding.confidence, 3),
            },
        )

    def _supports_tags(self) -> bool:
        capabilities = self.client_capabilities.text_document
        publish = capabilities.publish_diagnostics if capabilities else None
        return bool(publish and publish.tag_support)

    def diagnostics(self, checked: CheckedDocument) -> list[types.Diagnostic]:
        lines = split_lines(checked.text)
        codec = self.workspace.position_codec
        if checked.config_error:
            return [
                types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                    message=f"english-guard cannot check this file: {checked.config_error}",
                    severity=types.DiagnosticSeverity.Error,
                    code="config",
                    source=SOURCE,
                )
            ]
        out = [self.diagnostic(lines, codec, finding) for finding in checked.findings]
        if (
            checked.result is not None
            and checked.config is not None
            and UNUSED_SUPPRESSION.code in checked.config.codes_enabled()
        ):
            out += [self.diagnostic(lines, codec, finding) for finding in checked.result.unused_directives]
        error = checked.error
        if error is not None:
            line = min(max(error.line or 1, 1), len(lines))
            out.append(
                types.Diagnostic(
                    range=self.to_range(lines, codec, line, 1, line, len(lines[line - 1]) + 1),
                    message=f"english-guard could not check this file: {error.message}",
                    severity=types.DiagnosticSeverity.Warning,
                    code=error.code,
                    source=SOURCE,
                )
            )
        return out

    def publish(self, uri: str, version: int | None, checked: CheckedDocument) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=self.diagnostics(checked))
        )

    def workspace_edit(self, uri: str, version: int | None, checked: CheckedDocument, fix: Fix) -> types.WorkspaceEdit:
        lines = split_lines(checked.text)
        codec = self.workspace.position_codec
        edits = [
            types.TextEdit(
                range=self.to_range(lines, codec, c.line, c.column, c.end_line, c.end_column), new_text=c.new_text
            )
            for c in fix.changes
        ]
        capabilities = self.client_capabilities.workspace
        edit_capabilities = capabilities.workspace_edit if capabilities else None
        if edit_capabilities and edit_capabilities.document_changes:
            return types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                        edits=edits,
                    )
                ]
            )
        return types.WorkspaceEdit(changes={uri: edits})


def create_server(config_file: str | None = None, debounce: float = DEFAULT_DEBOUNCE_SECONDS) -> GuardServer:
    server = GuardServer(config_file, debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GuardServer, params: types.InitializedParams) -> None:
        # Load the lexicon and the language model now rather than on the first keystroke.
        ls.worker.submit(_warm_up)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GuardServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GuardServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GuardServer, params: types.DidSaveTextDocumentParams) -> None:
        if _is_config_file(params.text_document.uri, ls):
            ls.recheck_all()
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GuardServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: GuardServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config_file(change.uri, ls) for change in params.changes):
            ls.recheck_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )
    async def code_action(ls: GuardServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        document = ls.open_document(uri)
        checked = await ls.current(uri)
        if document is None or checked is None or not checked.findings:
            return None
        version = document.version
        lines = split_lines(checked.text)
        codec = ls.workspace.position_codec
        line, column = ls.from_position(lines, codec, params.range.start)
        end_line, end_column = ls.from_position(lines, codec, params.range.end)
        findings = findings_at(checked, line, column, end_line, end_column)
        if not findings:
            return None
        loop = asyncio.get_running_loop()
        fixes = await loop.run_in_executor(ls.worker, fixes_for, checked, findings)
        by_code: dict[str, list[types.Diagnostic]] = {}
        for finding in findings:
            by_code.setdefault(finding.code, []).append(ls.diagnostic(lines, codec, finding))
        return [
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=by_code.get(fix.code),
                is_preferred=fix.preferred or None,
                edit=ls.workspace_edit(uri, version, checked, fix),
            )
            for fix in fixes
        ]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: GuardServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None or not checked.findings:
            return None
        lines = split_lines(checked.text)
        codec = ls.workspace.position_codec
        line, column = ls.from_position(lines, codec, params.position)
        findings = findings_at(checked, line, column)
        if not findings:
            return None
        loop = asyncio.get_running_loop()
        markdown = await loop.run_in_executor(ls.worker, hover_markdown, checked, findings)
        first = findings[0]
        kind = types.MarkupKind.Markdown if _supports_markdown_hover(ls) else types.MarkupKind.PlainText
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value=markdown),
            range=ls.to_range(lines, codec, first.line, first.column, first.end_line, first.end_column),
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: GuardServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def _is_config_file(uri: str, ls: GuardServer) -> bool:
    if urlparse(uri).scheme != "file":
        return False
    name = Path(to_fs_path(uri) or "").name
    if name in CONFIG_FILE_NAMES:
        return True
    # A project's words file (`words-file = ...`) holds allowed words: it changes findings too.
    for _version, checked in ls.checked.values():
        words = checked.config.words_path() if checked.config is not None else None
        if words is not None and os.path.abspath(words) == os.path.abspath(to_fs_path(uri) or ""):
            return True
    return False


def _supports_markdown_hover(ls: GuardServer) -> bool:
    capabilities = ls.client_capabilities.text_document
    hover = capabilities.hover if capabilities else None
    formats = hover.content_format if hover else None
    return not formats or types.MarkupKind.Markdown in formats


def _warm_up() -> None:
    from english_guard.checker import check_document
    from english_guard.config import Config

    check_document("warm-up.py", "# salom dunyo, bu izoh\nnarx = 1\n", Config(), "python")


def serve(config_file: str | None = None, debounce: float = DEFAULT_DEBOUNCE_SECONDS) -> None:
    create_server(config_file, debounce).start_io()
