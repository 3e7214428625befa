"""benchmarks/screen_reach.py puts each Python file in the class the check's real output gives it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "screen_reach.py"


def _load():
    spec = importlib.util.spec_from_file_location("screen_reach", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reach = _load()

FILES = {
    # No word that could be foreign: the screen clears it.
    "plain.py": "def add(first, second):\n    return first + second\n",
    # A comment the screen cannot clear (a capitalised word read as a name may be evidence) that is English.
    "table.py": "decoding_table = (\n    '\\u0449'  # 0x0449 -> CYRILLIC SMALL LETTER SHCHA\n)\n",
    # One foreign word among English ones: a candidate the project's English profile does not report.
    "lone.py": "# Compute the total kitob value for the given order here.\ndef add(first, second):\n"
    "    return first + second\n",
    # A syntax error: EG900.
    "broken.py": "def broken(:\n",
}
EXPECTED = {"plain.py": "screened", "table.py": "quiet", "lone.py": "candidates", "broken.py": "reported"}
# Uzbek names and docstring: findings (in a project of their own, whose profile would report the candidate).
FOREIGN = 'def hisobla(narx, miqdor):\n    """Umumiy narxni hisoblaydi va qaytaradi."""\n    return narx * miqdor\n'


def test_each_file_lands_in_the_class_of_its_check_result(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    files, sizes = reach.measure(str(tmp_path))
    expected_files = {kind: 0 for kind in reach.CLASSES}
    for name in FILES:
        expected_files[EXPECTED[name]] += 1
    assert {kind: files[kind] for kind in reach.CLASSES} == expected_files
    assert sum(sizes.values()) == sum(len(text.encode()) for text in FILES.values())
    table = reach.table(str(tmp_path), files, sizes)
    assert "| screened | 1 |" in table and "| reported | 1 |" in table and "| all | 4 |" in table


def test_a_file_with_findings_is_reported(tmp_path: Path) -> None:
    (tmp_path / "foreign.py").write_text(FOREIGN, encoding="utf-8")
    files, _sizes = reach.measure(str(tmp_path))
    assert files == {"reported": 1}


def test_a_missing_folder_is_one_line_on_stderr(tmp_path: Path, capsys) -> None:
    assert reach.main([str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
