"""The text readers on fixture files: exact prose, forms and positions (1-based, end column exclusive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from english_guard.config import Config
from english_guard.sources.registry import load_reader, reader_name_for

FIXTURES = Path(__file__).parent / "fixtures"
HELM = FIXTURES / "helm_chart"
TEXT = FIXTURES / "text_files"


def read(path: Path) -> list[tuple]:
    name = reader_name_for(path.name)
    assert name is not None, path
    reader = load_reader(name)
    segments = [s for s in reader(str(path), path.read_text(encoding="utf-8"), Config()) if s.symbol != "key"]
    assert all(s.kind == "prose" and s.path == str(path) for s in segments)
    return [(s.line, s.column, s.end_line, s.end_column, s.symbol, s.text) for s in segments]


def contexts(path: Path) -> dict[int, str]:
    reader = load_reader(reader_name_for(path.name))
    return {s.line: s.context for s in reader(str(path), path.read_text(encoding="utf-8"), Config()) if s.context}


def test_chart_yaml_comments_and_description():
    assert read(HELM / "Chart.yaml") == [
        (3, 3, 3, 45, "comment", "Diagramma versiyasi har relizda oshiriladi"),
        (6, 14, 6, 50, "value", "Kassa xizmati uchun Helm diagrammasi"),
        (9, 28, 9, 64, "comment", "the on-call rotation owns this chart"),
    ]


def test_values_yaml_free_text_values_and_template_only_values():
    assert read(HELM / "values.yaml") == [
        (1, 4, 1, 39, "comment", "Default values for the kassa chart."),
        (6, 5, 6, 49, "comment", "Тег образа берётся из appVersion, если пусто"),
        (10, 5, 10, 35, "comment", "-- Port exposed by the Service"),
        # welcomeMessage: quoted, the quotes are not part of the prose
        (13, 20, 13, 58, "value", "Xush kelibsiz! Buyurtmangizni yuboring"),
        # helpText (last word "text") is not free text; errorMessage and statusMessage are template-only
        (18, 5, 19, 27, "value", "Bu qisqacha tavsif\nikki qatorda yozilgan."),
        (20, 41, 20, 79, "comment", "yamllint disable-line rule:line-length"),
        (23, 7, 23, 52, "comment", "nginx.ingress.kubernetes.io/rewrite-target: /"),
    ]
    assert contexts(HELM / "values.yaml") == {20: "directive"}


def test_helm_helpers_template_comments_with_trim_markers():
    assert read(HELM / "templates" / "_helpers.tpl") == [
        (2, 1, 2, 72, "template_comment", "Toʻliq nom: reliz nomi va diagramma nomi, 63 belgigacha qisqartiriladi."),
        (8, 8, 8, 43, "template_comment", "Общие метки для всех объектов чарта"),
        (13, 6, 13, 63, "template_comment", "Selector labels, shared by the Deployment and the Service"),
    ]


def test_helm_deployment_hash_inside_template_action_is_not_a_comment():
    assert read(HELM / "templates" / "deployment.yaml") == [
        (8, 5, 8, 44, "comment", "Replikalar soni values.yaml dan olinadi"),
        (13, 16, 13, 57, "template_comment", "При изменении конфига под перезапускается"),
        (19, 69, 19, 95, "comment", "Flags passed to the server"),
        (24, 13, 24, 50, "comment", "Sogʻlomlik tekshiruvi har 10 soniyada"),
    ]


def test_helm_configmap_block_scalars_embedded_comments_and_multiline_template_comment():
    assert read(HELM / "templates" / "configmap.yaml") == [
        (7, 6, 7, 14, "comment", "!/bin/sh"),
        (8, 7, 8, 51, "comment", "Ma'lumotlar bazasi tayyor bo'lguncha kutamiz"),
        (9, 57, 9, 74, "comment", "poll every second"),
        # the description block scalar; its template-only line is not part of the prose
        (13, 5, 13, 67, "value", "Bu konfiguratsiya xaritasi ishga tushirish skriptini saqlaydi."),
        (16, 1, 16, 49, "template_comment", "Eski sozlamalar: keyingi relizda olib tashlanadi"),
    ]
    assert contexts(HELM / "templates" / "configmap.yaml") == {7: "shebang"}


def test_helm_notes_paragraphs_and_template_comments():
    assert read(HELM / "templates" / "NOTES.txt") == [
        (1, 6, 1, 61, "template_comment", "Oʻrnatishdan keyin foydalanuvchiga koʻrsatiladigan matn"),
        (
            2,
            1,
            3,
            54,
            "paragraph",
            "Kassa xizmati {{ .Release.Namespace }} nomlar fazosiga oʻrnatildi.\n"
            "Holatini tekshirish uchun quyidagi buyruqni bajaring:",
        ),
        (5, 3, 5, 56, "paragraph", "kubectl get pods --namespace {{ .Release.Namespace }}"),
        # the line of the `if` block holds template expressions only: no paragraph
        (10, 1, 10, 44, "paragraph", "Thank you for installing {{ .Chart.Name }}."),
    ]


def test_dockerfile_comments_directives_heredoc_and_labels():
    assert read(TEXT / "Dockerfile") == [
        (1, 3, 1, 29, "comment", "syntax=docker/dockerfile:1"),
        (3, 39, 3, 44, "value", "kassa"),
        (4, 45, 4, 84, "value", "Kassa xizmati: to'lovlarni qabul qiladi"),
        (6, 3, 6, 45, "comment", "Bagʻliqliklar alohida qatlamda oʻrnatiladi"),
        # a comment line between continuation lines; the `#` after `rm -rf` is an argument
        (9, 3, 9, 28, "comment", "Кэш pip не нужен в образе"),
        (12, 2, 12, 10, "comment", "!/bin/sh"),
        (13, 3, 13, 34, "comment", "Migratsiyalarni ishga tushirish"),
        (16, 3, 16, 25, "comment", "hadolint ignore=DL3008"),
    ]
    assert contexts(TEXT / "Dockerfile") == {1: "directive", 12: "shebang", 16: "directive"}


def test_shell_comments_quotes_parameters_heredocs():
    assert read(TEXT / "deploy.sh") == [
        (1, 2, 1, 20, "comment", "!/usr/bin/env bash"),
        (2, 3, 2, 41, "comment", "Yangi versiyani serverga joylashtiradi"),
        (5, 13, 5, 32, "comment", "number of arguments"),
        (6, 21, 6, 51, "comment", "the hash inside quotes is data"),
        (9, 39, 9, 49, "comment", "Ish tugadi"),
        (13, 3, 13, 28, "comment", "shellcheck disable=SC2086"),
        (15, 5, 15, 27, "comment", "Чистим временные файлы"),
        (20, 10, 20, 26, "comment", "after the quotes"),
    ]
    assert contexts(TEXT / "deploy.sh") == {1: "shebang", 13: "directive"}


def test_toml_comments_and_free_text_strings():
    assert read(TEXT / "config.toml") == [
        (1, 3, 1, 21, "comment", "Loyiha sozlamalari"),
        (4, 16, 4, 55, "value", "Kassa xizmati uchun yordamchi kutubxona"),
        (5, 22, 5, 50, "comment", "bump together with the chart"),
        (8, 20, 8, 34, "value", "Xush kelibsiz!"),
        (10, 1, 11, 25, "value", "Xatolik yuz berdi.\nKeyinroq urinib ko'ring."),
        (13, 21, 13, 35, "value", "Sarlavha matni"),
        (13, 53, 13, 71, "comment", "Шрифт по умолчанию"),
    ]


def test_ini_comments_semicolons_continuations_and_values():
    assert read(TEXT / "setup.cfg") == [
        (1, 3, 1, 19, "comment", "Sozlamalar fayli"),
        (4, 15, 4, 54, "value", "Kassa xizmati uchun yordamchi kutubxona"),
        (5, 20, 5, 35, "value", "file: README.md"),
        (8, 3, 8, 37, "comment", "Testlar parallel ishga tushiriladi"),
        (12, 7, 12, 40, "comment", "Медленные тесты запускаются ночью"),
        (14, 26, 14, 47, "comment", "matches the formatter"),
    ]


def test_dotenv_comments_and_messages():
    assert read(TEXT / ".env.sample") == [
        (1, 3, 1, 29, "comment", "Ma'lumotlar bazasi manzili"),
        (3, 25, 3, 63, "value", "Xush kelibsiz, buyurtmangizni yuboring"),
        (5, 11, 5, 32, "comment", "never 1 in production"),
        (6, 16, 6, 33, "value", "Xatolik yuz berdi"),
    ]


def test_markdown_prose_blocks_without_code_front_matter_html_or_link_targets():
    assert read(TEXT / "guide.md") == [
        (6, 3, 6, 16, "heading", "Kassa xizmati"),
        (
            8,
            1,
            9,
            31,
            "paragraph",
            "Bu hujjat buyrugʻini qanday ishga tushirishni tushuntiradi.\nIkkinchi qator shu paragrafda.",
        ),
        (11, 6, 11, 30, "html_comment", "TODO: skrinshot qo'shish"),
        (13, 4, 13, 16, "heading", "Installation"),
        (15, 3, 15, 56, "list_item", "Oʻrnatish uchun buyrugʻini bering"),
        (16, 3, 17, 26, "list_item", "Second item with a autolink\nand a continuation line"),
        (18, 4, 18, 17, "list_item", "Раздел первый"),
        (20, 3, 21, 18, "paragraph", "Iqtibos matni: bu muhim.\nIkkinchi qator."),
        (31, 1, 31, 19, "table_row", "| Kalit | Qiymat |"),
        (33, 1, 33, 27, "table_row", "| port | Tinglash porti |"),
        (41, 1, 41, 16, "heading", "Setext sarlavha"),
        (45, 1, 46, 5, "html_comment", "Koʻp qatorli\nizoh"),
    ]


def test_rst_prose_without_literal_blocks_code_directives_or_targets():
    assert read(TEXT / "guide.rst") == [
        (2, 2, 2, 11, "heading", "Qoʻllanma"),
        (5, 1, 5, 102, "paragraph", "Bu hujjat buyrugʻini qanday ishga tushirishni tushuntiradi."),
        (7, 1, 7, 10, "heading", "Oʻrnatish"),
        (10, 3, 11, 30, "list_item", "Birinchi qadam: paketni oʻrnating\nva sozlamalarni tekshiring."),
        (12, 3, 12, 14, "list_item", "Second step"),
        (14, 1, 14, 10, "paragraph", "Example:"),
        (26, 4, 26, 41, "paragraph", "Eslatma: port band boʻlmasligi kerak."),
        (28, 4, 28, 34, "comment", "Bu izoh, hujjatda koʻrinmaydi."),
    ]


ALL_FIXTURES = sorted([p for p in HELM.rglob("*") if p.is_file()] + [p for p in TEXT.iterdir() if p.is_file()], key=str)


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_positions_cover_exactly_the_prose(path: Path):
    """Single-line comments and values: the position is exactly the text; every span starts and ends on prose."""
    source_lines = path.read_text(encoding="utf-8").split("\n")
    for line, column, end_line, end_column, symbol, text in read(path):
        first = source_lines[line - 1]
        last = source_lines[end_line - 1]
        assert (line, column) < (end_line, end_column)
        assert not first[column - 1].isspace() and not last[end_column - 2].isspace()
        if line == end_line and symbol in ("comment", "value") and "\n" not in text:
            assert first[column - 1 : end_column - 1] == text


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_crlf_line_endings_give_the_same_segments(path: Path):
    reader = load_reader(reader_name_for(path.name))
    lf = reader(path.name, path.read_text(encoding="utf-8"), Config())
    crlf = reader(path.name, path.read_text(encoding="utf-8").replace("\n", "\r\n"), Config())
    assert [(s.line, s.column, s.end_line, s.end_column, s.text) for s in crlf] == [
        (s.line, s.column, s.end_line, s.end_column, s.text) for s in lf
    ]


def test_helm_chart_end_to_end_through_check():
    """Acceptance: a chart with templating in every file is read without errors; its comments and
    free-text values are checked; template-expression values and English comments are not reported."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    files = sorted(str(p.relative_to(root)) for p in HELM.rglob("*") if p.is_file())
    result = subprocess.run(
        [sys.executable, "-m", "english_guard", "check", "--format", "json", "--no-cache", *files],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["summary"]["files"] == 6
    found = {
        (Path(f["path"]).relative_to("tests/fixtures/helm_chart").as_posix(), f["line"], f["symbol"], f["language"])
        for f in report["findings"]
    }
    assert all(f["code"] == "EG501" and f["kind"] == "prose" for f in report["findings"])
    assert found == {
        ("Chart.yaml", 3, "comment", "uz"),
        ("Chart.yaml", 6, "value", "uz"),
        ("values.yaml", 6, "comment", "ru"),
        ("values.yaml", 13, "value", "uz"),
        ("values.yaml", 18, "value", "uz"),
        ("templates/_helpers.tpl", 2, "template_comment", "uz"),
        ("templates/_helpers.tpl", 8, "template_comment", "ru"),
        ("templates/deployment.yaml", 8, "comment", "uz"),
        ("templates/deployment.yaml", 13, "template_comment", "ru"),
        ("templates/deployment.yaml", 24, "comment", "uz"),
        ("templates/configmap.yaml", 8, "comment", "uz"),
        ("templates/configmap.yaml", 13, "value", "uz"),
        ("templates/configmap.yaml", 16, "template_comment", "uz"),
        ("templates/NOTES.txt", 1, "template_comment", "uz"),
        ("templates/NOTES.txt", 2, "paragraph", "uz"),
    }


def _yaml_keys(text: str) -> list[tuple]:
    segments = load_reader("yaml")("values.yaml", text, Config())
    return [(s.kind, s.line, s.column, s.end_column, s.text) for s in segments if s.symbol == "key"]


def test_yaml_keys_are_names_once_per_file():
    """Keys are identifier segments at their exact position (inside quotes), each key once per file; a key
    with spaces is a label (prose); a key made by a template action is not read."""
    text = (
        "image:\n"
        "  repository: nginx\n"
        '  "app.kubernetes.io/name": web\n'
        "ports:\n"
        "  - name: http\n"
        "    containerPort: 80  # name: not a key\n"
        "  - name: metrics\n"
        "{{ .Values.extraKey }}: 1\n"
        "Getting started: index.md\n"
    )
    assert _yaml_keys(text) == [
        ("identifier", 1, 1, 6, "image"),
        ("identifier", 2, 3, 13, "repository"),
        ("identifier", 3, 4, 26, "app.kubernetes.io/name"),
        ("identifier", 4, 1, 6, "ports"),
        ("identifier", 5, 5, 9, "name"),
        ("identifier", 6, 5, 18, "containerPort"),
        ("prose", 9, 1, 16, "Getting started"),
    ]


def test_yaml_key_with_a_look_alike_letter_or_in_another_language_is_reported():
    """Issue 16: a Cyrillic `а` in a YAML key hides another name (EG102); a key in Uzbek is EG101; ordinary
    keys and Helm values paths are not findings."""
    from english_guard.checker import check_document

    text = (
        "replicаs: 2\n"  # Cyrillic а
        "image:\n"
        "  pullPolicy: IfNotPresent\n"
        "podSecurityContext:\n"
        "  runAsNonRoot: true\n"
        '  "helm.sh/chart": {{ include "kassa.chart" . }}\n'
        "kube-state-metrics:\n"
        "  enabled: {{ .Values.kubeStateMetrics.enabled }}\n"
        "foydalanuvchilar_soni: 3\n"
    )
    found = [(f.line, f.code, f.kind, f.symbol, f.text) for f in check_document("values.yaml", text, Config()).findings]
    assert found == [
        (1, "EG102", "identifier", "key", "replicаs"),
        (9, "EG101", "identifier", "key", "foydalanuvchilar_soni"),
    ]
