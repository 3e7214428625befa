"""What a string literal is for: the one model of string roles that `check` and `extract` share.

Every string literal of a Python file gets one role. The role decides the rule of a non-English
string (a non-English prose string is always a finding; the role only says which one) and whether
`extract` moves it into a gettext catalog:

- user-facing message (EG401): a reply, a button label, CLI output, an HTTP error, a Django label, a
  message table entry. Found by where it goes (see `user_facing`); prose whose destination the file
  does not show is presumed user-facing, because an application's prose is written for its users
  once logs, exceptions, assertions, keys and data are told apart.
- gettext msgid (EG403): the text inside `_()`; the code must speak English, the catalog the rest.
- log message, exception message, developer-facing text (assertions, warnings, column comments),
  a name inside a string (dict keys, lookups, field and task names) and test data: EG402.
- data (SQL, regular expressions, URLs, paths, file names, e-mail addresses, format specs, dates):
  never judged.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from functools import lru_cache

from english_guard.deep import parse_snippet
from english_guard.rules import NON_ENGLISH_MSGID, NON_ENGLISH_STRING, UNTRANSLATED_USER_FACING_STRING
from english_guard.sources.callpatterns import matches_any

USER_FACING = "user-facing"
MSGID = "msgid"
LOG = "log message"
EXCEPTION = "exception message"
DEVELOPER = "developer text"
NAME = "name in a string"
TEST_DATA = "test data"
DATA = "data"

# The rule a non-English string of each role breaks (data has none).
RULE_OF_ROLE = {
    USER_FACING: UNTRANSLATED_USER_FACING_STRING.code,
    MSGID: NON_ENGLISH_MSGID.code,
    LOG: NON_ENGLISH_STRING.code,
    EXCEPTION: NON_ENGLISH_STRING.code,
    DEVELOPER: NON_ENGLISH_STRING.code,
    NAME: NON_ENGLISH_STRING.code,
    TEST_DATA: NON_ENGLISH_STRING.code,
}

# When two flows give one literal a role, the stronger wins: text inside `_()` is a msgid whatever
# else holds it, and a string that reaches a user is user-facing even if it is also logged.
_PRIORITY = {MSGID: 5, USER_FACING: 4, LOG: 3, EXCEPTION: 3, DEVELOPER: 2, DATA: 2, NAME: 1}


def stronger(new: str, old: str | None) -> bool:
    return old is None or _PRIORITY.get(new, 0) > _PRIORITY.get(old, 0)


# Log calls: a level method on a receiver named like a logger (`logger.info`, `self.log.error`,
# `logging.warning`, `current_app.logger.debug`); `messages.error(request, ...)` is not one.
_LOG_LEVELS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "trace", "success"}
)
# Calls whose string arguments are data: never prose, never judged.
DATA_CALLS = (
    ".execute",
    ".executemany",
    ".executescript",
    ".fetch",
    ".fetchrow",
    ".fetchval",
    "text",
    "sa.text",
    "sqlalchemy.text",
    "re.compile",
    "re.match",
    "re.search",
    "re.sub",
    "re.subn",
    "re.fullmatch",
    "re.findall",
    "re.finditer",
    "re.split",
    "regex.compile",
    ".strftime",
    ".strptime",
    "open",
    "Path",
    "os.path.join",
    "os.getenv",
    "getenv",
    "os.environ.get",
    "environ.get",
    "env",
    "env.str",
    "env.int",
    "env.bool",
    "config",
    "struct.pack",
    "struct.unpack",
    "datetime.strptime",
    "importlib.import_module",
    "import_module",
    "encode",
    ".encode",
    ".decode",
    "codecs.lookup",
    "set",
    "frozenset",
    ".maketrans",
    "Counter",
    # the name a program gives itself or its parts (`Celery("yetkaz")`, a logger's name): a proper noun
    "Celery",
    "Flask",
    "Blueprint",
    "Quart",
    "logging.getLogger",
    "getLogger",
    "structlog.get_logger",
)
# Calls whose text only developers read.
DEVELOPER_CALLS = (
    "warnings.warn",
    "warn",
    "DeprecationWarning",
    "pytest.fail",
    "pytest.skip",
    "pytest.xfail",
    "self.fail",
    "self.skipTest",
)
# Keywords whose text only developers read (a database column comment, a deprecation note).
DEVELOPER_KEYWORDS = frozenset({"comment", "doc", "deprecated", "reason"})
# Keywords whose value names something in code or data (a callback, a relation, a table).
NAME_KEYWORDS = frozenset(
    {
        "callback_data",
        "related_name",
        "related_query_name",
        "db_table",
        "db_column",
        "app_label",
        "model_name",
        "state",
        "switch_inline_query",
    }
)
_EXCEPTION_CLASS = re.compile(r"(?:Error|Exception|Warning|Exit|Interrupt|Failure|Fault)$")


# The last dotted part of every call `call_role` gives a role by name (logs by their level); any other
# callee can only be an exception class.
ROLE_CALL_LAST_PARTS = frozenset(
    {*_LOG_LEVELS, *(pattern.rsplit(".", 1)[-1] for pattern in (*DATA_CALLS, *DEVELOPER_CALLS))}
)


def is_log_call(callee: str) -> bool:
    parts = callee.split(".")
    if len(parts) < 2 or parts[-1] not in _LOG_LEVELS:
        return False
    return any("log" in part.lower() for part in parts[:-1])


def is_exception_class(callee: str) -> bool:
    return bool(_EXCEPTION_CLASS.search(callee.rsplit(".", 1)[-1]))


@lru_cache(maxsize=16384)  # a pure function of the callee, asked for every call of every file
def call_role(callee: str) -> str | None:
    """The role of string arguments of a call that is not user-facing, when the call decides it."""
    if not callee:
        return None
    if is_log_call(callee):
        return LOG
    if matches_any(callee, DATA_CALLS):
        return DATA
    if matches_any(callee, DEVELOPER_CALLS):
        return DEVELOPER
    if is_exception_class(callee):
        return EXCEPTION
    return None


# -- shapes of the text itself ---------------------------------------------------------------------
_URL = re.compile(r"^(?:[a-zA-Z][\w+.-]*://|www\.|mailto:|tel:|data:)")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_SQL = re.compile(
    r"^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|PRAGMA|REPLACE|TRUNCATE)\b"
    r"[\s\S]*\b(?:FROM|INTO|SET|TABLE|WHERE|VALUES|INDEX|VIEW|AS)\b",
    re.IGNORECASE,
)
_REGEX = re.compile(
    r"\\[dwsbDWSBAZ]|\(\?[PLaimsux:=!<#]|\[\^|\[[a-zA-Z]-[a-zA-Z]|[^\\]\.[*+?]|^\^|\$$|\{\d+(?:,\d*)?\}"
)
_FILE_EXTENSION = re.compile(
    r"\.(?:py|pyc|txt|json|ya?ml|toml|ini|cfg|csv|tsv|xlsx?|docx?|pdf|png|jpe?g|gif|svg|webp|ico|mp[34]|ogg|wav|"
    r"html?|css|js|ts|md|rst|xml|zip|gz|tar|db|sqlite3?|log|env|sh|po|mo|pot|lock|pem|key|crt)$",
    re.IGNORECASE,
)


def _regex_like(text: str) -> bool:
    """`_REGEX.search(text)`, asked only of texts that hold a mark every match of it holds: a backslash, `(?`,
    `[`, `{`, `.*`, `.+` or `.?`, a `^` first or a `$` last (before a final newline too). Most prose has none."""
    if (
        "\\" in text
        or "(?" in text
        or "[" in text
        or "{" in text
        or "." in text
        and (".*" in text or ".+" in text or ".?" in text)
        or text[:1] == "^"
        or "$" in text[-2:]
    ):
        return _REGEX.search(text) is not None
    return False


_FORMAT_DIRECTIVE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[a-zA-Z%]|\{[^{}]*\}")
_NAME = re.compile(r"^[\w.:*\-/]+$")
_CODE_PUNCTUATION = re.compile(r"[_.:*]|[a-z][A-Z]")


_ALPHABET_RUN = 6  # "abcdef", "ßàáâãä", "אבגדהו": letters in code-point order are a table, not words


# Six code points in a row whose last five are letters (the first may be any character: `@ABCDE`, `` `abcde ``),
# found with whole-text operations that run in C instead of a Python step per character. For ASCII text: each
# byte's successor when that successor is a letter, else 0xFF (no ASCII text holds it); XOR with the next bytes
# leaves a zero byte exactly where a letter follows its predecessor in code-point order.
_ASCII_SUCCESSOR = bytes(code + 1 if code + 1 < 0x80 and chr(code + 1).isalpha() else 0xFF for code in range(256))
_ASCII_STEPS = b"\0" * (_ALPHABET_RUN - 1)
# For any text, as UTF-32 code units: (next | 2**31) - previous - 1 is 2**31 exactly where a code point follows
# its predecessor, and no unit borrows from its neighbour (code points are below 2**21).
_UNIT_HIGH, _UNIT_ONE = b"\x80\0\0\0", b"\0\0\0\1"
_UNIT_STEPS = b"\0" * (4 * (_ALPHABET_RUN - 1))

_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_WHITESPACE = re.compile(r"\s")  # what str.isspace() calls a space, found in C


def _has_letter(text: str) -> bool:
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    return any(map(str.isalpha, text))


def _has_alphabet_run(text: str) -> bool:
    """A run of letters whose code points follow one another: a character table (a codec's decoding table,
    shlex's word characters), which no language writes as a word."""
    steps = len(text) - 1
    if steps < _ALPHABET_RUN - 1:
        return False
    if text.isascii():
        data = text.encode("ascii")
        following = int.from_bytes(data[1:], "big") ^ int.from_bytes(data[:-1].translate(_ASCII_SUCCESSOR), "big")
        return _ASCII_STEPS in following.to_bytes(steps, "big")
    data = text.encode("utf-32-be", "surrogatepass")  # "\ud800" is a literal too
    high = int.from_bytes(_UNIT_HIGH * steps, "big")
    gaps = (
        (int.from_bytes(data[4:], "big") | high)
        - int.from_bytes(data[:-4], "big")
        - int.from_bytes(_UNIT_ONE * steps, "big")
    )
    if _UNIT_STEPS not in (gaps ^ high).to_bytes(4 * steps, "big"):
        return False  # no five code points in a row follow their predecessors
    return _alphabet_run_by_character(text)  # some do (rare outside tables): are they letters?


def _alphabet_run_by_character(text: str) -> bool:
    run, previous = 1, -2
    for char in text:
        code = ord(char)
        if code == previous + 1 and char.isalpha():
            run += 1
            if run >= _ALPHABET_RUN:
                return True
        else:
            run = 1
        previous = code
    return False


# A numbered menu item: a number, a dot or a parenthesis, and a word that is not a lowercase ASCII name (`3.py`).
_NUMBERED_LABEL = re.compile(r"^\d{1,3}[.)](?![a-z])[^\W\d_]+$")
# A tag; `<Manzil: {self.title}>` and `<Buyurtma item: {x}>` (what a `__repr__` prints) are no tags.
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?![\w\- ]{0,30}:\s)(?:\s[^<>]*)?/?>")


# A literal of ASCII letters, digits and underscores only (`utf_8`, `maxsize`, `Yanvar`): for such a text
# none of the URL, e-mail, SQL, format, path and regular expression patterns below can match, so its shape
# is settled by the tests `text_shape` would end with (tests/test_string_roles.py holds the two equal).
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


@lru_cache(maxsize=65536)
def text_shape(text: str) -> str:
    """ "data", "name" or "prose": what the characters of a literal say about it, without context."""
    if _ASCII_WORD.fullmatch(text):
        if _ASCII_LETTER.search(text) is None or (len(text) >= _ALPHABET_RUN and _has_alphabet_run(text)):
            return DATA
        return NAME if _CODE_PUNCTUATION.search(text) or text.islower() else "prose"
    return _text_shape(text)


# The first letters of `_SQL`'s statements; under IGNORECASE a non-ASCII letter may match one too (`ſ`, `ı`).
_SQL_FIRST_LETTERS = frozenset("SIUDCAWPRTsiudcawprt")


def _data_pattern(stripped: str) -> bool:
    """`_URL`, `_EMAIL` or `_SQL` matches the stripped text (not empty), each asked only of a text that holds a mark
    every match of it holds: a `:` or `www.` first (a URL), an `@` (an e-mail address), a statement's first
    letter first (SQL). Most texts have none (tests/test_reader_fast_paths.py holds this to the three matches)."""
    return (
        (":" in stripped or stripped[:4] == "www.")
        and _URL.match(stripped) is not None
        or "@" in stripped
        and _EMAIL.match(stripped) is not None
        or (stripped[0] in _SQL_FIRST_LETTERS or not stripped[0].isascii())
        and _SQL.match(stripped) is not None
    )


def _text_shape(text: str) -> str:
    stripped = text.strip()
    if "<" in stripped:
        # Telegram and e-mail HTML: `<b><i>🛠Sozlamalar</i></b>` is the word it shows, not a path.
        stripped = _MARKUP_TAG.sub(" ", stripped).strip()
    if not stripped or not _has_letter(stripped):
        return DATA
    if len(stripped) >= _ALPHABET_RUN and _has_alphabet_run(stripped):
        return DATA
    if _data_pattern(stripped):
        return DATA
    # Without `{` or `%` there is no format directive to take out, and the letters were found above.
    fields = _FORMAT_DIRECTIVE.sub("", stripped) if ("{" in stripped or "%" in stripped) else stripped
    if fields is not stripped and not _has_letter(fields):
        return DATA  # "%d.%m.%Y %H:%M", "{}: {}"
    if fields != stripped and not _WHITESPACE.search(fields) and _NAME.match(fields):
        return NAME  # f"tasdiqlash:{order_id}", "order_%s": a key built from parts
    spaced = _WHITESPACE.search(stripped) is not None
    if not spaced:
        if "/" in stripped or "\\" in stripped or _FILE_EXTENSION.search(stripped):
            return DATA  # paths, MIME types, file names, bot commands
        if _regex_like(stripped):
            return DATA
        word = stripped.rstrip(".:")  # "Итого:", "руб.": sentence punctuation, not a dotted name
        if _NUMBERED_LABEL.match(word):
            return "prose"  # `1.Shartnomalar`: a numbered menu item, not a dotted name
        if _NAME.match(word) and (_CODE_PUNCTUATION.search(word) or (word.isascii() and word.islower())):
            return NAME  # snake_case, dotted task paths, `scope:value` callback data, a lowercase key
        return "prose"  # a word a person reads: "Yanvar", "Буква", "请输入"
    if _regex_like(stripped) and (stripped.isascii() or not any(map(str.isalpha, _ASCII_RUNS.sub("", stripped)))):
        return DATA  # a pattern with no letter outside ASCII
    return "prose"


# A table the program keeps in several languages (`{"uz": [...], "ru": [...]}`, or `REGIONS_UZ` beside
# `REGIONS_RU`): its entries are translated UI text, names included (a region picker's `Тошкент`).
TRANSLATED_TABLE = "message catalog"
# Language codes that name a table's language in a variable name (`regions_uz`, `RU_BUTTONS`); `oz` is
# what Uzbek bots call their Cyrillic (o'zbekcha) tables. Not `id`, which ends many names.
TABLE_LANGUAGES = frozenset("uz oz ru en kk ky tg tr az uk be de fr es pt it pl ar fa zh ja ko".split())


# How a module uses a constant another module holds (see english_guard.context): shows it to users, or
# matches it as the callback data of a pressed button.
SHOWN = "shown"
CALLBACK_DATA = "callback data"


def is_callback_token(text: str) -> bool:
    """A callback id: one token without spaces (`dossari12`, `size:S`, `ortga`). It travels in the button
    and back to the bot and is stored in every chat that shows the button, so it is data, never shown."""
    return bool(text.strip()) and not any(ch.isspace() for ch in text)


_TEST_PART = re.compile(r"(?:^|/)(?:tests?|testing)/|(?:^|/)(?:test_[^/]*|[^/]*_tests?|conftest)\.py$")


# What a test module holds: an import of a test framework, a test class, or assertions.
_TEST_CONTENT = re.compile(
    r"^[ \t]*(?:(?:from|import)[ \t]+(?:pytest|_pytest|unittest|hypothesis|nose2?|doctest)\b|@pytest\b"
    r"|class[ \t]+\w*Test\w*[ \t]*[(:]|assert\b)",
    re.MULTILINE,
)
# A test suite's own folder: everything in it (helpers and fakes too) is the suite's.
_SUITE_FOLDER = re.compile(r"(?:^|/)(?:tests|testing)/")


@lru_cache(maxsize=4096)
def is_test_path(path: str) -> bool:
    """A path shaped like a test suite's file (`tests/`, `test/`, `test_*.py`, `*_test.py`, `conftest.py`)."""
    return bool(_TEST_PART.search(path.replace("\\", "/")))


def is_test_module(path: str, text: str) -> bool:
    """A file of a test suite, whose strings are test data rather than the product's UI: a file in a
    `tests/` folder or a `conftest.py`, or a file with another test-shaped path (`test/`, `test_*.py`,
    `*_test.py`) that imports a test framework, holds a test class or asserts. In Uzbek and Russian a
    "test" is a quiz (its plural is not "tests"): a quiz bot's `handlers/test/savollar.py` or
    `test_tuzish.py` holds the bot's own messages."""
    if not is_test_path(path):
        return False
    path = path.replace("\\", "/")
    if _SUITE_FOLDER.search(path) or path.rsplit("/", 1)[-1] == "conftest.py":
        return True
    return bool(_TEST_CONTENT.search(text))


# Data a test suite feeds to the code under test (`tests/data/`, `tests/cases/data/`, `testdata/`): inputs,
# not the team's code, so every comment, docstring and name in them is test data too. (`fixtures/` often
# holds sample projects, which are code; a `test/` folder may be a quiz bot's.)
_TEST_DATA_FOLDER = re.compile(r"(?:^|/)(?:tests|testing)/(?:[^/]+/)*?(?:data|test_?data)/|(?:^|/)testdata/")


@lru_cache(maxsize=4096)
def is_test_data_path(path: str) -> bool:
    return bool(_TEST_DATA_FOLDER.search(path.replace("\\", "/")))


# The context of a user-facing string no flow reached: prose presumed to be for users. `check` reports
# it when it is not English; `extract` wraps it only then (an English one may be anything).
PRESUMED = "prose with no other role"


def final_role(assigned: str | None, text: str, in_tests: bool) -> str:
    """The role of one literal: the role its flow assigned, else its shape decides; tests hold test data."""
    return role_of_shape(assigned, text_shape(text), in_tests)


def role_of_shape(assigned: str | None, shape: str, in_tests: bool) -> str:
    """`final_role` of a literal whose `text_shape` is `shape`."""
    if shape == DATA:
        return DATA
    if assigned is None or assigned == DATA:
        if assigned == DATA:
            return DATA
        assigned = NAME if shape == NAME else USER_FACING
    if assigned != MSGID and in_tests:
        return TEST_DATA
    return assigned


_PLAIN_WORD = re.compile(r"^[^\W\d_]+$")


def is_word_list(texts: list[str]) -> bool:
    """Six or more plain lowercase words in one literal collection: a vocabulary (stop words, suffixes,
    a generator's nouns) that a program matches text against, not names of its own code."""
    return len(texts) >= 6 and all(_PLAIN_WORD.match(t) and t.islower() for t in texts)


_TYPE_NAMES = frozenset({"int", "str", "float", "bool", "bytes", "list", "dict", "set", "tuple", "None", "Any"})
_CODE_STATEMENTS = (
    ast.Assign,
    ast.AugAssign,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Import,
    ast.ImportFrom,
    ast.Return,
    ast.For,
    ast.While,
    ast.If,
    ast.With,
    ast.Try,
    ast.Raise,
)


@lru_cache(maxsize=4096)
def looks_like_code(text: str) -> bool:
    """Python source inside a string (a generated module, a snippet under test): its names are judged
    where that code is a file, its comments are test data; the string is not prose."""
    if len(text) > 20_000 or not any(mark in text for mark in "=():"):
        return False
    text = re.sub(r"\{[^{}]*\}", "x", text)  # an f-string's fields stand for names
    for candidate in (text, text.rstrip() + "\n    pass"):
        try:
            tree = parse_snippet(candidate)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, _CODE_STATEMENTS):
                return True
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.annotation, ast.Name)
                and node.annotation.id in _TYPE_NAMES
            ):
                return True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                return True
        return False
    return False


def judge_kind(role: str, text: str) -> str:
    """How the language detection reads a string: a name (`tbl_zakaz`, a dict key) like an identifier."""
    return "identifier" if role not in (USER_FACING, MSGID) and text_shape(text) == NAME else "string"


# Letters that do not decompose into a base letter and a mark, and apostrophes that slugs drop.
_TRANSLITERATION = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ı": "i",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ʻ": None,
        "ʼ": None,
        "'": None,
        "’": None,
        "‘": None,
        "`": None,
    }
)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLITERATION))
    return re.sub(r"[^a-z0-9]+", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))


def is_slug_pair(first: str, second: str) -> bool:
    """`("Kraków Główny", "krakow-glowny")`: a text and its slug or transliteration are the input and
    output of a text transformation (test data for slugify or a Unicode round trip), not prose."""
    if first == second or not first.strip() or not second.strip():
        return False
    slug_first, slug_second = _slug(first), _slug(second)
    return bool(slug_first) and slug_first == slug_second


def rule_for(role: str) -> str | None:
    return RULE_OF_ROLE.get(role)
