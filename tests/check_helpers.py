"""Shared helpers for the check tests: real `english-guard` runs in fresh processes, git repositories
in temporary folders, and sample sources written in other languages (test data)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

# The project's own examples and fixtures are always there; the shared evaluation set only on a machine that has
# it beside the checkout (a clean CI checkout may not), so what the tests count holds without it.
_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = [
    *sorted((_ROOT / "examples").rglob("*.py")),
    *sorted((_ROOT / "tests" / "fixtures").rglob("*.py")),
    *sorted((_ROOT.parent / "shared" / "evalset").rglob("*.py")),
]


def sample_texts(with_names: bool = False) -> list[str]:
    """Every comment line and string literal of the example, fixture and evaluation files (and, `with_names`,
    their names and the names they define): real texts for holding a fast path to its full definition."""
    texts: list[str] = []
    for path in SAMPLE_SOURCES:
        source = path.read_text(encoding="utf-8", errors="replace")
        texts.extend(line.partition("#")[2] for line in source.splitlines() if "#" in line)
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
            elif with_names and isinstance(node, ast.Name):
                texts.append(node.id)
            elif with_names and isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                texts.append(node.name)
    return texts


# Sample texts in other languages: the data the checks must find.
UZ_COMMENT = "# Foydalanuvchi uchun analytics hisoblash."
RU_COMMENT = "# Проверяем права пользователя перед отправкой"
UZ_COMMENT_2 = "# Ro'yxatni tozalash va qayta hisoblash"
RU_NEW_COMMENT = "# Здесь мы сохраняем заказ в базу данных"
UZ_FUNCTION = "foydalanuvchi_analytics"
UZ_DOCSTRING = "Bu funksiya foydalanuvchilarni hisoblaydi."
RU_REPLY = "Ваш заказ принят"
RU_YAML_COMMENT = "# Пример конфигурации сервиса"
FR_LATIN1_COMMENT = "# Contrôle de la qualité des données reçues du serveur"

BOT_SOURCE = f'''{UZ_COMMENT}
import os


def {UZ_FUNCTION}(values):
    """{UZ_DOCSTRING}"""
    total = 0
    for value in values:
        total += value
    return total


{RU_COMMENT}
def send(bot, chat):
    bot.send_message(chat, "{RU_REPLY}")
    label = 'ready'
    return label
'''

CLEAN_SOURCE = '''"""Helpers that are written in English."""


def add(left, right):
    # Add two numbers and return the sum.
    return left + right
'''

YAML_SOURCE = f"""{RU_YAML_COMMENT}
service:
  name: orders
  replicas: 2
"""

PYPROJECT = """[project]
name = "sample"
version = "0.0.0"

[tool.english-guard]
exclude = []
"""


# -P: the test project's own modules never shadow the standard library (cwd is not put on sys.path).
CLI = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", "english_guard"]


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def make_project(root: Path, files: dict[str, str | bytes], pyproject: str = PYPROJECT) -> Path:
    """A project folder with its own pyproject.toml, so settings never leak in from above."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, "pyproject.toml", pyproject)
    for relative, text in files.items():
        write(root, relative, text)
    return root


def cli_env(cache_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ENGLISH_GUARD_CACHE_DIR"}
    env["PYTHONIOENCODING"] = "utf-8"
    env["NO_COLOR"] = "1"
    if cache_dir is not None:
        env["ENGLISH_GUARD_CACHE_DIR"] = str(cache_dir)
    env.update(extra)
    return env


def run_cli(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120, command: list[str] | None = None
) -> subprocess.CompletedProcess:
    """`english-guard ARGS` in a new process, as a user or pre-commit runs it."""
    base = command or CLI
    return subprocess.run(
        [*base, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env if env is not None else cli_env(),
        timeout=timeout,
        check=False,
    )


def check_json(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict, str]:
    """`english-guard check --format json ARGS`: exit code, the parsed report, stderr."""
    completed = run_cli(cwd, "check", "--format", "json", *args, env=env)
    assert "Traceback" not in completed.stderr, completed.stderr
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as exc:  # pragma: no cover - a failure message, not a code path
        raise AssertionError(f"not JSON ({exc}): {completed.stdout!r} {completed.stderr!r}") from None
    return completed.returncode, report, completed.stderr


def located(report: dict) -> list[tuple[str, int, str, str]]:
    """(path, line, code, text) of every finding, sorted: what a comparison of runs looks at."""
    return sorted((f["path"], f["line"], f["code"], f["text"]) for f in report["findings"])


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Developer")
    git(root, "config", "commit.gpgsign", "false")
    return root


def commit_all(root: Path, message: str = "commit") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def in_project(project: Path, *args: str):
    """`english-guard ARGS` run in-process from the project's folder (as a user runs it there)."""
    from click.testing import CliRunner

    from english_guard.cli import main

    old = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
