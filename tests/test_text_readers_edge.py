"""The text readers on the corners of each format, on bad input and on the reader registry.

Inputs here are English or neutral; the readers do not judge language, they find prose and its position.
Pathological inputs are sized so that a quadratic lexer would not finish: the bound is in the logic.
"""

from __future__ import annotations

import random

import pytest

from english_guard.config import Config
from english_guard.sources.registry import READERS, load_reader, reader_name_for
from english_guard.sources.text.spans import key_last_word

CONFIG = Config()


def _prose(reader: str, text: str) -> list:
    """The reader's prose segments (YAML keys, identifier segments, are tested in test_text_readers)."""
    return [s for s in load_reader(reader)("f", text, CONFIG) if s.symbol != "key"]


def segments(reader: str, text: str) -> list[tuple]:
    return [(s.line, s.column, s.end_line, s.end_column, s.symbol, s.text) for s in _prose(reader, text)]


def texts(reader: str, text: str) -> list[str]:
    return [s.text for s in _prose(reader, text)]


# ---- registry --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, reader",
    [
        ("Dockerfile", "dockerfile"),
        ("Dockerfile.prod", "dockerfile"),
        ("api.dockerfile", "dockerfile"),
        ("deploy/helm/app/templates/_helpers.tpl", "yaml"),
        ("Chart.yaml", "yaml"),
        ("values-prod.yaml", "yaml"),
        (".github/workflows/ci.yml", "yaml"),
        ("run.sh", "shell"),
        ("lib.bash", "shell"),
        ("pyproject.toml", "toml"),
        ("tox.ini", "ini"),
        ("setup.cfg", "ini"),
        (".env", "dotenv"),
        (".env.example", "dotenv"),
        ("prod.env", "dotenv"),
        ("README.md", "markdown"),
        ("notes.markdown", "markdown"),
        ("index.rst", "rst"),
        ("app.py", "python"),
        ("chart/templates/NOTES.txt", "helm_notes"),
    ],
)
def test_registry_maps_names_and_extensions(path, reader):
    assert reader_name_for(path) == reader
    assert callable(load_reader(reader))


@pytest.mark.parametrize("path", ["logo.png", "data.json", "Makefile", "script", "notes.txt", "x.yaml.bak"])
def test_registry_skips_unknown_types(path):
    assert reader_name_for(path) is None


def test_registry_is_configurable_through_file_types():
    types = {"*.j2": "yaml", "*.conf": "shell", "docs/legacy/*.md": "off"}
    assert reader_name_for("chart/deployment.yaml.j2", types) == "yaml"
    assert reader_name_for("nginx.conf", types) == "shell"
    # a glob mapped to a name that is not a reader turns the type off
    assert reader_name_for("docs/legacy/old.md", types) is None
    assert reader_name_for("docs/new.md", types) == "markdown"


def test_every_reader_entry_loads():
    for name in READERS:
        if name != "python":
            assert callable(load_reader(name))


@pytest.mark.parametrize(
    "key, word",
    [
        ("description", "description"),
        ("trialEndedMessage", "message"),
        ("org.opencontainers.image.title", "title"),
        ("slack-message", "message"),
        ("HELP", "help"),
        ("APP_WELCOME_MESSAGE", "message"),
        ("helpText", "text"),
        ("HTTPHelp", "help"),
        ("summary_v2", "v2"),  # a word with digits stays one word, as in identifiers (utf8, k8s)
    ],
)
def test_key_last_word(key, word):
    assert key_last_word(key) == word


# ---- YAML and Helm -----------------------------------------------------------------------------------


def test_yaml_value_mixing_text_and_template_is_prose_with_its_template_text():
    text = 'description: "Deploys {{ .Chart.Name }} to the cluster"\ntitle: {{ .Values.title }}\n'
    assert segments("yaml", text) == [
        (1, 15, 1, 55, "value", "Deploys {{ .Chart.Name }} to the cluster"),
    ]


def test_yaml_quotes_hide_hashes_and_single_quote_escapes():
    text = "a: 'it''s # not a comment' # real one\nb: \"say \\\" # still quoted\" # second\nc: x#y\n"
    assert texts("yaml", text) == ["real one", "second"]


def test_yaml_keys_of_every_style_and_multi_line_values():
    text = (
        "slack-message: Build finished\n"
        "labels:\n"
        "  org.opencontainers.image.title: Service title here\n"
        "  \"quoted summary\": 'Quoted value'\n"
        "summary: First line of a plain\n"
        "  scalar that goes on # and ends\n"
        'message: "A quoted value\n'
        '  over two lines"  # tail\n'
        "steps:\n"
        "  - description: |\n"
        "      Block in a sequence\n"
        "\n"
        "      with a blank line\n"
        "    help: &anchor Anchored help text\n"
        "  - |\n"
        "    # a comment in an embedded script\n"
        "next: 1\n"
    )
    assert segments("yaml", text) == [
        (1, 16, 1, 30, "value", "Build finished"),
        (3, 35, 3, 53, "value", "Service title here"),
        (4, 22, 4, 34, "value", "Quoted value"),
        (5, 10, 6, 22, "value", "First line of a plain\nscalar that goes on"),
        (6, 25, 6, 33, "comment", "and ends"),
        (7, 11, 8, 17, "value", "A quoted value\nover two lines"),
        (8, 22, 8, 26, "comment", "tail"),
        (11, 7, 13, 24, "value", "Block in a sequence\n\nwith a blank line"),
        (14, 19, 14, 37, "value", "Anchored help text"),
        (16, 7, 16, 38, "comment", "a comment in an embedded script"),
    ]


def test_yaml_free_text_value_on_the_lines_after_its_key():
    text = (
        "description:  # the value follows\n"
        "  A plain value on the next line\n"
        "  and on the line after\n"
        "title:\n"
        "  nested: mapping, not a value\n"
        "summary:\n"
        "  - a sequence, not a value\n"
    )
    assert segments("yaml", text) == [
        (1, 17, 1, 34, "comment", "the value follows"),
        (2, 3, 3, 24, "value", "A plain value on the next line\nand on the line after"),
    ]


def test_yaml_document_markers_flow_collections_and_block_headers_with_comments():
    text = (
        "--- # first document\n"
        'list: [a, "b # c", {d: e}] # after flow\n'
        "script: |- # header comment\n"
        "  echo hi # embedded trailing comment\n"
        "...\n"
    )
    assert texts("yaml", text) == ["first document", "after flow", "header comment", "embedded trailing comment"]


def test_github_actions_expressions_are_not_comments():
    text = (
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ${{ matrix.os }} # the matrix decides\n"
        "    steps:\n"
        "      - uses: actions/checkout@8ade135 # v4.1.1\n"
        '      - run: echo "${{ github.sha }}#1"\n'
    )
    assert texts("yaml", text) == ["the matrix decides", "v4.1.1"]


def test_template_comment_forms():
    text = (
        "{{/* one */}}\n"
        "{{- /* two */ -}}\n"
        "{{- /*\n   three\n   lines\n*/ -}}\n"
        '{{ printf "{{/* not a comment" }}\n'
        "key: {{ `raw # string` }} # real\n"
    )
    assert segments("yaml", text) == [
        (1, 6, 1, 9, "template_comment", "one"),
        (2, 8, 2, 11, "template_comment", "two"),
        (4, 4, 5, 9, "template_comment", "three\nlines"),
        (8, 29, 8, 33, "comment", "real"),
    ]


def test_unterminated_template_comment_runs_to_the_end_without_hanging():
    text = "a: 1\n{{/* never closed\n# still inside\nb: 2\n"
    assert segments("yaml", text) == [
        (2, 6, 4, 5, "template_comment", "never closed\n# still inside\nb: 2"),
    ]


def test_unclosed_action_turns_actions_off_but_comments_are_still_read():
    text = "a: {{ .Values.x\n# a comment\nb: {{/* a template comment */}}\n"
    assert texts("yaml", text) == ["a comment", "a template comment"]


# ---- shell -------------------------------------------------------------------------------------------


def test_shell_special_parameters_escapes_and_heredoc_forms():
    text = (
        "echo $# ${#arr[@]} ${x##*/} \\# a\\#b\n"
        "cat <<-'END'\n\t# body\n\tEND\n"
        'cat <<< "here # string" # after here-string\n'
        "x=$'ansi \\' # quoted' # after ansi\n"
        "f() { echo hi; } # after function\n"
        "(( y = x << 3 )) # after arithmetic\n"
        "echo done;# right after a semicolon\n"
    )
    assert texts("shell", text) == [
        "after here-string",
        "after ansi",
        "after function",
        "after arithmetic",
        "right after a semicolon",
    ]


def test_shell_shebang_only_on_the_first_line():
    found = load_reader("shell")("f", "#!/bin/sh\necho\n#!not a shebang\n", CONFIG)
    assert [(s.line, s.context) for s in found] == [(1, "shebang"), (3, "")]


# ---- Dockerfile --------------------------------------------------------------------------------------


def test_dockerfile_escape_directive_changes_the_continuation_character():
    text = (
        "# escape=`\n"
        "FROM scratch\n"
        'LABEL description="first `\n'
        '  second" title=Short\n'
        "LABEL summary The old form with spaces\n"
    )
    assert segments("dockerfile", text) == [
        (1, 3, 1, 11, "comment", "escape=`"),
        (3, 20, 4, 9, "value", "first second"),
        (4, 17, 4, 22, "value", "Short"),
        (5, 15, 5, 39, "value", "The old form with spaces"),
    ]


def test_dockerfile_directive_only_before_anything_else():
    found = load_reader("dockerfile")("f", "FROM scratch\n# syntax=docker/dockerfile:1\n", CONFIG)
    assert [(s.line, s.context) for s in found] == [(2, "")]


# ---- TOML, INI, .env -----------------------------------------------------------------------------------


def test_toml_strings_hide_hashes_and_only_free_text_keys_are_values():
    text = (
        'a = "x # y"  # one\n'
        "b = 'lit # eral'  # two\n"
        'c = """multi\n# not a comment\n"""  # three\n'
        'tool.app.description = "Dotted key value"\n'
        'items = ["description", "x"]  # four\n'
        '[[tables."a]b"]]  # five ] with a bracket\n'
        'title = "After the header"\n'
    )
    assert texts("toml", text) == [
        "one",
        "two",
        "three",
        "Dotted key value",
        "four",
        "five ] with a bracket",
        "After the header",
    ]


def test_env_multi_line_quoted_value_and_unquoted_hash():
    text = 'APP_MESSAGE="first line\nsecond line"  # tail\nTOKEN=abc#def\nURL=http://x/ # comment\n'
    assert segments("dotenv", text) == [
        (1, 14, 2, 12, "value", "first line\nsecond line"),
        (2, 17, 2, 21, "comment", "tail"),
        (4, 17, 4, 24, "comment", "comment"),
    ]


def test_ini_free_text_value_with_continuation_lines():
    text = "[testenv]\ndescription = Run the tests\n    in every environment\ncommands = pytest\n"
    assert segments("ini", text) == [
        (2, 15, 3, 25, "value", "Run the tests\nin every environment"),
    ]


# ---- Markdown ------------------------------------------------------------------------------------------


def test_markdown_inline_code_links_images_and_html_are_removed_from_the_prose():
    text = "Use ``a ` b`` and [![badge](https://x/b.svg)](https://x) or [ref][1] <br/> <https://x.org> now\n"
    assert texts("markdown", text) == ["Use and badge or ref now"]


def test_markdown_unterminated_fence_and_comment_run_to_the_end():
    assert texts("markdown", "Intro\n\n```\ncode\n\nmore code\n") == ["Intro"]
    assert segments("markdown", "Intro\n\n<!-- open\nstill open\n") == [
        (1, 1, 1, 6, "paragraph", "Intro"),
        (3, 6, 4, 11, "html_comment", "open\nstill open"),
    ]


def test_markdown_block_quotes_hold_blocks_and_lazy_lines():
    text = (
        "> Quoted paragraph\n"
        "lazy line of the quote\n"
        ">\n"
        "> ```js\n"
        "> const quoted = 1;\n"
        "> ```\n"
        "> - quoted item\n"
        "> > nested quote\n"
        "\n"
        '<a id="anchor"></a>\n'
        "## Heading after an inline anchor\n"
        "[^note]: A footnote is prose\n"
        "\n"
        "[link]: https://example.com\n"
        "<div>\nraw html block\n</div>\n"
    )
    assert segments("markdown", text) == [
        (1, 3, 2, 23, "paragraph", "Quoted paragraph\nlazy line of the quote"),
        (7, 5, 7, 16, "list_item", "quoted item"),
        (8, 5, 8, 17, "paragraph", "nested quote"),
        (11, 4, 11, 34, "heading", "Heading after an inline anchor"),
        (12, 1, 12, 29, "paragraph", "^note: A footnote is prose"),
    ]


def test_markdown_unclosed_front_matter_is_a_thematic_break():
    assert texts("markdown", "---\nTitle line\n") == ["Title line"]
    assert texts("markdown", "---\nkey: value\n---\nBody\n") == ["Body"]


def test_markdown_nested_lists_fences_and_lazy_lines():
    text = (
        "- Item one\n"
        "  continued\n"
        "    - Nested item\n"
        "\n"
        "    Paragraph inside the item\n"
        "\n"
        "  ```\n"
        "  fenced inside the item\n"
        "  ```\n"
        "~~~~\n"
        "tilde fence\n"
        "~~~~\n"
        "Paragraph\n"
        "    lazy continuation, not code\n"
        "2. An ordered item that cannot interrupt\n"
    )
    assert texts("markdown", text) == [
        "Item one\ncontinued",
        "Nested item",
        "Paragraph inside the item",
        "Paragraph\nlazy continuation, not code\n2. An ordered item that cannot interrupt",
    ]


# ---- reST ----------------------------------------------------------------------------------------------


def test_rst_roles_literals_and_doctest():
    text = "Call :func:`main` with ``--flag`` and read `the guide`_.\n\n>>> print(1)\n1\n"
    assert texts("rst", text) == ["Call with and read the guide."]


# ---- bad input: never raise, never hang --------------------------------------------------------------------

TEXT_READERS = sorted(name for name in READERS if name != "python")


@pytest.mark.parametrize("reader", TEXT_READERS)
def test_binary_junk_does_not_raise(reader):
    junk = random.Random(7).randbytes(200_000).decode("latin-1")
    assert isinstance(load_reader(reader)("junk", junk, CONFIG), list)


PATHOLOGICAL = {
    "markdown": ["`a ``b " * 100_000, "[x](" * 100_000, "<div>\n" * 50_000, "<!--" * 100_000, "> " * 200_000],
    "yaml": ["{{/* " + "x\n" * 100_000, "{{ " * 100_000, 'k: "' * 100_000, "- " * 200_000, "a: |\n" * 100_000],
    "shell": ["echo \"$'" * 100_000, "cat <<EOF\n" * 100_000, "${" * 100_000, "'" + "x" * 200_000],
    "toml": ['"""' + "\\" * 100_000, "a = '''" + "'" * 100_000, "[" * 100_000, 'x = "' * 100_000],
    "ini": ["description = " + "x\n  " * 100_000, "[" * 100_000],
    "dotenv": ['A="' + "\\" * 100_001, "A=" + "#" * 100_000],
    "dockerfile": ['LABEL description="' + "x \\\n" * 50_000, "RUN <<EOF\n" * 50_000],
    "rst": ["``a " * 100_000, ".. " * 100_000, "::\n\n" * 50_000],
}


@pytest.mark.parametrize("reader, index", [(r, i) for r, cases in PATHOLOGICAL.items() for i in range(len(cases))])
def test_pathological_input_is_read_in_linear_time(reader, index):
    found = load_reader(reader)("big", PATHOLOGICAL[reader][index], CONFIG)
    assert isinstance(found, list)


def test_ten_megabyte_markdown():
    sentence = "A line of a long paragraph with `code` and a [link](https://example.com/page).\n"
    block = "## Heading\n\n" + sentence * 12 + "\n- item\n\n```\ncode\n```\n\n"
    copies = 10_000_000 // len(block) + 1
    found = load_reader("markdown")("big.md", block * copies, CONFIG)
    assert len(found) == 3 * copies
    assert found[-1].text == "item" and found[-2].end_line - found[-2].line == 11
