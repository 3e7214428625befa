"""A project's own names (folders, chart and package names) are names, not foreign words."""
from __future__ import annotations

import json

from click.testing import CliRunner

from english_guard.cli import main
from english_guard.project_names import project_names


def test_names_come_from_folders_and_manifests(tmp_path):
    chart = tmp_path / "deploy" / "helm"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text('apiVersion: v2\nname: {{ .Values.x | default "savdo" }}\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "raqam-bot"\n', encoding="utf-8")
    names = project_names(str(chart / "templates" / "deployment.yaml"))
    assert {"savdo", "deploy", "helm", "deployment", "raqam"} <= names  # the package is three folders up
    assert {"raqam", "bot"} <= project_names(str(tmp_path / "app.py"))
    deep = tmp_path / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    assert "raqam" not in project_names(str(deep / "x.py"))  # manifests are searched four folders up


def test_a_comment_naming_the_project_is_english(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "raqam"\n', encoding="utf-8")
    source = tmp_path / "app.py"
    source.write_text("# Start the raqam web server.\n# Raqam serverini ishga tushiramiz.\n", encoding="utf-8")
    report = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(source)]).output)
    assert [f["line"] for f in report["findings"]] == [2]
