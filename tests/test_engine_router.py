"""The engine registry (`translation/engine_router.py`): one list of engines for every command."""

from __future__ import annotations

import click
import pytest

from english_guard.commands import extract, migrate, translate
from english_guard.translation import engine_router
from english_guard.translation.engine_router import ENGINE_CHOICES, EngineRouter


def _engine_choices(command: click.Command) -> list[str]:
    option = next(p for p in command.params if p.name == "engine")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


@pytest.mark.parametrize(
    ("command", "extra"),
    [(translate.translate, []), (migrate.migrate, []), (extract.extract, ["none"])],
)
def test_every_command_offers_the_registered_engines(command, extra):
    assert _engine_choices(command) == [*ENGINE_CHOICES, *extra]


def test_an_engine_named_in_the_registry_is_routed_and_says_why_it_left_a_text(monkeypatch):
    monkeypatch.setitem(
        engine_router.NAMED_ENGINES, "words", "english_guard.translation.glossary_engine:GlossaryEngine"
    )
    router = EngineRouter("words", models=[])
    engine = router.engine_for("uz")
    assert engine is not None and engine.translate(["foydalanuvchi"], "uz") == ["user"]
    assert router.engine_for("ru") is engine  # made once
    assert router.incomplete_help(engine.name, "uz") == (
        "the glossary could not translate every word of this Uzbek (uz) text; translate it by hand"
    )


def test_a_model_engine_without_a_model_is_none_and_an_unknown_name_is_refused():
    router = EngineRouter("auto", models=[])
    assert router.engine_for("uz") is None
    assert "gave no translation" in router.incomplete_help("argos", "ru")
    with pytest.raises(ValueError, match="unknown engine 'nope'"):
        EngineRouter("nope", models=[])
