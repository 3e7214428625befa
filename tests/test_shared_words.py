"""Words English shares with another language (`persona`, `valor`, `alter`): English in an English project,
that language's words in a project written in it.

They are common English words, so they used to settle as English at once. Now they are a third kind of
evidence (verdict "shared"): it counts for the language only where the file's and the project's profile
show that language, and the pre-parse screen defers a file with such words like one with words no lexicon
knows (read in full only where the project's profile is foreign). The small projects are written by the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_profile_naming import _languages as _findings
from test_profile_naming import _write

from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.language import judge
from english_guard.language.lexicon import CommonWords, derived_data, lookup
from english_guard.language.profile import resolve, shares
from english_guard.language.words import SHARED, classify_word
from english_guard.screen import screen_python

# The identifiers of the tests: each is only words English shares with Spanish, German or Portuguese.
SHARED_NAMES = """\
def buscar(persona, valor):
    return persona


def alter(edad):
    return edad
"""

SPANISH_MODULE = """\
# Calcula el total de la factura con los impuestos incluidos
def calcular_factura(cliente, productos):
    \"\"\"Devuelve el importe que el cliente debe pagar por sus productos.\"\"\"
    print("El cliente no tiene productos en la factura")
    return sum(producto.precio for producto in productos)


# Guarda los datos del usuario en la base de datos
def guardar_usuario(usuario):
    print("No se pudo guardar el usuario")
    return usuario
"""

ENGLISH_MODULE = """\
# Compute the total of the invoice with the taxes included
def compute_invoice(customer, products):
    \"\"\"Return the amount the customer has to pay for the products.\"\"\"
    print("The customer has no products on the invoice")
    return sum(product.price for product in products)
"""


def test_a_shared_word_is_its_own_verdict() -> None:
    word = classify_word("persona", frozenset(), identifier=True)
    assert word.verdict == SHARED
    assert word.languages[0][0] == "es"
    # English words other languages write about as often are plain English: `data`, `total`, `base`.
    for english in ("data", "total", "base", "model", "test"):
        assert classify_word(english, frozenset(), identifier=True).verdict in ("english", "code"), english


def test_the_shared_words_are_derived_from_the_lexicon() -> None:
    """lexicon_derived.json lists exactly the words the rule calls shared (tools/build_lexicon_derived.py)."""
    listed = set(derived_data()["shared"])
    assert {"persona", "valor", "alter", "cargo", "forma"} <= listed
    assert all(lookup(word).shared_with(word) for word in listed)
    assert not {"data", "total", "name", "file", "case"} & listed
    # Frequent enough in French, but names of three or more standard-library modules use them: code vocabulary.
    assert lookup("font").shares_frequency("font") and not lookup("font").shared_with("font")
    assert not {"alias", "font", "suite", "plus"} & listed


def test_common_words_answer_the_same_before_and_after_loading() -> None:
    asked, loaded = CommonWords(), CommonWords()
    loaded.load()
    for word in ("persona", "valor", "alter", "house", "data", "para"):
        assert (word in asked) == (word in loaded), word
    assert "persona" not in loaded and "house" in loaded


def test_a_shared_word_leans_only_through_the_profile() -> None:
    verdict = judge("persona", "identifier")
    assert verdict.english
    assert dict(verdict.leaning)["~es"] > 0
    assert "es" not in dict(verdict.leaning)  # no plain ratio: nothing counts without the profile
    spanish = shares({"es": 20.0, "en": 5.0})
    english = shares({"en": 50.0, "es": 1.0})  # an English project with one Spanish string
    assert resolve(verdict.leaning, spanish) is not None
    assert resolve(verdict.leaning, english) is None


def test_english_text_with_a_shared_word_stays_english() -> None:
    verdict = judge("Describe the persona of the user before the alter step", "comment")
    assert verdict.english
    assert not verdict.leaning


def test_shared_words_are_found_in_a_spanish_project(tmp_path: Path, monkeypatch) -> None:
    root = _write(tmp_path, {"facturas.py": SPANISH_MODULE, "buscar.py": SHARED_NAMES})
    found = _findings(root, monkeypatch)
    assert found.get("persona") == "es"
    assert found.get("valor") in ("es", "pt")


def test_shared_words_are_english_in_an_english_project(tmp_path: Path, monkeypatch) -> None:
    root = _write(tmp_path, {"invoices.py": ENGLISH_MODULE, "search.py": SHARED_NAMES})
    found = _findings(root, monkeypatch)
    assert not {"persona", "valor", "alter"} & set(found)


ENGLISH_AND_SHARED = "def search(persona, valor):\n    return persona\n"


def test_the_screen_defers_a_file_of_shared_words() -> None:
    screened = screen_python(ENGLISH_AND_SHARED)
    assert not screened.clean and screened.deferred
    # Comments read as prose runs too.
    screened = screen_python("# keep the persona of the user\nvalue = 1\n")
    assert not screened.clean and screened.deferred


@pytest.mark.parametrize("other", [SPANISH_MODULE, ENGLISH_MODULE])
def test_the_screen_is_exact_with_shared_words(tmp_path: Path, monkeypatch, other: str) -> None:
    """A check that skips the parse of deferred files finds what a check that parses every file finds."""
    from english_guard import screen as screening

    root = _write(tmp_path, {"other.py": other, "names.py": ENGLISH_AND_SHARED})
    monkeypatch.chdir(root)
    results = []
    for skip in (True, False):
        monkeypatch.setattr(screening, "SKIP_PARSE", skip)
        run = run_check(["."], load_config(None, start="."), jobs=1, use_cache=False)
        results.append(json.dumps([f.to_json() for f in run.findings], sort_keys=True))
    assert results[0] == results[1]
    assert ("persona" in results[0]) == (other == SPANISH_MODULE)


@pytest.mark.parametrize("kind", ["comment", "string", "identifier"])
def test_a_text_of_a_shared_word_does_not_settle(kind: str) -> None:
    """The check skips the verdict of texts that settle as English (language/settled.py): a shared word may
    lean, so its text takes the verdict."""
    from english_guard.language.settled import settles

    assert judge("persona", kind).leaning
    assert not settles("persona", kind)
