"""The check skips the verdict of a segment whose words all settle as English (english_guard.language.settled):
`settles` answers True only where `judge` is English with no leaning, and a check with the skip reports exactly
what a check without it reports, findings, candidates and the file's language profile alike."""

from __future__ import annotations

import json
import random
import sysconfig
from pathlib import Path

import pytest
from check_helpers import sample_texts

from english_guard import findings
from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.language import settled
from english_guard.language.settled import settles
from english_guard.language.verdict import judge

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KINDS = ("identifier", "comment", "docstring", "string", "prose")


def _texts() -> list[str]:
    """Names, string literals and comment lines of the example, fixture and evaluation files, and texts made
    to sit on the edges: apostrophes, printf placeholders, quotes, Title Case, capitals, names in no lexicon."""
    texts = sample_texts(with_names=True)
    texts += [
        "it's the server's job",
        "don't %(count)skitoblar",
        "don't %skitob",
        'print("ki" "tob") isn\'t it',
        "the user's kitob",
        "Xo'jalik va bog'dorchilik",
        "o`zbek tili",
        "Test Tahlili",
        "ILTIMOS QISQA VA TUSHUNARLI YOZING",
        "zorbix_glorp",
        "isdir and splitext",
        "it's `kitobLar` here",
        "It's Kitob's page",
    ]
    return texts


TEXTS = _texts()


def _random_texts(count: int) -> list[str]:
    """Texts of English, Uzbek and made-up words glued with apostrophes, marks and spaces."""
    rng = random.Random(15)
    words = ["the", "user", "kitob", "don", "t", "s", "zorbix", "Send", "xabar", "getValue", "isdir", "it", "va"]
    glue = [" ", " ", "'", "`", "%s", "%(n)s", "_", ".", "/", '"', "-", "()", "{x}"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 7)):
            parts.append(rng.choice(words))
            parts.append(rng.choice(glue))
        texts.append("".join(parts).strip())
    return texts


def test_the_texts_hold_settled_and_unsettled_ones() -> None:
    answers = {settles(text, kind) for text in TEXTS for kind in KINDS}
    assert answers == {True, False}
    assert len(TEXTS) > 500


@pytest.mark.parametrize("kind", KINDS)
def test_a_settled_text_is_judged_english_with_no_leaning(kind: str) -> None:
    settled_count = 0
    for text in [*TEXTS, *_random_texts(3000)]:
        if settles(text, kind):
            settled_count += 1
            verdict = judge(text, kind)
            assert verdict.english and verdict.leaning == (), (kind, text, verdict)
    assert settled_count > 200


def _one_letter_texts() -> list[str]:
    """Every letter below U+3100 and a sample of the CJK, Hangul and other letters above, alone and among
    digits, signs and spaces, and a few texts of two letters."""
    letters = [chr(code) for code in [*range(0x80, 0x3100), *range(0x3100, 0x30000, 97)] if chr(code).isalpha()]
    texts = []
    for number, letter in enumerate(letters):
        frame = ("{}", "{}1", "({})", "— {} —", "{}:", "№ {}", "{}²", "\t{}\n", "≤ {}")[number % 9]
        texts.append(frame.format(letter))
    return [*texts, "→", "…", "中", "Жк", "ʻo", "µs", "é", "e\u0301", "ß ß", "ÆØ"]


def test_a_string_of_one_letter_at_most_settles_only_where_it_is_english_with_no_leaning() -> None:
    settled_count = 0
    for text in _one_letter_texts():
        if settles(text, "string"):
            settled_count += 1
            verdict = judge(text, "string")
            assert verdict.english and verdict.leaning == (), (text, verdict)
        assert not settles(text, "comment") and not settles(text, "docstring")  # read only as a string
    assert settled_count > 5_000  # all but the CJK ideographs and the texts with `²` (counted as a letter)
    assert not settles("中", "string") and not settles("Жк", "string") and not settles("ÆØ", "string")


def test_edge_texts_are_left_to_the_verdict() -> None:
    # A printf placeholder cuts `kitoblar` out of a run; a comment's code reads its literals joined (`kitob`).
    assert not settles("don't %(count)skitoblar", "string")
    assert not settles('print("ki" "tob") isn\'t it', "comment")
    # A word in no lexicon leans towards any foreign language as a name: not settled.
    assert not settles("zorbix_glorp", "identifier")
    assert not settles("naïve café", "string")
    assert settles("it's the server's job", "docstring")
    assert settles("read_settings", "identifier")


def _results(paths: list[str], skip: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(settled, "ENABLED", skip)
    config = load_config(start=paths[0])
    run = run_check(paths, config, jobs=1, use_cache=False)
    return [
        json.dumps(
            {
                "path": result.path,
                "findings": [finding.to_json() for finding in result.findings],
                "error": result.error.to_json() if result.error else None,
                "candidates": [candidate.to_json() for candidate in result.candidates],
                "facts": result.facts,
            },
            sort_keys=True,
        )
        for result in sorted(run.results, key=lambda r: r.path)
    ]


def _assert_same(paths: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with_skip = _results(paths, True, monkeypatch)
    without = _results(paths, False, monkeypatch)
    assert with_skip == without
    return with_skip


# A Title Case label is English word by word (`Bosh Menu`: both words settle), yet leans through a lexicon word
# when it is user-facing; a shouted sentence is judged again in small letters; an English project's profile
# counts every sentence.
LABELS = (
    "from aiogram import types\n\n\n"
    "async def menu(message: types.Message):\n"
    '    await message.answer("Test Tahlili")\n'
    '    await message.answer("Bosh Menu")\n'
    '    await message.answer("Send the report to the user")\n'
    'WARNING = "ILTIMOS QISQA VA TUSHUNARLI YOZING"\n'
    "# Read the settings file and return the values, it's quick.\n"
)


# A character table (`html.entities`' shape) beside Russian and Uzbek messages, single letters sent to users, and
# one ideograph, which is a word.
CHARACTERS = (
    "from aiogram import types\n\n"
    'LETTERS = {"a": "а", "b": "б", "v": "в", "sh": "ш", "AElig": "Æ", "le": "≤", "han": "中"}\n\n\n'
    "async def alphabet(message: types.Message):\n"
    '    await message.answer("Ж")\n'
    '    await message.answer("№ 5")\n'
    '    await message.answer("Отправьте номер телефона")\n'
    '    await message.answer("Buyurtma qabul qilindi")\n'
)


@pytest.mark.parametrize("source", [LABELS, CHARACTERS], ids=["labels", "a character table"])
def test_the_check_is_the_same_with_and_without_the_skip_on_small_bots(
    source: str, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "bot.py").write_text(source, encoding="utf-8")
    report = json.loads(_assert_same([str(tmp_path)], monkeypatch)[0])
    if source is LABELS:
        assert report["facts"]["languages"]["en"] > 0
    else:  # the ideograph and the two messages, each in its language
        assert [finding["code"] for finding in report["findings"]] == ["EG401"] * 3


def test_the_comparison_fails_when_the_skip_settles_too_much(tmp_path: Path, monkeypatch) -> None:
    """The exactness test can fail: a skip that settles the user-facing labels drops their candidates. (A skip that
    forgot the Title Case label rule alone no longer differs: a capitalised word that a foreign lexicon knows in
    small letters, `Bosh`, leans by itself since capitalised homographs do, so no such label settles.)"""
    (tmp_path / "bot.py").write_text(LABELS, encoding="utf-8")
    careful = _results([str(tmp_path)], True, monkeypatch)
    monkeypatch.setattr(
        findings,
        "_settles",
        lambda segment, kind, allowed, collecting: segment.kind == "string" or settles(segment.text, kind),
    )
    careless = _results([str(tmp_path)], True, monkeypatch)
    assert careful != careless


def test_the_check_is_the_same_with_and_without_the_skip_on_the_examples(monkeypatch) -> None:
    _assert_same([str(ROOT / "examples")], monkeypatch)


@pytest.mark.skipif(not (SHARED / "evalset").is_dir(), reason="the shared evaluation sets are not on this machine")
@pytest.mark.parametrize("name", ["evalset", "evalset-prose"])
def test_the_check_is_the_same_with_and_without_the_skip_on_the_evaluation_sets(name: str, monkeypatch) -> None:
    _assert_same([str(SHARED / name)], monkeypatch)


def test_the_check_is_the_same_with_and_without_the_skip_on_the_standard_library(tmp_path: Path, monkeypatch) -> None:
    """Every 12th module of the running interpreter's standard library, copied so no configuration applies."""
    source = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(
        path
        for path in source.rglob("*.py")
        if not {"test", "tests", "idle_test", "site-packages"} & set(path.relative_to(source).parts)
    )[::12]
    for index, path in enumerate(files):
        (tmp_path / f"m{index}_{path.name}").write_bytes(path.read_bytes())
    assert len(_assert_same([str(tmp_path)], monkeypatch)) == len(files)
