"""`english-guard server` end to end: the real server process, driven over stdio by a real LSP client (pytest-lsp)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities


def _server_command() -> list[str]:
    """The installed `english-guard` script next to this Python (what an editor runs), else the module."""
    script = Path(sys.executable).with_name("english-guard")
    if script.is_file():
        return [str(script), "server"]
    found = shutil.which("english-guard")
    return [found, "server"] if found else [sys.executable, "-m", "english_guard", "server"]


PYPROJECT = """\
[project]
name = "shop"

[tool.english-guard]
exclude = ["generated/**"]
allowed-words = ["mahsulot"]
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=_server_command()))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="shop")],
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=_server_command()))
async def neovim(lsp_client: LanguageClient, tmp_path: Path):
    """A client that declares Neovim 0.11's capabilities: UTF-8 positions first, no `documentChanges`."""
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("neovim"), root_uri=tmp_path.as_uri())
    )
    lsp_client.position_encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    yield
    await lsp_client.shutdown_session()


def units(text: str, encoding: str) -> int:
    """The length of `text` in the code units of an LSP position encoding."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf16:
        return len(text.encode("utf-16-le")) // 2
    return len(text)


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 30.0) -> types.PublishDiagnosticsParams:
    """The next diagnostics the server publishes for `uri`."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), max(remaining, 0.01)
        )
        if params.uri == uri:
            return params


def record_publications(client: LanguageClient) -> list[types.PublishDiagnosticsParams]:
    """Every `publishDiagnostics` the client receives from now on (waiting for one at a time can miss one
    that follows closely)."""
    features = client.protocol.fm.features
    handler = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]
    received: list[types.PublishDiagnosticsParams] = []

    def record(params: types.PublishDiagnosticsParams):
        received.append(params)
        return handler(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    return received


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1, language: str = "python") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    # Positional arguments: the document's text is data, not a message (a `text=` keyword reads as one).
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri, language, version, text))
    )
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (ASCII documents: UTF-16 units are characters) as an editor does."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list(edit.changes[uri])


async def code_actions(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return list(result or [])


async def warm(client: LanguageClient, tmp_path: Path) -> None:
    """Wait until the server has loaded the engine (the first check of a session loads the lexicon)."""
    uri = open_document(client, tmp_path / "warm.py", "# hello\nx = 1\n")
    await diagnostics_for(client, uri)


@pytest.mark.asyncio
async def test_uzbek_comment_is_reported_within_a_second_and_cleared_when_fixed(client: LanguageClient, tmp_path):
    await warm(client, tmp_path)
    started = time.monotonic()
    # A folder name that URIs percent-encode: results come back under the URI the client sent.
    uri = open_document(client, tmp_path / "shop + co" / "cart.py", "total = 1  # narxni hisoblash\n")
    published = await diagnostics_for(client, uri, timeout=1.0)
    assert time.monotonic() - started < 1.0
    assert [d.code for d in published.diagnostics] == ["EG201"]
    diagnostic = published.diagnostics[0]
    assert diagnostic.source == "english-guard"
    assert diagnostic.range.start == types.Position(line=0, character=11)
    assert diagnostic.range.end == types.Position(line=0, character=29)
    assert "Uzbek" in diagnostic.message
    assert diagnostic.data["language"] == "uz"

    change_document(client, uri, "total = 1  # calculate the price\n", version=2)
    cleared = await diagnostics_for(client, uri)
    assert cleared.diagnostics == ()
    assert cleared.version == 2


@pytest.mark.asyncio
async def test_changes_are_debounced_and_only_the_latest_text_is_published(client: LanguageClient, tmp_path):
    await warm(client, tmp_path)
    uri = open_document(client, tmp_path / "notes.py", "x = 1\n")
    assert (await diagnostics_for(client, uri)).diagnostics == ()
    received = record_publications(client)
    # Typing a comment one keystroke at a time: only the finished text is judged.
    typed = "x = 1  # narxni hisoblash"
    start = len("x = 1")
    for version, end in enumerate(range(start + 1, len(typed) + 1), start=2):
        change_document(client, uri, typed[:end] + "\n", version)
        await asyncio.sleep(0.01)
    final = len(typed) - start + 1
    deadline = time.monotonic() + 30
    while not any(p.version == final for p in received) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # anything still coming would come now
    versions = [p.version for p in received if p.uri == uri]
    # Without the pause each of the 20 versions would be judged and published; with it, the finished text
    # (and one more if the machine stalls the typing for longer than the pause).
    assert versions[-1] == final and len(versions) <= 2, versions
    assert [d.code for d in received[-1].diagnostics] == ["EG201"]


@pytest.mark.asyncio
async def test_closing_a_document_clears_its_diagnostics(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "closing.py", "# narxni hisoblash\n")
    assert [d.code for d in (await diagnostics_for(client, uri)).diagnostics] == ["EG201"]
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert (await diagnostics_for(client, uri)).diagnostics == ()


RENAME_SOURCE = """\
def hisobla(narx, soni):
    umumiy = narx * soni
    return umumiy


def boshqa(narx):
    return narx + 1


print(hisobla(narx=2, soni=3))
"""


@pytest.mark.asyncio
async def test_rename_action_renames_the_name_and_its_uses_in_its_scope_only(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "shop" / "prices.py", RENAME_SOURCE)
    published = await diagnostics_for(client, uri)
    parameter = next(
        d
        for d in published.diagnostics
        if d.code == "EG101" and d.range.start.line == 0 and d.range.start.character == 12
    )
    actions = await code_actions(client, uri, parameter)
    rename = next(a for a in actions if a.title.startswith("Rename 'narx'"))
    assert rename.kind == types.CodeActionKind.QuickFix
    assert rename.is_preferred
    assert [d.code for d in rename.diagnostics] == ["EG101"]
    renamed = apply_edits(RENAME_SOURCE, edits_of(rename, uri))
    # The parameter, its use in the body and the keyword argument of the call; `boshqa`'s own `narx` stays.
    assert renamed == RENAME_SOURCE.replace("hisobla(narx, soni)", "hisobla(price, soni)").replace(
        "umumiy = narx * soni", "umumiy = price * soni"
    ).replace("hisobla(narx=2", "hisobla(price=2")
    assert "def boshqa(narx):\n    return narx + 1" in renamed
    compile(renamed, "prices.py", "exec")


@pytest.mark.asyncio
async def test_translation_and_suppression_actions_for_a_comment(client: LanguageClient, tmp_path):
    source = "price = 1  # narxni hisoblash\n"
    uri = open_document(client, tmp_path / "calc.py", source)
    diagnostic = (await diagnostics_for(client, uri)).diagnostics[0]
    actions = await code_actions(client, uri, diagnostic)
    translate = next(a for a in actions if a.title.startswith("Translate comment"))
    assert "review" in translate.title
    assert not translate.is_preferred
    assert apply_edits(source, edits_of(translate, uri)) == "price = 1  # price calculate\n"

    suppress = next(a for a in actions if a.title.startswith("Suppress EG201"))
    suppressed = apply_edits(source, edits_of(suppress, uri))
    assert suppressed == "price = 1  # narxni hisoblash  # english-guard: ignore[EG201]\n"
    change_document(client, uri, suppressed, version=2)
    assert (await diagnostics_for(client, uri)).diagnostics == ()


@pytest.mark.asyncio
async def test_hover_shows_the_per_word_evidence(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "hover.py", "x = 1  # narxni hisoblash\n")
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=12)
        )
    )
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "EG201" in text
    assert "| word | verdict | language | why |" in text
    assert "| `narxni` | foreign | uz |" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)
        )
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_a_syntax_error_is_a_diagnostic_and_the_server_keeps_working(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "broken.py", "def f(:\n    # narxni hisoblash\n    pass\n")
    published = await diagnostics_for(client, uri)
    # The file does not parse (EG900); its comments are still read and judged.
    assert sorted(d.code for d in published.diagnostics) == ["EG201", "EG900"]
    error = next(d for d in published.diagnostics if d.code == "EG900")
    assert error.range.start.line == 0
    assert "syntax error" in error.message
    change_document(client, uri, "def f():\n    # narxni hisoblash\n    pass\n", version=2)
    assert [d.code for d in (await diagnostics_for(client, uri)).diagnostics] == ["EG201"]


@pytest.mark.asyncio
async def test_the_projects_configuration_applies(client: LanguageClient, tmp_path):
    # allowed-words from pyproject.toml: "mahsulot" is a word of the project.
    uri = open_document(client, tmp_path / "menu.py", "mahsulot = 1\nnarx = 2\n")
    published = await diagnostics_for(client, uri)
    assert [(d.code, d.range.start.line) for d in published.diagnostics] == [("EG101", 1)]
    # exclude = ["generated/**"], as `check --force-exclude` applies it.
    excluded = open_document(client, tmp_path / "generated" / "menu.py", "narx = 2\n")
    assert (await diagnostics_for(client, excluded)).diagnostics == ()
    # A Markdown document goes to the Markdown reader.
    notes = open_document(
        client,
        tmp_path / "NOTES.md",
        "# Eslatma\n\nBu yerda narxlarni hisoblaymiz va saqlaymiz.\n",
        language="markdown",
    )
    assert {d.code for d in (await diagnostics_for(client, notes)).diagnostics} == {"EG501"}


def test_the_check_never_imports_the_language_server(tmp_path):
    """pygls and lsprotocol load only for `english-guard server`: a check does not pay for them."""
    (tmp_path / "cart.py").write_text("total = 1  # narxni hisoblash\n", encoding="utf-8")
    probe = (
        "import sys\nfrom english_guard.cli import main\ntry:\n    main(['check', '--no-cache', 'cart.py'])\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', 'english_guard.lsp')))\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "1 []"
    assert "EG201" in done.stdout


TRANSLATE_SOURCE = '''\
class Cart:
    def total(self):
        """Mahsulot narxi."""
        # foydalanuvchi ro'yxati
        # mahsulot narxi
        return 1


def price(): """Mahsulot narxi."""
'''


@pytest.mark.asyncio
async def test_translation_keeps_the_place_and_shape_of_docstrings_and_comment_blocks(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "cart.py", TRANSLATE_SOURCE)
    published = await diagnostics_for(client, uri)
    translated = {}
    for diagnostic in published.diagnostics:
        actions = await code_actions(client, uri, diagnostic)
        action = next(a for a in actions if a.title.startswith("Translate"))
        translated[diagnostic.range.start.line + 1] = apply_edits(TRANSLATE_SOURCE, edits_of(action, uri))
    assert sorted(translated) == [3, 4, 5, 9]
    assert translated[3] == TRANSLATE_SOURCE.replace('        """Mahsulot narxi."""', '        """Product price."""')
    # Both lines of the comment block are one text to translate, whichever line the cursor is on.
    block = TRANSLATE_SOURCE.replace(
        "# foydalanuvchi ro'yxati\n        # mahsulot narxi", "# user list\n        # product price"
    )
    assert translated[4] == translated[5] == block
    assert translated[9] == TRANSLATE_SOURCE.replace(
        'def price(): """Mahsulot narxi."""', 'def price(): """Product price."""'
    )


@pytest.mark.asyncio
async def test_saving_the_configuration_checks_open_documents_again(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "stock.py", "narx = 2  # english-guard: ignore[EG201]\n")
    assert [d.code for d in (await diagnostics_for(client, uri)).diagnostics] == ["EG101"]
    # The project allows the word and asks for unused suppressions (EG100), saved from the editor.
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        PYPROJECT.replace('allowed-words = ["mahsulot"]', 'allowed-words = ["mahsulot", "narx"]\nselect = ["ALL"]'),
        encoding="utf-8",
    )
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=pyproject.as_uri()))
    )
    published = await diagnostics_for(client, uri)
    assert [d.code for d in published.diagnostics] == ["EG100"]
    unused = published.diagnostics[0]
    assert unused.severity == types.DiagnosticSeverity.Hint
    assert list(unused.tags) == [types.DiagnosticTag.Unnecessary]
    # A broken configuration is one error on the first line, naming the file and the setting.
    pyproject.write_text(PYPROJECT + 'min-confidence = "high"\n', encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=pyproject.as_uri()))
    )
    broken = (await diagnostics_for(client, uri)).diagnostics
    assert len(broken) == 1 and broken[0].severity == types.DiagnosticSeverity.Error
    assert "pyproject.toml" in broken[0].message and "min-confidence" in broken[0].message


@pytest.mark.asyncio
async def test_an_unsaved_buffer_is_checked_by_its_language(client: LanguageClient, tmp_path):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri, "markdown", 1, "Bu yerda narxlarni hisoblaymiz va saqlaymiz.\n")
        )
    )
    assert {d.code for d in (await diagnostics_for(client, uri)).diagnostics} == {"EG501"}


@pytest.mark.asyncio
async def test_positions_follow_the_negotiated_encoding_and_plain_edits(neovim: LanguageClient, tmp_path):
    comment = "# Это комментарий на русском языке 🙂"
    source = f"{comment}\nцена = 1  # x\nprint(цена)\n"
    uri = open_document(neovim, tmp_path / "shop.py", source)
    published = await diagnostics_for(neovim, uri)
    encoding = neovim.position_encoding
    by_code = {d.code: d for d in published.diagnostics}
    assert by_code["EG201"].range.end == types.Position(line=0, character=units(comment, encoding))
    name = by_code["EG101"]
    assert (name.range.start, name.range.end) == (types.Position(1, 0), types.Position(1, units("цена", encoding)))
    actions = await code_actions(neovim, uri, name)
    rename = next(a for a in actions if a.title.startswith("Rename 'цена'"))
    assert rename.edit.document_changes is None  # the client did not declare support for them
    edits = rename.edit.changes[uri]
    assert [(e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits] == [
        (1, 0, units("цена", encoding), "price"),
        (2, 6, 6 + units("цена", encoding), "price"),
    ]


def test_without_pygls_the_server_says_how_to_install_it(tmp_path):
    probe = "import sys\nsys.modules['pygls'] = None\nfrom english_guard.cli import main\nmain(['server'])\n"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "pip install 'english-guard[server]'" in done.stderr
    assert "Traceback" not in done.stderr
