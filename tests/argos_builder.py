"""Build tiny but valid translation packages for tests and benchmarks.

No model can be downloaded here, so the tests make their own: a SentencePiece model trained on a few
lines, a one-layer CTranslate2 Transformer with small random weights (seeded, so its nonsense output
is deterministic), the vocabulary registered, `metadata.json`, all zipped as an `.argosmodel`.
`build_multilingual_model` makes an NLLB-style model folder (language tokens in the vocabulary).
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np

# A few lines in the languages the tests use; the SentencePiece model only needs to cover their characters.
TRAINING_LINES = [
    "Функция возвращает список пользователей и их заказы.",
    "Проверяем, что файл существует, прежде чем открыть его.",
    "Получить данные из базы и сохранить результат в кэше.",
    "Foydalanuvchi uchun analytics hisoblash va natijani qaytarish.",
    "Bu funksiya ro'yxatni tartiblaydi va takrorlarni olib tashlaydi.",
    "Die Funktion berechnet die Summe aller Bestellungen des Kunden.",
    "La fonction renvoie la liste des utilisateurs actifs.",
    "The function returns the list of users and their orders.",
    "Check that the file exists before opening it.",
    "Compute analytics for the user and return the result.",
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'\"()[]{}<>-_=+*/%#@&",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ўқғҳ ЎҚҒҲ",
    "äöüß éèêàçù ÄÖÜ ÉÈ oʻ gʻ",
]

SPECIAL_TOKENS = ["<blank>", "<unk>", "<s>", "</s>"]

# The decoder may only emit these words (as whole SentencePiece pieces), so the nonsense it writes is
# made of English words: a second `translate` run then finds nothing left to translate.
OUTPUT_WORDS = ["the", "user", "list", "function", "returns", "result", "file", "data", "check", "order", "value"]
TRAINING_LINES += [" ".join(OUTPUT_WORDS)] * 12


def train_sentencepiece(vocab_size: int = 300, lines: list[str] | None = None) -> bytes:
    """Train a small SentencePiece model and return its serialized bytes."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter((lines or TRAINING_LINES) * 4),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    return model.getvalue()


def _vocabulary(sp_bytes: bytes, extra_tokens: list[str]) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary = list(SPECIAL_TOKENS)
    vocabulary += [p for p in pieces if p not in vocabulary]
    vocabulary += [t for t in extra_tokens if t not in vocabulary]
    return vocabulary


def _fill_weights(spec, vocabulary_size: int, d_model: int, ffn: int, seed: int, allowed: list[int]) -> None:
    """Give every required variable of a TransformerSpec small random values of the right shape."""
    from ctranslate2.specs import model_spec

    rng = np.random.default_rng(seed)

    def random(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.5).astype(np.float32)

    def fill(layer, name: str, value) -> None:
        if value is not None:
            return
        leaf = name.rsplit("/", 1)[-1]
        kind = type(layer).__name__
        if kind == "LayerNormSpec":
            setattr(layer, leaf, np.ones(d_model, np.float32) if leaf == "gamma" else np.zeros(d_model, np.float32))
        elif kind == "EmbeddingsSpec":
            layer.weight = random(vocabulary_size, d_model)
        elif kind == "LinearSpec":
            layer.weight = random(*_linear_shape(name, vocabulary_size, d_model, ffn))
            if name.endswith("projection/weight"):
                # Emit only the allowed pieces and never end early: every output is max_decoding_length long.
                bias = np.full(vocabulary_size, -1e4, np.float32)
                bias[allowed] = 0.0
                layer.bias = bias
        else:  # pragma: no cover - a spec layout this builder does not know
            raise RuntimeError(f"cannot fill {kind} variable {name}")

    model_spec.visit_spec(spec, fill)


def _linear_shape(name: str, vocabulary_size: int, d_model: int, ffn: int) -> tuple[int, int]:
    if "projection" in name:
        return vocabulary_size, d_model
    if "/ffn/" in name:
        return (ffn, d_model) if "linear_0" in name else (d_model, ffn)
    if "self_attention/linear_0" in name:
        return 3 * d_model, d_model
    if "/attention/linear_1" in name:  # cross-attention: fused keys and values
        return 2 * d_model, d_model
    return d_model, d_model


def build_ctranslate2_model(
    output_dir: Path, vocabulary: list[str], *, seed: int = 7, d_model: int = 16, heads: int = 2, ffn: int = 32
) -> Path:
    """Save a one-layer Transformer with a shared vocabulary to `output_dir`."""
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(1, heads)
    allowed = [vocabulary.index(f"\u2581{word}") for word in OUTPUT_WORDS if f"\u2581{word}" in vocabulary]
    if len(allowed) < 5:  # pragma: no cover - the training lines make these whole-word pieces
        raise RuntimeError("the SentencePiece model did not learn the output words as pieces")
    _fill_weights(spec, len(vocabulary), d_model, ffn, seed, allowed)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize()
    output_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(output_dir))
    return output_dir


def argos_metadata(from_code: str, to_code: str = "en", **extra) -> dict:
    metadata = {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": {"ru": "Russian", "uz": "Uzbek", "de": "German"}.get(from_code, from_code),
        "to_code": to_code,
        "to_name": "English",
        "type": "translate",
    }
    metadata.update(extra)
    return metadata


def build_package_folder(folder: Path, from_code: str = "ru", *, seed: int = 7, metadata: dict | None = None) -> Path:
    """Write an unzipped Argos package (metadata.json, model/, sentencepiece.model) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    sp_bytes = train_sentencepiece()
    (folder / "sentencepiece.model").write_bytes(sp_bytes)
    build_ctranslate2_model(folder / "model", _vocabulary(sp_bytes, []), seed=seed)
    data = metadata if metadata is not None else argos_metadata(from_code)
    (folder / "metadata.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    (folder / "README.md").write_text("A tiny test package with random weights.\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path, archive: Path, top: str | None = None) -> Path:
    """Zip `folder` into `archive` with every entry under one top-level directory, as Argos packages are."""
    top = top or folder.name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir():
                zf.writestr(f"{top}/{relative}/", b"")
            else:
                zf.write(path, f"{top}/{relative}")
    return archive


def build_argos_package(directory: Path, from_code: str = "ru", *, seed: int = 7) -> Path:
    """Build `translate-<from>_en-0_1.argosmodel` in `directory` and return its path."""
    name = f"translate-{from_code}_en-0_1"
    work = directory / f"{name}.build"
    build_package_folder(work, from_code, seed=seed)
    archive = zip_folder(work, directory / f"{name}.argosmodel", top=name)
    shutil.rmtree(work)
    return archive


NLLB_LANGUAGE_TOKENS = ["eng_Latn", "uzn_Latn", "rus_Cyrl", "deu_Latn", "fra_Latn"]


def build_multilingual_model(folder: Path, *, seed: int = 11, language_tokens: list[str] | None = None) -> Path:
    """An NLLB-style CTranslate2 model folder: model.bin, vocabulary with language tokens, sentencepiece.bpe.model."""
    folder.mkdir(parents=True, exist_ok=True)
    sp_bytes = train_sentencepiece()
    (folder / "sentencepiece.bpe.model").write_bytes(sp_bytes)
    vocabulary = _vocabulary(sp_bytes, language_tokens or NLLB_LANGUAGE_TOKENS)
    staging = folder / ".ct2"
    build_ctranslate2_model(staging, vocabulary, seed=seed)
    for item in staging.iterdir():
        item.replace(folder / item.name)
    staging.rmdir()
    return folder
