"""Choosing the engine for a language: `--engine auto|argos|multilingual|glossary`.

`auto` uses an installed Argos package for the language when there is one, else a multilingual
(NLLB-200/M2M-100) model that covers it. An engine of `NAMED_ENGINES` (the glossary, which translates word
for word) is used only when asked for by name. With no engine for a language, `missing_help` says how to
get one. This module is the one list of engines: the commands' `--engine` choices are `ENGINE_CHOICES`.
"""

from __future__ import annotations

import importlib

from english_guard.translation.engine_protocol import Engine
from english_guard.translation.packages import InstalledModel, scan

# `--engine` choices served by installed models, and the kinds of model each one uses, in order.
MODEL_CHOICES = {"auto": ("argos", "multilingual"), "argos": ("argos",), "multilingual": ("multilingual",)}
# Engines chosen by name: `--engine NAME` -> "module:Class", imported when first used. Adding an engine is
# its module (an `engine_protocol.Engine`) and one line here.
NAMED_ENGINES = {
    "glossary": "english_guard.translation.glossary_engine:GlossaryEngine",
}
ENGINE_CHOICES = (*MODEL_CHOICES, *NAMED_ENGINES)

# The source languages the Argos package index translates into English (measured; Uzbek is not there).
ARGOS_INDEX_LANGUAGES = frozenset(
    "ar az bg bn ca cs da de el eo es et eu fa fi fr ga gl he hi hu id it ja ko ky lt lv ms nb nl pl pt ro "
    "ru sk sl sq sv th tl tr uk ur zh zt".split()
)


class EngineRouter:
    def __init__(self, choice: str = "auto", models: list[InstalledModel] | None = None) -> None:
        if choice not in MODEL_CHOICES and choice not in NAMED_ENGINES:
            raise ValueError(f"unknown engine {choice!r}; choose one of {', '.join(ENGINE_CHOICES)}")
        self.choice = choice
        # Broken packages are skipped, never fatal; the caller reports each one once.
        self.models, self.broken = scan() if models is None else (models, [])
        self._engines: dict[str, Engine] = {}

    def _model_engine(self, model: InstalledModel) -> Engine:
        key = str(model.path)
        if key not in self._engines:
            from english_guard.translation.neural import ArgosEngine, MultilingualEngine

            self._engines[key] = ArgosEngine(model) if model.kind == "argos" else MultilingualEngine(model)
        return self._engines[key]

    def engine_for(self, language: str) -> Engine | None:
        if self.choice in NAMED_ENGINES:
            if self.choice not in self._engines:
                module, _colon, name = NAMED_ENGINES[self.choice].partition(":")
                self._engines[self.choice] = getattr(importlib.import_module(module), name)()
            return self._engines[self.choice]
        for kind in MODEL_CHOICES[self.choice]:
            for model in self.models:
                if model.kind == kind and model.translates(language):
                    return self._model_engine(model)
        return None

    def incomplete_help(self, engine_name: str, language: str) -> str:
        """Why an engine that exists gave no translation for part of a text (an engine may word it itself in
        a `why_incomplete` template)."""
        from english_guard.translation.languages import describe

        engine = next((engine for engine in self._engines.values() if engine.name == engine_name), None)
        template = getattr(engine, "why_incomplete", None)
        if isinstance(template, str):
            return template.format(language=describe(language))
        return (
            f"the {engine_name} engine gave no translation for part of this {describe(language)} text; "
            "translate it by hand"
        )

    def missing_help(self, language: str) -> str:
        """How to get a model for `language`, for the report."""
        from english_guard.translation.languages import describe

        lang = describe(language)
        if language == "und":
            return "the language could not be identified; translate it by hand"
        how = []
        if language in ARGOS_INDEX_LANGUAGES and self.choice in ("auto", "argos"):
            how.append(
                f"`english-guard models install {language}` (online, with argostranslate installed) or "
                f"`english-guard models install translate-{language}_en.argosmodel` (a downloaded file)"
            )
        if self.choice in ("auto", "multilingual"):
            how.append("`english-guard models install DIR` with an NLLB-200 or M2M-100 CTranslate2 model folder")
        if not how:
            how.append("use `--engine auto` or `--engine multilingual` with an NLLB-200 model")
        kind = "" if self.choice == "auto" else f"{self.choice} "
        return f"no {kind}translation model for {lang}: install one with " + ", or ".join(how)
