"""Unit tests of extract's pure parts: message shapes, placeholder names, literals, imports, placeholder checks."""

from __future__ import annotations

import libcst as cst
import pytest

from english_guard.fixes.extract.placeholders_check import same_placeholders
from english_guard.fixes.extract.records import FORMAT_CALL, KEYWORDS, PERCENT, PLAIN, Unsafe
from english_guard.fixes.extract.rewrite import add_import, python_literal
from english_guard.fixes.extract.shapes import shape_of

CODE = cst.Module([]).code_for_node


def shape(source: str):
    return shape_of(cst.parse_expression(source), CODE)


@pytest.mark.parametrize(
    "source, template, style",
    [
        ('"Order accepted"', "Order accepted", PLAIN),
        ("'It' \"s\" ' done'", "Its done", PLAIN),
        ('f"Plain {{braces}}"', "Plain {braces}", PLAIN),
        ('f"Order #{order.id} accepted, total: {total}"', "Order #{order_id} accepted, total: {total}", KEYWORDS),
        ('f"{user.full_name!r:>10} {price:.2f}"', "{full_name!r:>10} {price:.2f}", KEYWORDS),
        ('f"{len(items)} items"', "{items_count} items", KEYWORDS),
        ("f\"{data['name']} and {{literal}}\"", "{name} and {{literal}}", KEYWORDS),
        ('"Hello, " + name + "! {x}"', "Hello, {name}! {{x}}", KEYWORDS),
        ('"a" f"{b}" "{c}"', "a{b}{{c}}", KEYWORDS),
        ('"Total: %d sum" % amount', "Total: %d sum", PERCENT),
        ('"Hello, {}!".format(name)', "Hello, {}!", FORMAT_CALL),
        ('"One " "two" + " three"', "One two three", PLAIN),
    ],
)
def test_shapes(source, template, style):
    result = shape(source)
    assert result.template == template
    assert result.style == style


def test_same_expression_shares_one_placeholder_and_names_stay_unique():
    result = shape('f"{a.id} {a.id} {b.id} {x()} {x()}"')
    assert result.template == "{a_id} {a_id} {b_id} {x} {x_2}"
    assert [p.expression for p in result.placeholders] == ["a.id", "b.id", "x()", "x()"]


@pytest.mark.parametrize(
    "source, reason",
    [
        ('"Welcome, " + format_name(user) + "!"', "concatenation with `format_name(user)`"),
        ('f"{x=}"', "self-documenting"),
        ('f"{x:{width}}"', "computed format spec"),
        ('f"{a} %s" % b', "formatted again with `%`"),
    ],
)
def test_unsafe_shapes(source, reason):
    result = shape(source)
    assert isinstance(result, Unsafe) and reason in result.reason


@pytest.mark.parametrize("source", ["name", "b'bytes'", "a + b", "get_text()", "1 + 2"])
def test_not_text(source):
    assert shape(source) is None


def test_plural_count_detected_only_before_a_noun():
    assert shape('f"{n} products"').count.name == "n"
    assert shape('f"You have {len(rows)} orders"').count.name == "rows_count"
    assert shape('f"Total: {count}"').count is None
    assert shape('f"{n} of {count} files"').count is None  # two candidates: ambiguous


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        ("It's", '"', '"It\'s"'),
        ("It's", "'", "'It\\'s'"),
        ('say "hi"\n', '"', '"say \\"hi\\"\\n"'),
        ("tab\there\\", '"""', '"tab\\there\\\\"'),
        ("café", '"', '"café"'),
    ],
)
def test_python_literal(text, quote, expected):
    literal = python_literal(text, quote)
    assert literal == expected
    assert cst.parse_expression(literal).evaluated_value == text


def test_ascii_only_literal_escapes_for_legacy_encodings():
    literal = python_literal("café ✅", '"', ascii_only=True)
    assert literal.isascii() and cst.parse_expression(literal).evaluated_value == "café ✅"


@pytest.mark.parametrize(
    "source, expected",
    [
        ('"""Doc."""\nimport os\n\nx = 1\n', '"""Doc."""\nimport os\nfrom app.i18n import _\n\nx = 1\n'),
        ('"""Doc."""\n\nx = 1\n', '"""Doc."""\n\nfrom app.i18n import _\n\nx = 1\n'),
        (
            "from __future__ import annotations\n# note\nx = 1\n",
            "from __future__ import annotations\nfrom app.i18n import _\n# note\nx = 1\n",
        ),
        ("#!/usr/bin/env python\nx = 1\n", "#!/usr/bin/env python\nfrom app.i18n import _\nx = 1\n"),
        ("import a\r\nimport b\r\ny = 2\r\n", "import a\r\nimport b\r\nfrom app.i18n import _\r\ny = 2\r\n"),
    ],
)
def test_import_placement(source, expected):
    module = cst.parse_module(source)
    assert add_import(module, "from app.i18n import _").code == expected


@pytest.mark.parametrize(
    "original, english, same",
    [
        ("Jami {total} so'm", "Total {total} sum", True),
        ("{a} va {b}", "{b} and {a}", True),
        ("{n} ta", "{count} items", False),
        ("%s dan %s gacha", "from %s to %s", True),
        ("%(a)s va %(b)d", "%(b)d and %(a)s", True),
        ("%s va %d", "%d and %s", False),
        ("{x!r}", "{x}", False),
        ("50%% chegirma", "50%% off", True),
    ],
)
def test_placeholder_check(original, english, same):
    assert same_placeholders(original, english) is same
