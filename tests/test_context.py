"""The project-level step: a file's and project's language profile decide weak evidence.

Fixtures under tests/fixtures/context are small projects written for these tests: an Uzbek shop whose
customer model has the weak Uzbek field `yosh` ("age"), and the same model in an English project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.context import LANGUAGES, build_context, resolve
from english_guard.language import judge
from english_guard.language.profile import blended_shares
from english_guard.language.profile import resolve as resolve_leaning
from english_guard.records import Candidate, FileResult, Finding

FIXTURES = Path(__file__).parent / "fixtures" / "context"


def _project(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    return root


def _check(root: Path, monkeypatch, paths=(".",), use_cache=False, jobs=1, cache_dir=None):
    monkeypatch.chdir(root)
    if cache_dir is not None:
        monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(cache_dir))
    return run_check(list(paths), load_config(None, start="."), jobs=jobs, use_cache=use_cache)


def _found(run) -> set[tuple[str, str, str]]:
    return {(Path(f.path).name, f.text, f.language) for f in run.findings if f.kind == "identifier"}


def test_a_weak_word_is_decided_by_the_project_profile(tmp_path, monkeypatch):
    """`yosh` alone is no evidence (also a rare English word); in an Uzbek project it is Uzbek."""
    assert judge("yosh", "identifier").english
    run = _check(_project(tmp_path, "uzbek_project"), monkeypatch)
    assert ("mijoz.py", "yosh", "uz") in _found(run)


def test_the_same_word_in_an_english_project_stays_english(tmp_path, monkeypatch):
    run = _check(_project(tmp_path, "english_project"), monkeypatch)
    assert run.findings == []


def test_a_file_given_alone_leans_on_its_own_profile_only(tmp_path, monkeypatch):
    """Checked alone, the customer model has no Uzbek evidence of its own: the weak word stays English.
    Given with the Uzbek module (as pre-commit gives the changed files), the two make the profile."""
    root = _project(tmp_path, "uzbek_project")
    assert _found(_check(root, monkeypatch, ["app/mijoz.py"])) == set()
    both = _check(root, monkeypatch, ["app/mijoz.py", "app/buyurtmalar.py"])
    assert ("mijoz.py", "yosh", "uz") in _found(both)


def test_cached_results_are_resolved_again_with_the_current_project(tmp_path, monkeypatch):
    """The resolution runs over cached results on every run: the profile is never stale. The Uzbek module
    removed, the weak word in the (cached, unchanged) model is English again."""
    root = _project(tmp_path, "uzbek_project")
    cache = tmp_path / "cache"
    first = _check(root, monkeypatch, use_cache=True, cache_dir=cache)
    assert ("mijoz.py", "yosh", "uz") in _found(first)
    again = _check(root, monkeypatch, use_cache=True, cache_dir=cache)
    assert _found(again) == _found(first)
    (root / "app" / "buyurtmalar.py").unlink()
    assert _found(_check(root, monkeypatch, use_cache=True, cache_dir=cache)) == set()


def test_parallel_and_serial_runs_agree(tmp_path, monkeypatch):
    root = _project(tmp_path, "uzbek_project")
    for index in range(30):  # enough files for the process pool
        (root / "app" / f"plain_{index}.py").write_text(f"def handler_{index}(request):\n    return request\n")
    serial = _check(root, monkeypatch, jobs=1)
    parallel = _check(root, monkeypatch, jobs=2)
    assert sorted(f.to_json().items() for f in serial.findings) == sorted(
        f.to_json().items() for f in parallel.findings
    )
    assert ("mijoz.py", "yosh", "uz") in _found(parallel)


def test_a_suppression_comment_covers_a_candidate(tmp_path, monkeypatch):
    root = _project(tmp_path, "uzbek_project")
    model = root / "app" / "mijoz.py"
    model.write_text(model.read_text().replace("yosh: int", "yosh: int  # english-guard: ignore[EG101]"))
    run = _check(root, monkeypatch)
    assert _found(run) == set()
    assert not any(r.candidates for r in run.results if r.path.endswith("mijoz.py"))


def _candidate(leaning) -> Candidate:
    finding = Finding("x.py", 1, 1, 1, 5, "EG101", "identifier", "variable", "word", "en", 1.0, "")
    return Candidate(finding, tuple(leaning))


@pytest.mark.parametrize(
    "profile,expected",
    [
        ({"uz": 10.0, "en": 10.0}, "uz"),  # an Uzbek-writing project: the weak word counts
        ({"en": 200.0, "uz": 0.5}, None),  # an English project with one stray finding: it does not
        ({}, None),  # no evidence at all: code is English
    ],
)
def test_prior_odds_times_likelihood(profile, expected):
    shares = blended_shares({}, profile)
    decided = resolve_leaning((("uz", 1.6),), shares)
    assert (decided[0] if decided else None) == expected


def test_unknown_words_count_only_towards_a_language_the_profile_shows():
    leaning = (("*", 0.9),)
    assert resolve_leaning(leaning, blended_shares({}, {"ru": 30.0, "en": 10.0}))[0] == "ru"
    assert resolve_leaning(leaning, blended_shares({}, {"ru": 1.0, "en": 60.0})) is None


def test_the_context_gathers_every_files_facts():
    results = [
        FileResult("a.py", facts={LANGUAGES: {"uz": 2.0}, "other": [1]}),
        FileResult("b.py", facts={LANGUAGES: {"uz": 1.0, "en": 3.0}}),
    ]
    context = build_context(results)
    assert context.built[LANGUAGES] == {"uz": 3.0, "en": 3.0}
    assert context.facts["other"] == [("a.py", [1])]
    results[1].candidates.append(_candidate([("uz", 1.6)]))
    resolve(results, 0.5)
    assert [(f.language, f.message) for f in results[1].findings] == [
        ("uz", "identifier 'word' is not English (Uzbek)")
    ]


# Test data written for the tests below: a Unicode round trip with Russian and Japanese words, as English
# libraries test their encodings, and an Uzbek shop's test that asserts its own texts.
_UNICODE_FIXTURE_TEST = '''"""Round trips of text through the codec."""


def test_round_trip_of_non_ascii_text():
    for text in ("пароль и логин", "こんにちは世界", "Grüße aus Köln"):
        assert text.encode("utf-8").decode("utf-8") == text
'''
_UZBEK_SHOP_TEST = '''"""Buyurtma matnlari testi."""
from app.buyurtmalar import create_order


def test_order_text():
    order = create_order("Ali", ["non"])
    assert order["customer"] == "Ali"
    assert describe(order) == "Buyurtma qabul qilindi, rahmat"
'''


def test_foreign_test_data_in_an_english_project_is_not_reported(tmp_path, monkeypatch):
    root = _project(tmp_path, "english_project")
    (root / "tests").mkdir()
    (root / "tests" / "test_codec.py").write_text(_UNICODE_FIXTURE_TEST, encoding="utf-8")
    run = _check(root, monkeypatch)
    assert run.findings == []
    # The same strings in the product's code are reported: only test data is left to the project's profile.
    (root / "app" / "greetings.py").write_text('PROMPT = "пароль и логин"\n', encoding="utf-8")
    assert ("app/greetings.py", "пароль и логин") in {(f.path, f.text) for f in _check(root, monkeypatch).findings}


def test_test_data_in_the_projects_own_language_is_reported(tmp_path, monkeypatch):
    root = _project(tmp_path, "uzbek_project")
    (root / "tests").mkdir()
    (root / "tests" / "test_orders.py").write_text(_UZBEK_SHOP_TEST, encoding="utf-8")
    run = _check(root, monkeypatch)
    found = [(f.code, f.text, f.language) for f in run.findings if f.path.startswith("tests/")]
    assert ("EG402", "Buyurtma qabul qilindi, rahmat", "uz") in found


def test_one_foreign_word_counts_towards_every_foreign_language_of_the_profile():
    """A lone foreign word leans to its own language wherever the project writes any foreign language."""
    leaning = (("pt", 3.0), ("es", 3.0), ("+", 3.0))
    assert resolve_leaning(leaning, blended_shares({}, {"fr": 4.0, "ru": 2.0, "en": 10.0})) is not None
    assert resolve_leaning(leaning, blended_shares({}, {"fr": 4.0, "ru": 2.0, "en": 10.0}))[0] == "pt"
    assert resolve_leaning(leaning, blended_shares({}, {"en": 300.0})) is None
    assert resolve_leaning(leaning, blended_shares({}, {})) is None


_LONE_WORDS = '''"""Deliver orders to customers."""

REDIRECT_XABAR = "redirect"


# Send the xabar to the customer once the order is paid, and keep a copy
def notify(customer, order):
    return {"customer": customer, "order": order}
'''


def test_one_foreign_word_among_english_ones_is_decided_by_the_project(tmp_path, monkeypatch):
    """`xabar` (Uzbek "message") alone in an English comment or name: in an English project it reads as a
    name or jargon (English controls have `REDIRECT_STATI`, "ping us on gitter"); in a project that writes
    Uzbek it is Uzbek. The file's own verdict stays sure, so the project decides, not the file alone."""
    assert not judge("Send the xabar to the customer once the order is paid, and keep a copy", "comment").english
    assert not judge("REDIRECT_XABAR", "identifier").english
    english = _project(tmp_path, "english_project")
    (english / "app" / "delivery.py").write_text(_LONE_WORDS, encoding="utf-8")
    assert _check(english, monkeypatch).findings == []
    uzbek = _project(tmp_path, "uzbek_project")
    (uzbek / "app" / "delivery.py").write_text(_LONE_WORDS, encoding="utf-8")
    found = {(f.code, f.line, f.language) for f in _check(uzbek, monkeypatch).findings if f.path == "app/delivery.py"}
    assert found == {("EG101", 3, "uz"), ("EG201", 6, "uz")}


def test_a_letter_glued_to_an_english_word_is_decided_by_the_project(tmp_path, monkeypatch):
    """`xatom` is x + atom in an IMAP client and "my mistake" in an Uzbek bot."""
    assert judge("xatom", "identifier").english
    source = "def check(answer):\n    xatom = answer.strip()\n    return xatom\n"
    english = _project(tmp_path, "english_project")
    (english / "app" / "imap.py").write_text(source, encoding="utf-8")
    assert _check(english, monkeypatch).findings == []
    uzbek = _project(tmp_path, "uzbek_project")
    (uzbek / "app" / "tekshir.py").write_text(source, encoding="utf-8")
    assert ("tekshir.py", "xatom", "uz") in _found(_check(uzbek, monkeypatch))


def test_files_a_test_suite_feeds_to_the_code_are_test_data(tmp_path, monkeypatch):
    """tests/data/ and testdata/ hold inputs (a formatter's cases, a parser's samples):
    their docstrings, comments and names are test data that the project's profile decides."""
    case = '"""Bonjour, ça va? Hola, ¿cómo estás? Привет, как дела?"""\n蟒 = 1\n# Guten Tag, wie geht es Ihnen heute\n'
    english = _project(tmp_path, "english_project")
    (english / "tests" / "data" / "cases").mkdir(parents=True)
    (english / "tests" / "data" / "cases" / "greetings.py").write_text(case, encoding="utf-8")
    assert _check(english, monkeypatch).findings == []
    # The same file in the product's code is reported.
    (english / "app" / "greetings.py").write_text(case, encoding="utf-8")
    assert "app/greetings.py" in {f.path for f in _check(english, monkeypatch).findings}
    uzbek = _project(tmp_path, "uzbek_project")
    (uzbek / "tests" / "data").mkdir(parents=True)
    (uzbek / "tests" / "data" / "buyurtma.py").write_text(
        "# Buyurtma namunasi: mijoz ismi va mahsulotlar ro'yxati\nORDER = {}\n", encoding="utf-8"
    )
    found = [(f.path, f.code, f.language) for f in _check(uzbek, monkeypatch).findings]
    assert ("tests/data/buyurtma.py", "EG201", "uz") in found


# One-word names of three to five letters (`fin`, `nom`, `amal`) that English writes too: a word of the project's
# language in a French, Spanish or Uzbek project (fixtures in tests/fixtures/context/one_word), a name in an
# English one.
@pytest.mark.parametrize(
    ("project", "expected"),
    [
        ("french", {("inscription.py", "nom", "fr"), ("inscription.py", "fin", "fr")}),
        ("spanish", {("reservas.py", "fin", "es")}),
        ("uzbek", {("hisob.py", "amal", "uz"), ("hisob.py", "nom", "uz")}),
    ],
)
def test_a_one_word_name_is_the_projects_word(tmp_path, monkeypatch, project, expected):
    assert judge("fin", "identifier").english and judge("nom", "identifier").english
    found = _found(_check(_project(tmp_path, f"one_word/{project}"), monkeypatch))
    assert expected <= found


def test_the_same_one_word_names_in_an_english_project_stay_english(tmp_path, monkeypatch):
    run = _check(_project(tmp_path, "one_word/english"), monkeypatch)
    assert run.findings == []


def test_only_a_name_of_one_word_leans_so():
    """`fin` alone leans towards French and Spanish; `fin_date` is two words, `FIN` an acronym, `son` and `fan`
    too common in English, `temp` code vocabulary: no leaning from this rule."""
    assert {language for language, _ratio in judge("fin", "identifier").leaning} >= {"~fr", "~es"}
    assert ("~uz", 1.6) in judge("nom", "identifier").leaning
    for name in ("fin_date", "FIN", "son", "fan", "temp"):
        assert not any(language.startswith("~") for language, _ratio in judge(name, "identifier").leaning), name
