"""english-guard's own errors share one base, and the CLI prints any of them as one line with exit code 2."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import click
from click.testing import CliRunner

from english_guard.cli import LazyGroup
from english_guard.errors import EnglishGuardError

PACKAGE = Path(__file__).resolve().parent.parent / "english_guard"


def _exception_classes() -> list[type]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.bases:
                module = importlib.import_module(module_name)
                cls = getattr(module, node.name)
                if isinstance(cls, type) and issubclass(cls, BaseException):
                    found.append(cls)
    return found


def test_every_exception_class_of_the_package_has_the_one_base():
    classes = _exception_classes()
    assert len(classes) >= 20
    assert [cls.__qualname__ for cls in classes if not issubclass(cls, EnglishGuardError)] == []


def test_the_cli_prints_an_unhandled_english_guard_error_as_one_line():
    @click.command("fails")
    def fails() -> None:
        from english_guard.config import ConfigError

        raise ConfigError("pyproject.toml:3: [tool.english-guard] select: unknown rule code EG999")

    class Group(LazyGroup):  # the real group's error handling, with one more command
        def get_command(self, ctx, cmd_name):
            return fails if cmd_name == "fails" else super().get_command(ctx, cmd_name)

    result = CliRunner().invoke(Group(), ["fails"])
    assert result.exit_code == 2
    assert result.output == "error: pyproject.toml:3: [tool.english-guard] select: unknown rule code EG999\n"
