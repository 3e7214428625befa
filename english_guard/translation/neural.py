"""Neural engines run with CTranslate2 and SentencePiece directly: no argostranslate, no stanza, no torch.

`ArgosEngine` runs one Argos Translate package (one source language into English).
`MultilingualEngine` runs an NLLB-200 or M2M-100 CTranslate2 model, whose language tokens select the
source language and force English as the target (so Uzbek, missing from the Argos index, is covered).
Models are loaded on first use and kept for the rest of the run.
"""

from __future__ import annotations

from english_guard.translation.engine_protocol import EngineError
from english_guard.translation.packages import InstalledModel

BEAM_SIZE = 4
MAX_BATCH = 32


def _runtime():
    try:
        import ctranslate2
        import sentencepiece
    except ImportError as exc:
        raise EngineError(
            "the neural translation engines need the translate extra: pip install 'english-guard[translate]'"
        ) from exc
    return ctranslate2, sentencepiece


class _Loaded:
    """A CTranslate2 translator and its SentencePiece processor, loaded once."""

    def __init__(self, model: InstalledModel) -> None:
        ctranslate2, sentencepiece = _runtime()
        try:
            self.translator = ctranslate2.Translator(str(model.model_dir), device="cpu", compute_type="auto")
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError for unreadable models
            raise EngineError(f"{model.path}: cannot load the CTranslate2 model: {exc}") from exc
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model.tokenizer))
        except Exception as exc:
            raise EngineError(
                f"{model.path}: cannot load the SentencePiece model {model.tokenizer.name}: {exc}"
            ) from exc


class _CTranslate2Engine:
    def __init__(self, model: InstalledModel) -> None:
        self.model = model
        self.name = f"{model.kind}:{model.name}@{model.version}" if model.version else f"{model.kind}:{model.name}"
        self._loaded: _Loaded | None = None

    def load(self) -> _Loaded:
        if self._loaded is None:
            self._loaded = _Loaded(self.model)
        return self._loaded

    def _encode(self, loaded: _Loaded, sentence: str, source_lang: str) -> list[str]:
        return loaded.tokenizer.encode(sentence, out_type=str)

    def _target_prefix(self, source_lang: str) -> list[str] | None:
        return None

    def translate(self, sentences: list[str], source_lang: str) -> list[str | None]:
        if not sentences:
            return []
        loaded = self.load()
        tokens = [self._encode(loaded, s, source_lang) for s in sentences]
        prefix = self._target_prefix(source_lang)
        # Batches of similar length: each batch's decoding limit follows its own longest input.
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        hypotheses: list[list[str]] = [[] for _ in tokens]
        for start in range(0, len(order), MAX_BATCH):
            chosen = order[start : start + MAX_BATCH]
            batch = [tokens[i] for i in chosen]
            longest = max(len(t) for t in batch)
            results = loaded.translator.translate_batch(
                batch,
                target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=BEAM_SIZE,
                replace_unknowns=True,
                # A translation is rarely much longer than its source; this bounds a model that rambles.
                max_decoding_length=min(512, 2 * longest + 8),
            )
            for i, result in zip(chosen, results, strict=True):
                hypotheses[i] = list(result.hypotheses[0])
        out: list[str | None] = []
        for pieces in hypotheses:
            if prefix and pieces[: len(prefix)] == prefix:
                pieces = pieces[len(prefix) :]
            text = loaded.tokenizer.decode_pieces(pieces).replace("\u2581", " ").strip()
            out.append(text or None)
        return out


class ArgosEngine(_CTranslate2Engine):
    def _target_prefix(self, source_lang: str) -> list[str] | None:
        return [self.model.target_prefix] if self.model.target_prefix else None


class MultilingualEngine(_CTranslate2Engine):
    def _token(self, code: str) -> str:
        from english_guard.translation.languages import NLLB_CODES, m2m_token

        return NLLB_CODES[code] if self.model.family == "nllb" else m2m_token(code)

    def _encode(self, loaded: _Loaded, sentence: str, source_lang: str) -> list[str]:
        if source_lang == "uz" and self.model.family == "nllb" and any("\u0400" <= c <= "\u04ff" for c in sentence):
            from english_guard.translation.languages import uzbek_to_latin

            sentence = uzbek_to_latin(sentence)  # NLLB-200 learned Uzbek in Latin script only
        return [self._token(source_lang), *loaded.tokenizer.encode(sentence, out_type=str), "</s>"]

    def _target_prefix(self, source_lang: str) -> list[str] | None:
        return [self._token("en")]
