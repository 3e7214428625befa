"""Installed translation models: where they live, what they translate, and whether they are usable.

Two kinds of model folder are understood:

* an Argos Translate package (`metadata.json`, a CTranslate2 model in `model/`, `sentencepiece.model`),
  installed by english-guard or by argostranslate/argospm in their own package directory;
* a multilingual CTranslate2 model with NLLB-200 or M2M-100 language tokens (`model.bin`, a vocabulary,
  a SentencePiece model), installed by english-guard, which writes a small `metadata.json` beside it.

Reading a folder never imports ctranslate2: only the files are checked, so `models list` stays quick.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from english_guard.errors import EnglishGuardError

MULTILINGUAL_TYPE = "english-guard-multilingual"
SOURCE_OWN = "english-guard"
SOURCE_ARGOS = "argos-translate"
_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_VOCABULARY_FILES = (
    "shared_vocabulary.json",
    "shared_vocabulary.txt",
    "source_vocabulary.json",
    "source_vocabulary.txt",
)


class PackageError(EnglishGuardError):
    """A model package that cannot be installed or used; the message says why and where."""


@dataclass(frozen=True)
class InstalledModel:
    """One usable model folder."""

    path: Path
    kind: str  # "argos" or "multilingual"
    from_codes: tuple[str, ...]
    to_code: str
    version: str
    source: str  # english-guard or argos-translate
    # argos: the model folder and tokenizer; multilingual: the model folder is `path` itself
    model_dir: Path = field(default=Path())
    tokenizer: Path = field(default=Path())
    family: str = ""  # multilingual: "nllb" or "m2m100"
    target_prefix: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def translates(self, code: str) -> bool:
        return code in self.from_codes and self.to_code == "en"


@dataclass(frozen=True)
class BrokenModel:
    """A folder in a package directory that is not a usable model (listed, never used)."""

    path: Path
    source: str
    problem: str


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def models_dir() -> Path:
    """english-guard's own model folder: $ENGLISH_GUARD_MODELS_DIR or ~/.local/share/english-guard/models."""
    configured = os.environ.get("ENGLISH_GUARD_MODELS_DIR")
    return Path(configured).expanduser() if configured else _data_home() / "english-guard" / "models"


def argos_packages_dir() -> Path:
    """Where argostranslate installs packages, found the way argostranslate's settings find it."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    settings = config_home / "argos-translate" / "settings.json"
    from english_guard.own_files import OwnFileError, load_json_document

    try:
        value = load_json_document(settings, "Argos settings", MAX_METADATA_BYTES, MAX_METADATA_NESTING)
        value = value.get("ARGOS_PACKAGES_DIR") if isinstance(value, dict) else None
        if isinstance(value, str) and value:
            return Path(value).expanduser()
    except OwnFileError:
        pass
    return _data_home() / "argos-translate" / "packages"


def package_dirs() -> list[tuple[Path, str]]:
    """Every folder searched for models, english-guard's own first."""
    own = models_dir()
    dirs = [(own, SOURCE_OWN)]
    argos = argos_packages_dir()
    if argos.resolve() != own.resolve():
        dirs.append((argos, SOURCE_ARGOS))
    return dirs


MAX_METADATA_BYTES = 1024 * 1024  # real metadata.json files are a few hundred bytes
MAX_METADATA_NESTING = 10
MAX_VOCABULARY_BYTES = 64 * 1024 * 1024
# metadata.json keys english-guard reads, with the JSON types they must have (others are ignored).
_METADATA_TYPES: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "from_code": (str,),
    "to_code": (str,),
    "from_codes": (list,),
    "package_version": (str, int, float),
    "target_prefix": (str,),
    "family": (str,),
    "languages": (list,),
    "tokenizer": (str,),
    "from_name": (str,),
    "to_name": (str,),
    "argos_version": (str,),
}
_MAX_LIST = 1000


def _load_metadata(folder: Path) -> dict:
    """metadata.json read within limits (size, nesting) and checked against the types english-guard uses."""
    from english_guard.own_files import OwnFileError, load_json_document

    path = folder / "metadata.json"
    if not path.is_file():
        raise PackageError(f"{folder}: no metadata.json (not an Argos Translate package)")
    try:
        data = load_json_document(path, "metadata.json", MAX_METADATA_BYTES, MAX_METADATA_NESTING)
    except OwnFileError as exc:
        raise PackageError(str(exc)) from None
    if not isinstance(data, dict):
        raise PackageError(f"{path}: metadata.json must hold a JSON object")
    for key, types in _METADATA_TYPES.items():
        if key in data and (not isinstance(data[key], types) or isinstance(data[key], bool)):
            names = " or ".join(
                {str: "a string", list: "a list", int: "a number", float: "a number"}[t] for t in dict.fromkeys(types)
            )
            raise PackageError(f"{path}: {key!r} must be {names}, got {type(data[key]).__name__}")
    for key in ("from_codes", "languages"):
        value = data.get(key, [])
        if len(value) > _MAX_LIST or not all(isinstance(item, str) and len(item) < 64 for item in value):
            raise PackageError(f"{path}: {key!r} must be a list of at most {_MAX_LIST} language codes")
    return data


def _code(path: Path, data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not _CODE.match(value):
        raise PackageError(f'{path / "metadata.json"}: {key!r} must be a language code such as "ru", got {value!r}')
    return value


def _check_ctranslate2_folder(folder: Path, label: Path) -> None:
    if not (folder / "model.bin").is_file():
        raise PackageError(f"{label}: the CTranslate2 model is missing ({folder.name}/model.bin not found)")
    config = folder / "config.json"
    if config.exists():
        from english_guard.own_files import OwnFileError, load_json_document

        try:
            load_json_document(config, "model configuration", MAX_METADATA_BYTES * 16)
        except OwnFileError as exc:
            raise PackageError(f"{label}: {exc}") from None


def read_argos_package(folder: Path, source: str = SOURCE_OWN) -> InstalledModel:
    """Validate an unpacked Argos package folder and describe it."""
    data = _load_metadata(folder)
    kind = data.get("type", "translate")
    if kind != "translate":
        raise PackageError(f'{folder}: package type {kind!r} is not a translation model (type must be "translate")')
    from_code = _code(folder, data, "from_code")
    to_code = _code(folder, data, "to_code")
    _check_ctranslate2_folder(folder / "model", folder)
    tokenizer = folder / "sentencepiece.model"
    if not tokenizer.is_file():
        if (folder / "bpe.model").is_file():
            raise PackageError(
                f"{folder}: this older package uses a BPE tokenizer (bpe.model); english-guard runs "
                "SentencePiece packages only - install a newer version of the package"
            )
        raise PackageError(f"{folder}: sentencepiece.model is missing")
    from_codes = [from_code] + [c for c in data.get("from_codes", []) if isinstance(c, str) and c != from_code]
    prefix = data.get("target_prefix", "")
    return InstalledModel(
        path=folder,
        kind="argos",
        from_codes=tuple(from_codes),
        to_code=to_code,
        version=str(data.get("package_version", "")),
        source=source,
        model_dir=folder / "model",
        tokenizer=tokenizer,
        target_prefix=prefix if isinstance(prefix, str) else "",
    )


def read_vocabulary(folder: Path) -> list[str]:
    """The source vocabulary of a CTranslate2 model folder (JSON list or one token a line)."""
    for name in _VOCABULARY_FILES:
        path = folder / name
        if path.is_file():
            from english_guard.own_files import OwnFileError, load_json_document, read_own_file

            try:
                if name.endswith(".json"):
                    tokens = load_json_document(path, "vocabulary", MAX_VOCABULARY_BYTES, 2)
                    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                        raise PackageError(f"{path}: the vocabulary must be a JSON list of strings")
                    return tokens
                return read_own_file(path, "vocabulary", MAX_VOCABULARY_BYTES).decode("utf-8").splitlines()
            except OwnFileError as exc:
                raise PackageError(str(exc)) from None
            except UnicodeDecodeError as exc:
                raise PackageError(f"{path}: the vocabulary is not UTF-8 text: {exc}") from None
    raise PackageError(f"{folder}: no vocabulary file ({', '.join(_VOCABULARY_FILES)})")


def describe_multilingual(folder: Path) -> dict:
    """Work out the metadata of a raw multilingual CTranslate2 folder from its vocabulary."""
    from english_guard.translation.languages import NLLB_CODES, m2m_token

    _check_ctranslate2_folder(folder, folder)
    vocabulary = set(read_vocabulary(folder))
    tokenizers = sorted(p.name for p in folder.glob("*.model") if p.is_file())
    if not tokenizers:
        raise PackageError(f"{folder}: no SentencePiece model (*.model) beside model.bin")
    if NLLB_CODES["en"] in vocabulary:
        family = "nllb"
        languages = [code for code, token in NLLB_CODES.items() if token in vocabulary and code != "en"]
    elif m2m_token("en") in vocabulary:
        family = "m2m100"
        languages = sorted(t[2:-2] for t in vocabulary if re.fullmatch(r"__[a-z]{2,3}__", t) and t != "__en__")
    else:
        raise PackageError(
            f"{folder}: not a multilingual model: its vocabulary has no English language token "
            "(eng_Latn for NLLB-200, __en__ for M2M-100)"
        )
    if not languages:
        raise PackageError(f"{folder}: the vocabulary names no source language english-guard knows")
    return {
        "type": MULTILINGUAL_TYPE,
        "family": family,
        "languages": languages,
        "to_code": "en",
        "tokenizer": tokenizers[0],
        "package_version": "1",
    }


def read_multilingual(folder: Path, data: dict, source: str = SOURCE_OWN) -> InstalledModel:
    family = data.get("family")
    if family not in ("nllb", "m2m100"):
        raise PackageError(f'{folder / "metadata.json"}: family must be "nllb" or "m2m100", got {family!r}')
    languages = data.get("languages")
    if not isinstance(languages, list) or not all(isinstance(c, str) and _CODE.match(c) for c in languages):
        raise PackageError(f"{folder / 'metadata.json'}: languages must be a list of language codes")
    tokenizer = folder / str(data.get("tokenizer", ""))
    if not tokenizer.is_file() or tokenizer.parent != folder:
        raise PackageError(f"{folder}: the tokenizer {data.get('tokenizer')!r} named in metadata.json is missing")
    _check_ctranslate2_folder(folder, folder)
    return InstalledModel(
        path=folder,
        kind="multilingual",
        from_codes=tuple(languages),
        to_code="en",
        version=str(data.get("package_version", "")),
        source=source,
        model_dir=folder,
        tokenizer=tokenizer,
        family=family,
    )


def read_model(folder: Path, source: str = SOURCE_OWN) -> InstalledModel:
    """Describe any installed model folder, or raise PackageError saying what is wrong with it."""
    data = _load_metadata(folder)
    if data.get("type") == MULTILINGUAL_TYPE:
        return read_multilingual(folder, data, source)
    return read_argos_package(folder, source)


def scan() -> tuple[list[InstalledModel], list[BrokenModel]]:
    """All installed models and the folders that look like packages but cannot be used."""
    models: list[InstalledModel] = []
    broken: list[BrokenModel] = []
    for directory, source in package_dirs():
        try:
            entries = sorted(directory.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            broken.append(BrokenModel(directory, source, f"cannot read the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            # Hidden entries are installs in progress or leftovers of an interrupted one.
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            try:
                models.append(read_model(entry, source))
            except PackageError as exc:
                broken.append(BrokenModel(entry, source, str(exc)))
            except (OSError, ValueError, TypeError, RecursionError) as exc:  # never fatal: listed as broken
                broken.append(BrokenModel(entry, source, f"{entry}: unreadable package ({type(exc).__name__}: {exc})"))
    return models, broken
