"""`[tool.english-guard]` in pyproject.toml: loading, defaults and validation."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ALL_CODES = ("EG101", "EG102", "EG103", "EG201", "EG301", "EG401", "EG501", "EG900")

# Calls whose text arguments an end user reads. A pattern matches when it equals a dotted tail of
# the callee: `.answer` and `answer` match `msg.answer(...)`, `click.echo` matches `click.echo(...)`,
# and `models.*Field` is a glob (see `sources.callpatterns`).
DEFAULT_USER_FACING_CALLS = (
    # aiogram / python-telegram-bot replies and sends
    ".answer", ".reply", ".edit_text", ".edit_caption", ".send_message", ".send_photo",
    ".send_document", ".answer_photo", ".answer_document", ".reply_text", ".reply_photo",
    ".edit_message_text", ".answer_callback_query", ".set_my_description", ".set_my_short_description",
    # command line output and prompts
    "click.echo", "click.secho", "click.confirm", "click.prompt", "typer.echo", "typer.confirm",
    "typer.prompt", "input", "print", "rich.print", "console.print",
    # GUI / web messages
    "messages.success", "messages.error", "messages.info", "messages.warning", "flash",
    "QMessageBox.information", "QMessageBox.warning", "QMessageBox.critical",
)
# Keyword arguments whose text an end user reads, whatever the call.
DEFAULT_USER_FACING_KEYWORDS = (
    "text", "caption", "detail", "help", "prompt", "placeholder", "input_field_placeholder",
    "verbose_name", "verbose_name_plural", "label", "help_text", "title", "description",
    "short_description", "confirmation_prompt", "error_messages",
)
# Constructors whose first positional argument is a label or message shown to users.
DEFAULT_USER_FACING_CONSTRUCTORS = (
    "KeyboardButton", "InlineKeyboardButton", "HTTPException", "ValidationError",
    "serializers.ValidationError", "forms.ValidationError", "BotCommand",
    # Django: a model or form field's first positional argument is its verbose name
    "models.*Field", "forms.*Field",
    "HttpResponseForbidden", "HttpResponseBadRequest", "HttpResponseNotFound", "PermissionDenied", "Http404",
)
DEFAULT_GETTEXT_FUNCTIONS = (
    "_", "gettext", "ngettext", "pgettext", "npgettext", "lazy_gettext", "gettext_lazy",
    "ngettext_lazy", "pgettext_lazy", "ugettext", "ugettext_lazy", "lazy_pgettext", "__", "N_", "i18n.gettext",
)


class ConfigError(Exception):
    """A configuration problem; the message names the file and the setting."""


@dataclass(slots=True)
class Config:
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: list(ALL_CODES))
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
    cache_dir: str = ".english-guard-cache"
    # Where the configuration came from; the root that relative globs are matched against.
    root: str = "."
    source: str = "defaults"

    def fingerprint(self) -> str:
        """A stable digest of every setting that can change a result (for the cache)."""
        data = asdict(self)
        data.pop("source", None)
        data.pop("cache_dir", None)
        words_file = self.words_path()
        if words_file and words_file.is_file():
            data["words_file_digest"] = hashlib.blake2b(words_file.read_bytes(), digest_size=16).hexdigest()
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
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read the words file: {exc.strerror or exc}") from exc
            for line in text.splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.update(part.lower() for part in line.split())
        return frozenset(words)

    def codes_enabled(self) -> frozenset[str]:
        return frozenset(expand_codes(self.select)) - frozenset(expand_codes(self.ignore))


def expand_codes(codes: list[str] | tuple[str, ...]) -> list[str]:
    """Expand prefixes as ruff does: `EG` is every code, `EG2` is EG201..., `ALL` is everything."""
    out: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        if code == "ALL":
            out.extend(ALL_CODES)
            continue
        matched = [c for c in ALL_CODES if c.startswith(code)]
        if not matched:
            raise ConfigError(f"unknown rule code or prefix {raw!r} (known: {', '.join(ALL_CODES)})")
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
        if key in _LIST_KEYS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: [tool.english-guard] {raw_key} must be a list of strings")
        elif key == "min_confidence":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0.0 <= float(value) <= 1.0:
                raise ConfigError(f"{path}: [tool.english-guard] min-confidence must be a number from 0 to 1")
            value = float(value)
        elif key == "file_types":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{path}: [tool.english-guard] file-types must be a table of glob = reader name")
        elif not isinstance(value, str):
            raise ConfigError(f"{path}: [tool.english-guard] {raw_key} must be a string")
        result[key] = value
    return result


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
    # Validate rule codes and the words file now, so that a typo fails fast with the file's name.
    try:
        config.codes_enabled()
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    config.all_allowed_words()
    return config
