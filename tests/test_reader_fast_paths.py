"""The string flows' shortcuts give what the long way gives: a callee's kind, a word literal's shape, the
comments read with the string spans of the lines that hold a `#` only."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from english_guard.config import Config
from english_guard.sources.callpatterns import is_gettext_call, is_user_facing_call
from english_guard.sources.python import _Collector, _lines_with_hash, parse, read_comments, read_python_text
from english_guard.sources.python_positions import dotted_name
from english_guard.sources.string_roles import _text_shape, call_role, is_slug_pair, is_word_list, text_shape
from english_guard.sources.user_facing import _CALLBACK_HANDLERS, _call_kind, _developer_text

PACKAGE = Path(__file__).resolve().parents[1] / "english_guard"


def _callees_and_words() -> tuple[set[str], set[str]]:
    """Every callee and every name of the project's own code, and every string literal it writes."""
    callees: set[str] = set()
    words: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                parts = []
                func = node.func
                while isinstance(func, ast.Attribute):
                    parts.append(func.attr)
                    func = func.value
                if isinstance(func, ast.Name):
                    parts.append(func.id)
                callees.add(".".join(reversed(parts)))
            elif isinstance(node, ast.Name):
                words.add(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.add(node.value)
    return callees, words


CALLEES, WORDS = _callees_and_words()


def _slow_kind(callee: str, config: Config) -> tuple[bool, bool, bool, str | None]:
    """A callee's kind from every pattern, without the shortcut by its last part."""
    if callee.rsplit(".", 1)[-1] in _CALLBACK_HANDLERS:
        return True, False, False, None
    if is_gettext_call(callee, config):
        return False, True, False, None
    if is_user_facing_call(callee, config):
        return False, False, True, None
    return False, False, False, call_role(callee)


def _pattern_callees(config: Config) -> set[str]:
    patterns = [
        *config.gettext_functions,
        *config.user_facing_calls,
        *config.user_facing_constructors,
        *config.extend_user_facing_calls,
    ]
    names = {pattern.lstrip(".").replace("*", "Char") for pattern in patterns}
    names |= {pattern.lstrip(".").replace("*", "") for pattern in patterns}
    return names | {f"bot.{name}" for name in names} | {f"{name}.x" for name in names}


@pytest.mark.parametrize(
    "config",
    [
        Config(),
        Config(extend_user_facing_calls=["ui.*", "*.show_text", "notify?", "pop[ul]p", "a*"]),
        Config(gettext_functions=["tr", "i18n.t", "T*"]),
    ],
    ids=["default", "globs", "gettext globs"],
)
def test_a_callees_kind_is_what_every_pattern_says(config):
    callees = CALLEES | _pattern_callees(config) | {"", "models.CharField", "forms.ModelChoiceField", "Field", "x.y.z"}
    for callee in sorted(callees):
        assert _call_kind(callee, config)[:4] == _slow_kind(callee, config), callee


def test_a_word_literals_shape_is_what_every_test_says():
    letters = ["a", "ab", "abc", "abcdef", "ABCDEF", "abcdeg", "Abc", "aB", "Ab", "A", "z"]
    pieces = ["", "_", "1", "123", "select", "FROM", "fooBar", "Yanvar", "x"]
    generated = {"".join(parts) for parts in itertools.product(letters, pieces, pieces)}
    for text in sorted(WORDS | generated | {"_", "1", "__", "1_2", "SELECT", "utf_8", "vwxyz", "uvwxyz"}):
        assert text_shape.__wrapped__(text) == _text_shape(text), text


SOURCE = '''x = "a # b"  # one
y = b"# bytes"  # two
z = """
# inside
"""  # three
w = f"{x!r} # {y}"  # four
# five "quoted"
v = ("#",
     '#')  # six
'''


def test_comments_read_with_the_spans_of_hash_lines_only():
    collector = _Collector("a.py", SOURCE, Config())
    collector.visit(parse("a.py", SOURCE))
    every_span = collector.string_spans(range(1, SOURCE.count("\n") + 2))
    hash_lines = _lines_with_hash(SOURCE)
    assert len(collector.string_spans(hash_lines)) <= len(every_span)
    expected = read_comments("a.py", SOURCE, every_span)
    assert [c.text for c in expected] == ["# one", "# two", "# three", "# four", '# five "quoted"', "# six"]
    comments = [s for s in read_python_text("a.py", SOURCE, Config()) if s.kind == "comment"]
    assert comments == expected


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py"))[::7], ids=lambda p: p.name)
def test_the_readers_comments_are_those_of_every_span(path):
    """The reader takes the lines with a `#` from its own lines and lays out the spans of those lines only."""
    text = path.read_text(encoding="utf-8")
    collector = _Collector("f.py", text, Config())
    collector.visit(parse("f.py", text))
    every_span = collector.string_spans(range(1, text.count("\n") + 2))
    assert {n: line for n, line in enumerate(collector.pos.lines, 1) if "#" in line} == _lines_with_hash(text)
    comments = [s for s in read_python_text("f.py", text, Config()) if s.kind == "comment"]
    assert comments == read_comments("f.py", text, every_span)


def test_the_readers_segments_are_the_dataclasses_own() -> None:
    """`_segment` sets the slots itself: the record is equal to, and hashes as, `Segment(...)`."""
    from english_guard.records import Segment
    from english_guard.sources.python import _segment

    fields = ("a.py", "string", "kitob", 3, 5, 4, 2, "literal", True, "send(...)", "texts.WELCOME")
    assert _segment(*fields) == Segment(*fields)
    assert hash(_segment(*fields)) == hash(Segment(*fields))
    assert _segment(*fields[:8]) == Segment(*fields[:8])
    assert repr(_segment(*fields[:8])) == repr(Segment(*fields[:8]))


# Texts around the project step's patterns: callback text in each of its forms, names as whole words and inside
# longer words, and none of them.
FLOW_TEXTS = [
    "if call.data == texts.ORTGA:\n",
    "if call . \\\n  data == x:\n",
    "value = call.datas\n",
    "kb = InlineKeyboardButton(text, callback_data=texts.BACK)\n",
    "class Vote(CallbackData, prefix='v'):\n",
    "@dp.callback_query(F.text)\n",
    "@dp.callback_query_handler()\n",
    "metadata = {}\n",
    "x = 1\n",
    "",
    "texts.ORTGAS and ORTGA_X and _ORTGA\n",
    "print(texts.ORTGA)\n",
    "ORTGA",
    "the name __author__ is a label\n",
    "name = function(lookup_name)\n",
]


def test_the_project_steps_prefilters_say_what_its_patterns_say():
    """`context._callback_text` and `_Mentions.search` run the patterns only on texts that hold a substring every
    match holds: on every text they answer what the patterns alone answer."""
    from english_guard import context

    words = {"ORTGA", "__author__", "name", "function", "BACK", "x"}
    texts = FLOW_TEXTS + [path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))]
    for chosen in ({"ORTGA"}, {"__author__"}, words, set(), {""}):
        mentions = context._Mentions(chosen)
        kept = sorted(chosen - {""})
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, kept)) + r")\b") if kept else None
        for text in texts:
            assert mentions.search(text) == bool(pattern and pattern.search(text)), (chosen, text[:60])
    answers = [context._callback_text(text) for text in texts]
    assert answers == [bool(context._CALLBACK_TEXT.search(text)) for text in texts]
    assert any(answers) and not all(answers)
    # A prefilter that forgets one form of callback text (`callback_query`) answers differently: the test can fail.
    forgetful = [
        ("data" in text or "CallbackData" in text) and bool(context._CALLBACK_TEXT.search(text)) for text in texts
    ]
    assert forgetful != answers


ROLES_SOURCE = """def reply(bot, chat):
    bot.send_message(chat, "Send the report to the team now")
    logger.info("Send the report to the team now")
    return "utf-8"


NOTE = "Send the report to the team now"
"""


class _TextAndRoleOnly(dict):
    """A mutant of the decided roles that forgets whether the literal is in a test file."""

    def get(self, key, default=None):
        return super().get(key[:2], default)

    def __setitem__(self, key, value):
        super().__setitem__(key[:2], value)


def test_a_literals_decided_role_is_what_its_text_flow_and_file_decide(monkeypatch):
    """`string_segments` keeps each literal's role per (text, role a flow gave, test file) and per test of
    `needs_no_segment`: a read after the decisions were kept gives what a read that takes them again gives."""
    from english_guard.sources import user_facing
    from english_guard.sources.python import read_python_to_judge

    def strings(path: str) -> list[tuple[str, str]]:
        return [(s.text, s.symbol) for s in read_python_to_judge(path, ROLES_SOURCE, Config()) if s.kind == "string"]

    monkeypatch.setattr(user_facing, "_segment_roles", {})
    fresh = {path: strings(path) for path in ("app.py", "tests/test_app.py")}
    assert [role for _text, role in fresh["app.py"]] == ["user-facing", "log message", "user-facing"]
    assert {role for _text, role in fresh["tests/test_app.py"]} == {"test data"} or not fresh["tests/test_app.py"]
    assert fresh["app.py"] != fresh["tests/test_app.py"]
    for path in ("tests/test_app.py", "app.py", "app.py"):  # kept decisions, in another order
        assert strings(path) == fresh[path]
    every = [(s.text, s.symbol) for s in read_python_text("app.py", ROLES_SOURCE, Config()) if s.kind == "string"]
    # The fixes' read (no test of `needs_no_segment`) decides apart: it keeps the settled `utf-8` too.
    assert ("utf-8", "name in a string") in every and [item for item in every if item[0] != "utf-8"] == fresh["app.py"]
    # Decisions that forget the file give a test file's roles to the code's literals: the test can fail.
    monkeypatch.setattr(user_facing, "_segment_roles", {None: _TextAndRoleOnly()})
    monkeypatch.setattr(user_facing, "_decided_roles", lambda _test: user_facing._segment_roles[None])
    assert strings("tests/test_app.py") == fresh["tests/test_app.py"]
    assert strings("app.py") != fresh["app.py"]


def _marks_of_every_value(monkeypatch, holds_nothing) -> list[tuple[str, object, object]]:
    """What `_mark` records for every expression of the package's own files (given roles of no flow), with
    `holds_nothing` as its shortcut: the roles it gives and the variables it reads."""
    from english_guard.sources import user_facing
    from english_guard.sources.string_roles import DATA, EXCEPTION, LOG

    monkeypatch.setattr(user_facing, "_holds_nothing", holds_nothing)
    marks = []
    for path in sorted(PACKAGE.rglob("*.py"))[::3]:
        text = path.read_text(encoding="utf-8")
        collector = _Collector("f.py", text, Config())
        tree = parse("f.py", text)
        collector.visit(tree)
        variables = collector.string_variables[-1]
        for node in ast.walk(tree):
            if isinstance(node, ast.expr):
                for role in (LOG, EXCEPTION, DATA):
                    collector.roles = {}
                    collector.string_variables = [variables]
                    collector._mark(node, role, "test")
                    marks.append((role, ast.dump(node)[:200], sorted(collector.roles.values())))
    return marks


def test_a_value_that_holds_nothing_is_passed_by_as_the_full_loop_would(monkeypatch):
    """`_mark` returns at once for values its loop would pass by (`user_facing._holds_nothing`): on every
    expression of the package, the roles given are those of the full loop."""
    from english_guard.sources import user_facing

    holds_nothing = user_facing._holds_nothing
    shortcut = _marks_of_every_value(monkeypatch, holds_nothing)
    assert shortcut == _marks_of_every_value(monkeypatch, lambda node: False)
    # A shortcut that passes by names too loses the literals they hold (`text = "..."; log(text)`): it can fail.
    named = _marks_of_every_value(monkeypatch, lambda node: isinstance(node, ast.Name) or holds_nothing(node))
    assert named != shortcut


def test_an_apostrophe_chain_is_found_where_a_run_of_letters_starts():
    """`settles` reads the words of a text with inner apostrophes in one pass from each run's first letter
    (`settled._words_and_piece_chains`): exactly the runs outside the chains the plain pattern finds (three letters
    or more) and the piece chains of each chain (a leftmost match of the plain pattern never starts inside a run)."""
    from english_guard.language import settled

    plain = re.compile(r"[A-Za-z]+(?:['`][A-Za-z]+)+")
    texts = [
        "don't",
        "y'all'd've",
        "'tis",
        "'twas'nt",
        "it's O'Brien's `x`",
        "a'b c'd",
        "abc'",
        "'abc",
        "rock'n'roll'",
        "x''y",
        "",
        "no apostrophe at all",
        "ends with it'",
        "don`t and can't",
        "ÄB'cd",
        "12ab'cd",
        "_ab'cd",
        "a-b'c",
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))[::4]]
    for text in texts:
        expected = set(re.findall(r"[A-Za-z]{3,}", plain.sub(" ", text)))
        for chain in set(plain.findall(text)):
            expected |= settled._piece_chains(chain)
        assert settled._words_and_piece_chains(text) == expected, text[:60]
    # A start refused after an apostrophe too (`'twas'nt`) loses chains: the comparison can fail.
    refusing = re.compile(r"(?<![A-Za-z'])[A-Za-z]+(?:['`][A-Za-z]+)+")
    assert any(refusing.findall(text) != plain.findall(text) for text in texts)


# Flows of each kind the walk follows: sends, keywords, catalogues, choices, comparisons, callback data, tables,
# senders, variables, returns, raises and loops.
FLOWS_SOURCE = """
class Order(models.Model):
    status = models.CharField("Holat", max_length=20, choices=[("new", "Yangi"), ("done", "Tayyor")])
    client = models.ForeignKey(User, related_name="buyurtmalar", on_delete=models.CASCADE, verbose_name="Mijoz")

    class Meta:
        verbose_name = "Buyurtma"

    def __str__(self):
        return f"<Buyurtma {self.id}>"


TEXTS = {"uz": {"hi": "Salom"}, "ru": {"hi": "Привет"}}
WELCOME = "Xush kelibsiz"
regions_uz = ["Toshkent", "Samarqand"]
regions_ru = ["Ташкент", "Самарканд"]
first, second = "Bir", "Ikki"
a = b = "Ikki nom"


def _send(chat, text):
    bot.send_message(chat, text)


async def start(message, call, row):
    text = "Assalomu alaykum"
    greeting = text + "!"
    await message.answer(greeting, reply_markup=kb)
    _send(message.chat.id, "Yangi buyurtma")
    _send(chat=1, text="Buyurtma bekor qilindi")
    logger.info("Foydalanuvchi keldi %s", message.from_user.id)
    keyboard.add("Orqaga", "Bosh menyu")
    if message.text == "📦 Buyurtmalar" or call.data == "pora" or "x" in "ўқғ":
        pass
    if call.data.startswith("size:"):
        pass
    button = InlineKeyboardButton(text="Tasdiqlash", callback_data="confirm_1")
    field = forms.CharField(label="Ism", help_text="To'liq ism", comment="ustun izohi")
    options = dict(verbose_name="Mahsulot", state="kutilmoqda", doc="hujjat")
    value = row["yetkazilgan"]
    words = ["bir", "ikki", "uch", "tort", "besh", "olti"]
    pair = ("Kraków Główny", "krakow-glowny")
    for ch in "äöüß":
        pass
    db.execute("SELECT * FROM t WHERE a = ?", (1,))
    warnings.warn("Eskirgan", DeprecationWarning)
    choices = [("a", "Birinchi"), ("b", "Ikkinchi")]
    self.title = "Sarlavha"
    parts = "bir ikki uch".split()
    label: str = "Nom"
    assert value, "Qiymat yo'q"
    raise ValueError("Noto'g'ri qiymat")
    return "Topilmadi", 404
"""


class _LongWalk(_Collector):
    """The string flows' steps without their shortcuts: every call with arguments through `_call_flows`, every
    assignment through `_remember` and `_hold`, every comparison's and collection's children through
    `_visit_children`."""

    _methods: dict = {}  # noqa: RUF012 - a dispatch table of its own (the base class's is shared)
    _child_fields: dict = {}  # noqa: RUF012

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if node.args or node.keywords:
            self._call_flows(node, func, node.args, node.keywords)
        elif (
            func.__class__ is ast.Attribute
            and func.attr in ("split", "splitlines")
            and isinstance(func.value, ast.Constant)
            and not any(self._call_kind(dotted_name(func))[:3])
        ):
            self._mark(func.value, "data", "a word list")
        self._visit_children([func, *node.args, *node.keywords])

    def _remember(self, targets: list[ast.expr], value: ast.expr) -> None:
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            if target.id in self.shown_keywords:
                self._mark(value, "user-facing", f"{target.id} = ...")
            elif "choices" in target.id.lower():
                self._mark_choices(value)
            elif isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp, ast.IfExp)):
                self.string_variables[-1][target.id] = value
            else:
                self.string_variables[-1].pop(target.id, None)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._remember(node.targets, node.value)
        if not self.frames:
            self._hold(node.targets, node.value)
        self._visit_children(node.targets, node.value)

    def visit_Compare(self, node: ast.Compare) -> None:
        sides = [node.left, *node.comparators]
        attributes = [side.attr for side in sides if isinstance(side, ast.Attribute)]
        if "data" in attributes:
            for side in sides:
                if not (isinstance(side, ast.Attribute) and side.attr == "data"):
                    self._mark_callback_data(side, "compared with callback data")
        elif "text" in attributes or "caption" in attributes:
            for side in sides:
                if not (isinstance(side, ast.Attribute) and side.attr in ("text", "caption")):
                    self._mark(side, "user-facing", "compared with a message's text")
        else:
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Constant):
                    self._mark(right, "data", "a set of characters")
        self._visit_children(sides)

    def _collection(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        if len(node.elts) != 2 and len(node.elts) < 6:
            self._visit_children(node.elts)
            return
        literals = [(e, e.value) for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        texts = [literal for literal, _ in literals]
        words = [word for _, word in literals]
        if len(texts) == 2 and len(node.elts) == 2 and is_slug_pair(words[0], words[1]):
            for text in texts:
                self._mark(text, "data", "a text and its slug")
        elif len(texts) == len(node.elts) and is_word_list(words):
            for text in texts:
                self._mark(text, "data", "a word list")
        self._visit_children(node.elts)

    visit_Tuple = visit_List = visit_Set = _collection

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if (
            isinstance(value, ast.Tuple)
            and len(value.elts) >= 2
            and isinstance(value.elts[1], ast.Constant)
            and isinstance(value.elts[1].value, int)
        ):
            self._mark(value.elts[0], "user-facing", "HTTP response")
        elif value is not None and self.frames and _developer_text(self.frames[-1].name, value):
            self._mark(value, "developer text", self.frames[-1].name)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            self._mark(node.slice, "name in a string", "subscript")
        self._visit_children((node.value, node.slice))


def _walked(collector_class: type[_Collector], sources: list[str]) -> list[object]:
    """What the walk of each source leaves for the segments: roles, holders, flows, senders, kept calls, tables."""
    states: list[object] = []
    for source in sources:
        tree = parse("app.py", source)
        collector = collector_class("app.py", source, Config())
        collector.visit(tree)
        collector.resolve_local_calls()
        collector.mark_language_tables()
        positions = {id(node): (node.lineno, node.col_offset) for node in ast.walk(tree) if hasattr(node, "lineno")}
        states.append(
            (
                sorted((positions[key], role) for key, role in collector.roles.items()),
                sorted((positions[key], name) for key, name in collector.holders.items()),
                {flow: sorted(names) for flow, names in collector.flows.items()},
                sorted((name, sorted(indexes), sorted(names)) for name, (indexes, names) in collector.senders.items()),
                [(positions[id(node)], callee) for node, callee in collector.local_calls],
                sorted(collector.language_tables),
                sorted(collector.string_variables[-1]),
                collector.strings,
            )
        )
    return states


def test_the_walks_shortcuts_give_what_the_long_way_gives(monkeypatch):
    """`visit_Call` answers plain calls without `_call_flows` (and reads keywords only when one is a flow's),
    `visit_Assign` remembers one name without `_remember`, a pair is told a text and its slug without lists,
    `visit_Return` asks `_developer_text` in `__repr__` and `__str__` only, and the comparisons, collections and
    subscripts visit their children without `_visit_children`: on the package's own files and on flows of every
    kind, the walk leaves what the long way leaves."""
    from english_guard.sources import user_facing

    sources = [FLOWS_SOURCE] + [path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))[::3]]
    shortcut = _walked(_Collector, sources)
    assert shortcut[0][0] and shortcut[0][2]["shown"]  # the fixture's flows give roles and send constants
    assert shortcut == _walked(_LongWalk, sources)

    # A keyword filter that forgets a flow's keyword (`verbose_name=`), and a remembered-value test that forgets
    # concatenations (`greeting = text + "!"`), leave other roles: the comparison can fail.
    class ForgetfulKeywords(_Collector):
        _methods: dict = {}  # noqa: RUF012
        _child_fields: dict = {}  # noqa: RUF012

        def __init__(self, *args) -> None:
            super().__init__(*args)
            self.flow_keywords = self.flow_keywords - {"verbose_name"}

    assert _walked(ForgetfulKeywords, sources[:1]) != shortcut[:1]
    monkeypatch.setattr(user_facing, "_STRING_EXPRESSIONS", frozenset({ast.Constant, ast.JoinedStr}))
    assert _walked(_Collector, sources[:1]) != shortcut[:1]
    monkeypatch.undo()
    # And a `return` that asks only `__repr__` for developer text misses the repr-shaped `__str__`.
    monkeypatch.setattr(user_facing, "_DEVELOPER_TEXT_FUNCTIONS", frozenset({"__repr__"}))
    assert _walked(_Collector, sources[:1]) != shortcut[:1]


def test_the_data_patterns_are_asked_only_of_texts_they_may_match():
    """`string_roles._data_pattern` asks `_URL`, `_EMAIL` and `_SQL` only of texts with a mark each match holds:
    it answers what the three patterns answer."""
    from english_guard.sources import string_roles

    def every_pattern(text: str) -> bool:
        return bool(string_roles._URL.match(text) or string_roles._EMAIL.match(text) or string_roles._SQL.match(text))

    texts = {
        "https://example.com/a",
        "www.example.com",
        "mailto:x@y.uz",
        "tel:+998",
        "data:image/png",
        "ali@example.uz",
        "SELECT a FROM b",
        "select * from t where x = 1",
        "ſelect a from b",  # a long s is an `s` to an IGNORECASE pattern
        "ınsert into t values (1)",  # and a dotless i an `i`
        "Update the table",
        "Update profile SET name",
        "With love, from us",
        "Привет",
        "x",
        ":",
        "@",
    } | {text.strip() for text in WORDS}
    texts.discard("")
    answers = {text: string_roles._data_pattern(text) for text in sorted(texts)}
    assert answers == {text: every_pattern(text) for text in sorted(texts)}
    assert answers["ſelect a from b"] and answers["ınsert into t values (1)"]
    # A first-letter test of ASCII letters only misses the statements that start with a letter folded to one.
    assert not ("ſ" in string_roles._SQL_FIRST_LETTERS or "ı" in string_roles._SQL_FIRST_LETTERS)


def test_a_lowercase_text_leans_as_no_title_case_label():
    """`title_case_leaning` answers () at once for a lowercase text (`str.islower`): such a text has no letter
    `isupper` calls a capital, so the long way counts no capitalised word and answers () too."""
    from english_guard.language import labels
    from english_guard.language.verdict import NEIGHBOURS

    texts = sorted(WORDS) + ["bosh sahifa", "Bosh Sahifa", "📊 Test Tahlili", "ǅemal ǆem", "ℂ ℍ plane", "мой дом"]
    for text in texts:
        capitals = sum(1 for letter in labels._WORD_START.findall(text) if letter.isupper())
        if text.islower():
            assert capitals == 0, text  # the long way's count, below the two it needs
            assert labels.title_case_leaning(text, NEIGHBOURS) == ()
    assert labels.title_case_leaning("Bosh Sahifa", NEIGHBOURS)  # a label still leans
    # An exit on `text.lower() == text` would also pass by capitals that have no lowercase form (`ℂ ℍ`).
    assert any(text.lower() == text and not text.islower() for text in texts)
    assert sum(1 for letter in labels._WORD_START.findall("ℂ ℍ plane") if letter.isupper()) == 2


def test_a_literal_a_flow_calls_data_gets_no_segment_whatever_its_shape():
    """`_segment_role` answers None for a literal a flow calls data before it takes the text's shape: the long way
    (`role_of_shape` of any shape) makes it data too, in a test file or not."""
    from english_guard.sources import user_facing
    from english_guard.sources.string_roles import DATA, NAME, role_of_shape

    texts = sorted(WORDS) + ["Yangi buyurtma", "SELECT a FROM b", "maxsize", "abcdef", "", "Привет, дорогой друг"]
    for text in texts:
        for in_tests in (False, True):
            assert role_of_shape(DATA, text_shape(text), in_tests) == DATA, text
            assert user_facing._segment_role(text, DATA, in_tests, None) is None, text
    # The same shortcut for another role would drop segments: the long way keeps them.
    assert any(role_of_shape(NAME, text_shape(text), False) != DATA for text in texts)
