"""`checker.check_document`: one document's text checked under a path, as stdin and editors need it."""

from __future__ import annotations

from pathlib import Path

from check_helpers import UZ_COMMENT, UZ_FUNCTION

from english_guard.checker import check_document, run_check
from english_guard.config import Config, load_config

SOURCE = f"import os\n\n{UZ_COMMENT}\ndef {UZ_FUNCTION}(values):\n    return os.sep\n"


def test_a_document_gets_the_same_findings_as_the_file_on_disk(tmp_path: Path):
    file = tmp_path / "bot.py"
    file.write_text(SOURCE, encoding="utf-8")
    config = load_config(start=tmp_path)
    on_disk = run_check([str(file)], config, use_cache=False).findings
    document = check_document(str(file), SOURCE, config).findings
    assert [(f.line, f.column, f.code) for f in document] == [(f.line, f.column, f.code) for f in on_disk]
    assert {f.code for f in document} == {"EG101", "EG201"}


def test_windows_line_ends_give_the_same_positions():
    plain = check_document("bot.py", SOURCE, Config()).findings
    crlf = check_document("bot.py", "\ufeff" + SOURCE.replace("\n", "\r\n"), Config()).findings
    assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in crlf] == [
        (f.line, f.column, f.end_line, f.end_column, f.code) for f in plain
    ]


def test_the_path_chooses_the_reader():
    yaml_text = "# Пример конфигурации сервиса\nname: web\n"
    assert [f.code for f in check_document("values.yaml", yaml_text, Config()).findings] == ["EG501"]
    assert check_document("notes.unknown-extension", yaml_text, Config()).findings == []


def test_the_configuration_applies():
    config = Config(ignore=["EG201"])
    assert [f.code for f in check_document("bot.py", SOURCE, config).findings] == ["EG101"]


def test_a_syntax_error_is_a_file_error_not_an_exception():
    result = check_document("broken.py", "def f(:\n", Config())
    assert result.error is not None and result.error.line == 1
    assert result.findings == []
