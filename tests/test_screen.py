"""The pre-parse screen (english_guard.screen) is exact: a run that skips the parse of cleared files
reports byte-identical results to a run that parses every file."""

from __future__ import annotations

import json
import os
import sysconfig
from pathlib import Path

import pytest

from english_guard import screen as screening
from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.context import CANDIDATES_DEFERRED, FLOWS, FLOWS_UNREAD, LANGUAGES
from english_guard.screen import decode_escapes, parses, screen_python

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Files of the shapes the screen must get right: each either cleared or sent to the full path, and the
# results the same either way.
FIXTURES = {
    "plain.py": '"""Read the settings file and return the values."""\n\n\ndef read_settings(path):\n'
    "    # Open the file and parse every line.\n    with open(path) as handle:\n"
    "        return [line.strip() for line in handle if line.strip()]\n",
    # Escapes spell a word the text does not show: `kitob` (Uzbek) from hex escapes.
    "escaped.py": 'TITLE = "\\x6b\\x69\\x74\\x6f\\x62"\nNAME = "\\N{LATIN SMALL LETTER K}itob"\n',
    # Two literals joined into one word.
    "joined.py": 'GREETING = ("xush" "kelibsiz")\nOTHER = ("ki"  # a comment between the parts\n    "tob")\n',
    # A printf placeholder cuts a word in the full analysis of a text with an apostrophe.
    "printf.py": 'MESSAGE = "don\'t %(count)skitoblar"\n',
    "apostrophe.py": "# it's the server's job to send the reply\nREPLY = \"the user's kitob\"\n",
    "broken.py": "def read(:\n    # Return the value.\n    return 1\n",
    "nonlocal.py": "nonlocal value\n",
    "directive.py": "value = 1  # noqa: EG101\n",
    # A noqa for another tool, and a text that names the tool: no directive.
    "other_noqa.py": "import os  # noqa: F401\nVALUE = 1  # NOQA: E501\n",
    "mentions_tool.py": '"""Run english-guard check before each commit."""\n',
    "blanket_noqa.py": "import os  # noqa\n",
    "skip_file.py": "VALUE = 1\n# english-guard: skip-file\n",
    "unicode.py": '# Return the value of the first field\nLABEL = "Foydalanuvchi ma\u2019lumotlari"\n',
    "uzbek_names.py": "def foydalanuvchini_olish(raqam):\n    return raqam\n",
    "continued.py": 'TEXT = "ki\\\ntob"\n',
    "raw.py": 'PATTERN = r"\\nkitob"\nTEXT = "\\nkitob"\n',
    "empty.py": "",
    # Words in no lexicon: no finding of its own, candidates that lean towards any foreign language.
    "unknown_words.py": "def zorbix_glorp(blarg):\n    return blarg\n",
    # Contractions between spaces: `aren` (a word of other lexicons) is no word of the text alone.
    "contraction.py": 'def total(values):\n    """Add the values that aren\'t empty; they aren\'t sorted."""\n'
    "    return sum(value for value in values if value)\n",
    # An apostrophe between letters that is a literal's quote (beside a keyword or a string prefix), or where
    # a protected span (camelCase, a dotted name, a URL, a dotted name across two joined literals) ends.
    "quote_keyword.py": "VALUE = 'x kitob'if flag else 'x daftar'if other else None\n",
    "quote_prefix.py": "VALUE = (\" \" f'kitob x' \" \" f'daftar x')\n",
    "camel_cut.py": "# getValue'kitob getValue'daftar\nVALUE = 1\n",
    "dotted_cut.py": "# x.data'kitob x.data'daftar\nVALUE = 1\n",
    "url_cut.py": "# http://x?a=1&bar'kitob http://x?a=1&bar'daftar\nVALUE = 1\n",
    "joined_cut.py": 'VALUE = ("x." "data\'kitob x.data\'daftar")\n',
    "after_cut.py": "# kitob'x.y daftar'x.y\nVALUE = 1\n",
    # A name (foreign by its ending as an identifier only) that also stands beside an apostrophe: it counts.
    "name_cut.py": "Concatenar = 1\n# x Concatenar'zz\n",
}

# A project written in Uzbek: its profile lets words in no lexicon count as Uzbek.
UZBEK_FILE = (
    "# Foydalanuvchi ma'lumotlarini bazadan olish va saqlash\n"
    "def foydalanuvchini_olish(raqam):\n"
    '    """Foydalanuvchini raqami bo\'yicha qaytaradi."""\n'
    "    natija = baza.topish(raqam)\n"
    "    return natija\n"
)


_READ_WHEN_NEEDED = (CANDIDATES_DEFERRED, FLOWS_UNREAD, FLOWS)


def _results(paths: list[str], skip_parse: bool) -> list[str]:
    config = load_config(start=paths[0])
    saved = screening.SKIP_PARSE
    screening.SKIP_PARSE = skip_parse
    try:
        run = run_check(paths, config, jobs=1, use_cache=False)
    finally:
        screening.SKIP_PARSE = saved
    return [
        json.dumps(
            {
                "path": result.path,
                "findings": [finding.to_json() for finding in result.findings],
                "error": result.error.to_json() if result.error else None,
                "unused": [finding.to_json() for finding in result.unused_directives],
                # A deferred file's candidates are read only where the project could make them findings
                # (english_guard.context.candidates_needed): its findings above are what they decide.
                "candidates": None
                if result.facts.get(CANDIDATES_DEFERRED)
                else [candidate.to_json() for candidate in result.candidates],
                # A cleared file's flows are read only where some module holds a constant it names
                # (context.flows_needed): the findings above are what they decide.
                "facts": {name: value for name, value in result.facts.items() if name not in _READ_WHEN_NEEDED},
            },
            sort_keys=True,
        )
        for result in sorted(run.results, key=lambda r: r.path)
    ]


def _assert_exact(paths: list[str]) -> list[str]:
    screened = _results(paths, skip_parse=True)
    parsed = _results(paths, skip_parse=False)
    assert len(screened) == len(parsed)
    for with_screen, without in zip(screened, parsed, strict=True):
        if json.loads(with_screen)["candidates"] is None:
            with_screen, without = (json.loads(line) for line in (with_screen, without))
            with_screen.pop("candidates")
            without.pop("candidates")
        assert with_screen == without
    return screened


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    for name, text in FIXTURES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_fixture_is_cleared_or_sent_to_the_full_path(fixture_tree: Path) -> None:
    cleared = {name for name, text in FIXTURES.items() if screen_python(text).clean}
    assert cleared == {
        "plain.py",
        "broken.py",
        "nonlocal.py",
        "empty.py",
        "contraction.py",
        "other_noqa.py",
        "mentions_tool.py",
    }
    deferred = {name for name, text in FIXTURES.items() if screen_python(text).deferred}
    assert deferred == {"unknown_words.py"}
    assert not parses(FIXTURES["broken.py"], "broken.py")
    assert not parses(FIXTURES["nonlocal.py"], "nonlocal.py")  # symtable is stricter than ast.parse
    assert parses(FIXTURES["plain.py"], "plain.py")


# Fixtures whose foreign words only a cut at an apostrophe between letters shows (`_can_cut`, `_prose_only`).
CUT_AT_AN_APOSTROPHE = (
    "after_cut.py",
    "name_cut.py",
    "quote_keyword.py",
    "quote_prefix.py",
    "camel_cut.py",
    "dotted_cut.py",
    "url_cut.py",
    "joined_cut.py",
)


@pytest.mark.parametrize("name", CUT_AT_AN_APOSTROPHE)
def test_a_word_an_apostrophe_may_cut_off_takes_the_full_path(name: str, tmp_path: Path) -> None:
    """The full path reads a foreign word there, so the screen may neither clear the file nor defer it
    (in an English project a deferred file is not read again)."""
    cleared = screen_python(FIXTURES[name])
    assert not cleared.clean and not cleared.deferred
    (tmp_path / name).write_text(FIXTURES[name], encoding="utf-8")
    results = [json.loads(line) for line in _assert_exact([str(tmp_path)])]
    assert results[0]["findings"] or results[0]["candidates"]


def test_the_screen_is_exact_on_the_fixtures(fixture_tree: Path) -> None:
    results = [json.loads(line) for line in _assert_exact([str(fixture_tree)])]
    by_name = {Path(result["path"]).name: result for result in results}
    # The full path still reports what only it can: EG900, findings hidden behind escapes and joins.
    assert by_name["broken.py"]["error"] is not None
    assert by_name["escaped.py"]["findings"] or by_name["escaped.py"]["candidates"]
    assert by_name["uzbek_names.py"]["findings"]
    assert by_name["plain.py"]["findings"] == [] and by_name["plain.py"]["error"] is None


def test_a_cleared_file_weighs_its_words_in_the_profile(fixture_tree: Path) -> None:
    text = FIXTURES["plain.py"]
    cleared = screen_python(text)
    assert cleared.clean and cleared.words > 10
    for skip_parse in (True, False):
        results = [json.loads(line) for line in _results([str(fixture_tree / "plain.py")], skip_parse)]
        assert results[0]["facts"] == {LANGUAGES: {"en": screening.english_weight(cleared)}}


def test_deferred_candidates_are_read_where_the_project_needs_them(tmp_path: Path, monkeypatch) -> None:
    """In an English project a file of words in no lexicon has nothing to report and is not parsed; in an
    Uzbek project its words count as Uzbek, so the run reads it in full, also when its result was cached
    while the project was English."""
    (tmp_path / "unknown_words.py").write_text(FIXTURES["unknown_words.py"], encoding="utf-8")
    (tmp_path / "plain.py").write_text(FIXTURES["plain.py"], encoding="utf-8")
    english = [json.loads(line) for line in _assert_exact([str(tmp_path)])]
    assert all(result["findings"] == [] for result in english)
    monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    config = load_config(start=str(tmp_path))
    first = run_check([str(tmp_path)], config, jobs=1)  # fills the cache with the deferred result
    assert [r.facts.get(CANDIDATES_DEFERRED) for r in first.results] == [None, True]
    (tmp_path / "uzbek.py").write_text(UZBEK_FILE, encoding="utf-8")
    uzbek = {Path(r["path"]).name: r for r in map(json.loads, _assert_exact([str(tmp_path)]))}
    assert {f["text"] for f in uzbek["unknown_words.py"]["findings"]} == {"zorbix_glorp", "blarg"}
    cached = run_check([str(tmp_path)], config, jobs=1)
    by_name = {Path(r.path).name: r for r in cached.results}
    assert {f.text for f in by_name["unknown_words.py"].findings} == {"zorbix_glorp", "blarg"}
    assert CANDIDATES_DEFERRED not in by_name["unknown_words.py"].facts


def test_escapes_are_decoded_as_a_literal_reads_them() -> None:
    assert decode_escapes('"\\x6b\\151t\\u006fb\\\nx"') == '"kitobx"'
    assert decode_escapes("\\N{LATIN SMALL LETTER A}\\t\\\\n") == "a\t\\n"


def test_the_screen_is_exact_on_the_example_project() -> None:
    _assert_exact([str(ROOT / "examples")])


@pytest.mark.skipif(not (SHARED / "evalset").is_dir(), reason="the shared evaluation sets are not on this machine")
@pytest.mark.parametrize("name", ["evalset", "evalset-prose"])
def test_the_screen_is_exact_on_the_evaluation_sets(name: str) -> None:
    _assert_exact([str(SHARED / name)])


def test_the_screen_is_exact_on_a_sample_of_the_standard_library(tmp_path: Path) -> None:
    """Every 12th module of the running interpreter's standard library (bounded: about 60 files), copied
    so that no project configuration around it applies."""
    source = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(
        path
        for path in source.rglob("*.py")
        if not {"test", "tests", "idle_test", "site-packages"} & set(path.relative_to(source).parts)
    )[::12]
    for index, path in enumerate(files):
        (tmp_path / f"m{index}_{path.name}").write_bytes(path.read_bytes())
    results = _assert_exact([str(tmp_path)])
    assert len(results) == len(files)
    cleared = sum(screen_python(path.read_text(encoding="utf-8", errors="replace")).clean for path in files)
    assert cleared > 0, "the sample should contain files the screen clears"


def test_the_switch_reads_the_environment() -> None:
    assert screening.SKIP_PARSE == (os.environ.get("ENGLISH_GUARD_SCREEN", "on") != "off")


DJANGO = Path("/work/bench/django")
CORPUS = Path("/work/corpus")


@pytest.mark.skipif(not DJANGO.is_dir(), reason="the Django source is not on this machine")
def test_the_screen_is_exact_on_a_sample_of_django(tmp_path: Path) -> None:
    """Every 40th Python file of Django (about 70, tests included), copied so that no configuration applies;
    the whole tree is compared by benchmarks/bench_check.py and was compared by hand (docs/check.md)."""
    files = sorted(DJANGO.rglob("*.py"))[::40]
    for index, path in enumerate(files):
        (tmp_path / f"d{index}_{path.name}").write_bytes(path.read_bytes())
    results = _assert_exact([str(tmp_path)])
    assert len(results) == len(files)
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in files]
    assert any(screen_python(text).deferred for text in texts), "the sample should hold deferred files"


# Small trees of the real-world benchmark, in Uzbek, Russian, Ukrainian and English: projects whose profile
# makes the run read deferred files in full, and projects where it does not.
CORPUS_TREES = [
    "kingOf0+PythonTutorial",
    "jupyterhub+zero-to-jupyterhub-k8s",
    "vladyslavbezruk+Tilo.Me-Massage-Bot",
    "anvarnarz+mukammal-bot-paid",
]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real-world corpus is not on this machine")
@pytest.mark.parametrize("name", CORPUS_TREES)
def test_the_screen_is_exact_on_small_real_world_trees(name: str) -> None:
    tree = CORPUS / name
    if not tree.is_dir():
        pytest.skip(f"{name} is not in the corpus")
    _assert_exact([str(tree)])


def test_a_names_parts_are_split_identifiers_words_and_its_camel_parts() -> None:
    """The screen reads a name's words from one `findall` and the underscores (`_name_parts`): the same set as
    `split_identifier`'s words with every camelCase part, on every name of this package and odd shapes."""
    import re

    from english_guard.language.tokens import CAMEL_PARTS, split_identifier

    package = Path(screening.__file__).parent
    names = {name for path in package.rglob("*.py") for name in re.findall(r"\w+", path.read_text(), re.ASCII)}
    names |= {"utf8_decode", "getHTTPResponse", "HTTP2Server", "x_y1", "ab12cd_ef", "Utf8", "k8s_x", "__init__", "_"}
    for name in names:
        assert screening._name_parts(name) == set(split_identifier(name)) | set(CAMEL_PARTS.findall(name)), name


def test_a_name_is_decided_from_its_parts_as_before() -> None:
    """`name_word` keeps each part's level (`part_word`): a name's level is its worst part's, and a one-word
    name English shares with another language (`fin`) leans; a part decided once gives the same level again."""
    settled = screening._Settled(frozenset())
    for name in ("read_file", "readFile", "fin", "_fin", "HTTPServer", "kitob_olish", "olish", "isdir"):
        first = settled.name_word(name)
        assert settled.name_word(name) == first, name
    assert settled.name_word("read_file") == screening.SETTLES
    assert settled.name_word("kitob_olish") == screening.EVIDENCE
    assert settled.name_word("fin") == screening.UNKNOWN
