"""`[tool.english-guard]` in pyproject.toml: loading, defaults and validation."""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from english_guard.errors import EnglishGuardError
from english_guard.file_types import READERS
from english_guard.rules import RULES

# Every code, and the codes checked unless configured otherwise: both from the rule registry.
ALL_CODES = tuple(sorted(RULES))
DEFAULT_SELECT = tuple(sorted(code for code, rule in RULES.items() if rule.default))


def _tomllib():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


# Calls whose text arguments an end user reads. A pattern matches when it equals a dotted tail of
# the callee: `.answer` and `answer` match `msg.answer(...)`, `click.echo` matches `click.echo(...)`,
# and `models.*Field` is a glob (see `sources.callpatterns`).
DEFAULT_USER_FACING_CALLS = (
    # aiogram / python-telegram-bot replies and sends
    ".answer",
    ".reply",
    ".edit_text",
    ".edit_caption",
    ".send_message",
    ".send_photo",
    ".send_document",
    ".answer_photo",
    ".answer_document",
    ".reply_text",
    ".reply_photo",
    ".edit_message_text",
    ".answer_callback_query",
    ".set_my_description",
    ".set_my_short_description",
    # command line output and prompts
    "click.echo",
    "click.secho",
    "click.confirm",
    "click.prompt",
    "typer.echo",
    "typer.confirm",
    "typer.prompt",
    "input",
    "print",
    "rich.print",
    "console.print",
    # GUI / web messages
    "messages.success",
    "messages.error",
    "messages.info",
    "messages.warning",
    "flash",
    "QMessageBox.information",
    "QMessageBox.warning",
    "QMessageBox.critical",
)
# Keyword arguments whose text an end user reads, whatever the call.
DEFAULT_USER_FACING_KEYWORDS = (
    "text",
    "caption",
    "detail",
    "help",
    "prompt",
    "placeholder",
    "input_field_placeholder",
    "verbose_name",
    "verbose_name_plural",
    "label",
    "help_text",
    "title",
    "description",
    "short_description",
    "confirmation_prompt",
    "error_messages",
)
# Constructors whose first positional argument is a label or message shown to users.
DEFAULT_USER_FACING_CONSTRUCTORS = (
    "KeyboardButton",
    "InlineKeyboardButton",
    "HTTPException",
    "ValidationError",
    "serializers.ValidationError",
    "forms.ValidationError",
    "BotCommand",
    # Django: a model or form field's first positional argument is its verbose name
    "models.*Field",
    "forms.*Field",
    "HttpResponseForbidden",
    "HttpResponseBadRequest",
    "HttpResponseNotFound",
    "PermissionDenied",
    "Http404",
)
DEFAULT_GETTEXT_FUNCTIONS = (
    "_",
    "gettext",
    "ngettext",
    "pgettext",
    "npgettext",
    "lazy_gettext",
    "gettext_lazy",
    "ngettext_lazy",
    "pgettext_lazy",
    "ugettext",
    "ugettext_lazy",
    "lazy_pgettext",
    "__",
    "N_",
    "i18n.gettext",
)


class ConfigError(EnglishGuardError):
    """A configuration problem; the message names the file and the setting."""


MAX_WORDS_FILE_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class Config:
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: list(DEFAULT_SELECT))
    ignore: list[str] = field(default_factory=list)
    allowed_words: list[str] = field(default_factory=list)
    words_file: str | None = None
    min_confidence: float = 0.5
    user_facing_calls: list[str] = field(default_factory=lambda: list(DEFAULT_USER_FACING_CALLS))
    user_facing_keywords: list[str] = field(default_factory=lambda: list(DEFAULT_USER_FACING_KEYWORDS))
    user_facing_constructors: list[str] = field(default_factory=lambda: list(DEFAULT_USER_FACING_CONSTRUCTORS))
    extend_user_facing_calls: list[str] = field(default_factory=list)
    gettext_functions: list[str] = field(default_factory=lambda: list(DEFAULT_GETTEXT_FUNCTIONS))
    locales_dir: str = "locales"
    domain: str = "messages"
    source_lang: str = "und"
    gettext_import: str = ""
    # file name globs -> reader name, on top of the built-in mapping (see sources.registry)
    file_types: dict[str, str] = field(default_factory=dict)
    # path globs (gitignore syntax, relative to the root) -> codes or prefixes not reported in those files
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    cache_dir: str = ".english-guard-cache"
    # Where the configuration came from; the root that relative globs are matched against.
    root: str = "."
    source: str = "defaults"

    def fingerprint(self) -> str:
        """A stable digest of every setting that can change a result (for the cache)."""
        import hashlib
        import json

        data = asdict(self)
        data.pop("source", None)
        data.pop("cache_dir", None)
        words_file = self.words_path()
        if words_file:
            from english_guard.own_files import read_regular_file

            content = read_regular_file(words_file, MAX_WORDS_FILE_BYTES)
            if content is not None:
                data["words_file_digest"] = hashlib.blake2b(content, digest_size=16).hexdigest()
        return hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=16).hexdigest()

    def words_path(self) -> Path | None:
        if not self.words_file:
            return None
        return Path(self.root) / self.words_file

    def all_allowed_words(self) -> frozenset[str]:
        """The project's own allowed words: the inline list plus the words file (one word a line, # comments)."""
        words = {w.strip().lower() for w in self.allowed_words if w.strip()}
        path = self.words_path()
        if path is not None:
            from english_guard.own_files import OwnFileError, read_own_file

            try:  # a FIFO or /dev/zero named as the words file must not hang or fill the memory
                text = read_own_file(path, "words file", MAX_WORDS_FILE_BYTES).decode("utf-8")
            except OwnFileError as exc:
                raise ConfigError(str(exc)) from None
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{path}: the words file is not UTF-8 text: {exc}") from None
            for line in text.splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.update(part.lower() for part in line.split())
        return frozenset(words)

    def codes_enabled(self) -> frozenset[str]:
        return _codes_enabled(tuple(self.select), tuple(self.ignore))

    def ignored_in(self, path: str) -> frozenset[str]:
        """The codes `per-file-ignores` turns off for `path` (absolute or relative to the current folder)."""
        if not self.per_file_ignores:
            return frozenset()
        import pathspec  # only projects that use per-file-ignores pay for it

        try:
            relative = Path(path).resolve().relative_to(Path(self.root).resolve()).as_posix()
        except (ValueError, OSError):
            relative = Path(path).as_posix()
        codes: set[str] = set()
        for pattern, pattern_codes in self.per_file_ignores.items():
            if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(relative):
                codes.update(expand_codes(pattern_codes))
        return frozenset(codes)


@lru_cache(maxsize=64)
def _codes_enabled(select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
    """The codes a selection turns on, expanded once per selection: a check asks for every file it reads."""
    return frozenset(expand_codes(select)) - frozenset(expand_codes(ignore))


def expand_codes(codes: list[str] | tuple[str, ...]) -> list[str]:
    """Expand prefixes as ruff does: `EG` is every code, `EG2` is EG201..., `ALL` is everything."""
    all_codes = ALL_CODES
    out: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        if code == "ALL":
            out.extend(all_codes)
            continue
        matched = [c for c in all_codes if c.startswith(code)]
        if not matched:
            raise ConfigError(f"unknown rule code or prefix {raw!r} (known: {', '.join(all_codes)})")
        out.extend(matched)
    return out


_LIST_KEYS = {f.name for f in fields(Config) if f.type.startswith("list")}
_KEY_ALIASES = {k.replace("_", "-"): k for k in (f.name for f in fields(Config))}


def _coerce(path: Path, table: dict) -> dict:
    """Check the table's keys and types; `extra-words` style dashes and underscores are both accepted."""
    known = {f.name: f for f in fields(Config)}
    result: dict = {}
    for raw_key, value in table.items():
        key = _KEY_ALIASES.get(raw_key, raw_key)
        if key in {"root", "source"} or key not in known:
            allowed = ", ".join(sorted(k.replace("_", "-") for k in known if k not in {"root", "source"}))
            raise ConfigError(f"{path}: unknown setting [tool.english-guard] {raw_key!r}; known settings: {allowed}")
        where = f"{path}: [tool.english-guard] {raw_key}"
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                example = f'["{value}"]' if isinstance(value, str) else '["..."]'
                raise ConfigError(
                    f"{where} must be a list of strings (for example {raw_key} = {example}), not {_toml_type(value)}"
                )
        elif key == "min_confidence":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0.0 <= float(value) <= 1.0:
                raise ConfigError(f"{where} must be a number from 0 to 1, not {value!r}")
            value = float(value)
        elif key == "file_types":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where} must be a table of glob = reader name")
            _check_reader_names(where, value)
        elif key == "per_file_ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
            ):
                raise ConfigError(
                    f"{where} must be a table of glob = list of codes (for example "
                    f'per-file-ignores = {{ "tests/**" = ["EG401"] }})'
                )
            for pattern, codes in value.items():
                try:
                    expand_codes(codes)
                except ConfigError as exc:
                    raise ConfigError(f"{where} {pattern!r}: {exc}") from None
        elif not isinstance(value, str):
            raise ConfigError(f"{where} must be a string, not {_toml_type(value)}")
        if key in {"select", "ignore"}:
            try:
                expand_codes(value)
            except ConfigError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        result[key] = value
    return result


def _toml_type(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _check_reader_names(where: str, file_types: dict[str, str]) -> None:
    known = {*READERS, "off"}
    for pattern, reader in file_types.items():
        if reader not in known:
            raise ConfigError(f"{where} {pattern!r}: unknown reader {reader!r} (known: {', '.join(sorted(known))})")


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.english-guard] table, else the nearest one."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    nearest = None
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            if nearest is None:
                nearest = candidate
            try:
                if b"[tool.english-guard" in candidate.read_bytes():
                    return candidate
            except OSError:
                continue
        if (folder / ".git").exists():
            break
    return nearest


def load_config(explicit: str | Path | None = None, start: str | Path = ".") -> Config:
    """Load the configuration from `explicit` or from the nearest pyproject.toml above `start`."""
    path = Path(explicit) if explicit else find_pyproject(Path(start))
    if path is None:
        return Config(root=str(Path(start).resolve() if Path(start).is_dir() else Path(start).resolve().parent))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from exc
    tomllib = _tomllib()
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the configuration is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml" or "tool" in document:
        table = document.get("tool", {}).get("english-guard", {})
    else:  # a dedicated english-guard.toml holds the settings at its top level
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.english-guard] must be a table")
    values = _coerce(path, table)
    config = Config(**values, root=str(path.resolve().parent), source=str(path))
    # Validate the words file now, so that a missing one fails fast with the file's name.
    config.all_allowed_words()
    return config
