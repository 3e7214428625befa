"""What a rename must never do: shadow a builtin, use a keyword, or rename what the project does not own."""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import keyword
import re
import sys
from functools import lru_cache
from pathlib import Path

from english_guard.fixes.rename.index import Group, SymbolIndex

BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))
KEYWORDS = frozenset(keyword.kwlist) | frozenset(getattr(keyword, "softkwlist", ()))

# English alternatives for the builtins and keywords a translation most often lands on.
ALTERNATIVES = {
    "list": "items",
    "type": "kind",
    "return": "give_back",
    "id": "identifier",
    "input": "user_input",
    "filter": "filter_by",
    "format": "fmt",
    "sum": "total",
    "max": "maximum",
    "min": "minimum",
    "len": "length",
    "open": "open_file",
    "dict": "mapping",
    "str": "text",
    "hash": "digest",
    "object": "obj",
    "set": "collection",
    "print": "show",
    "next": "next_item",
    "range": "span",
    "map": "mapping",
    "all": "everything",
    "any": "some",
    "iter": "iterate",
    "vars": "variables",
    "dir": "directory",
    "help": "help_text",
    "exit": "quit_app",
    "quit": "quit_app",
    "property": "prop",
    "class": "klass",
    "import": "import_",
    "from": "source",
    "global": "global_",
    "pass": "skip",
    "break": "stop",
    "continue": "proceed",
    "del": "remove",
    "in": "inside",
    "is": "is_",
    "not": "negate",
    "and": "both",
    "or": "either",
    "if": "condition",
    "else": "otherwise",
    "for": "for_",
    "while": "during",
    "with": "with_",
    "as": "as_",
    "def": "define",
    "lambda": "func",
    "try": "attempt",
    "raise": "throw",
    "yield": "produce",
    "await": "wait_for",
    "async": "async_",
    "match": "matching",
    "case": "case_",
    "compile": "build",
    "round": "round_off",
    "slice": "part",
    "tuple": "pair",
    "bytes": "data",
    "float": "number",
    "int": "number",
    "bool": "flag",
    "zip": "pair_up",
    "sorted": "in_order",
}

_IDENTIFIER = re.compile(r"^[^\W\d]\w*$")

# Attributes of the builtin types. Members are renamed by name (`obj.x` cannot be tied to one class),
# so a member called `append` cannot be renamed without renaming `some_list.append` too.
BUILTIN_TYPE_ATTRIBUTES = frozenset(
    name
    for kind in (
        object,
        type,
        list,
        dict,
        set,
        frozenset,
        tuple,
        str,
        bytes,
        bytearray,
        int,
        float,
        complex,
        bool,
        BaseException,
        memoryview,
        range,
        slice,
    )
    for name in dir(kind)
)


def target_problem(new_name: str) -> str | None:
    """Why `new_name` cannot be a target at all (not an identifier, a keyword, a builtin), or None."""
    if not new_name or not _IDENTIFIER.match(new_name) or not new_name.isidentifier():
        return f"{new_name!r} is not a valid Python identifier"
    if new_name in KEYWORDS:
        return f"{new_name!r} is a Python keyword"
    if new_name in BUILTIN_NAMES:
        return f"{new_name!r} would shadow the builtin {new_name}()"
    if new_name.startswith("__") and new_name.endswith("__"):
        return f"{new_name!r} is a dunder name reserved for Python's protocols"
    return None


def alternative_for(new_name: str) -> str:
    """A safe English alternative for a builtin or keyword target (PEP 8's trailing underscore at worst)."""
    return ALTERNATIVES.get(new_name, f"{new_name}_")


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


@lru_cache(maxsize=4096)
def external_defines(dotted: str, name: str) -> bool | None:
    """Does the outside class `dotted` (e.g. json.JSONEncoder) define `name`? None when it cannot be told.

    Only the standard library is imported (it is safe to import); other packages are looked at as
    source text, never executed.
    """
    parts = dotted.split(".")
    top = parts[0]
    if top in sys.stdlib_module_names or top == "builtins":
        for split in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:split]))
            except Exception:
                continue
            try:
                for attr in parts[split:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                return None
            return hasattr(obj, name)
        return None
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return None
    # a library that is installed: any definition of the name in its package counts
    origin = Path(spec.origin)
    pattern = re.compile(
        rf"(?:def|class)\s+{re.escape(name)}\b|^\s*{re.escape(name)}\s*[:=]"
        rf"|self\.{re.escape(name)}\s*=",
        re.MULTILINE,
    )
    files = sorted(origin.parent.rglob("*.py"))[:2000] if origin.name == "__init__.py" else [origin]
    for path in files:
        try:
            if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                return True
        except OSError:
            continue
    return False


def outside_owner(index: SymbolIndex, group: Group) -> str | None:
    """If the symbol belongs to something outside the project, a sentence saying what; else None."""
    if is_dunder(group.name):
        return f"{group.name} is a dunder: Python (not the project) defines what it means"
    member = group.name
    if group.is_method_parameter:
        member = next((n[2:].split("\t")[0] for n in group.nodes if n.startswith("p:")), "")
        if is_dunder(member):
            return None  # a parameter of __init__ & co. is the project's own
    elif not group.is_member:
        return None
    owner_type = (
        next(
            (kind.__name__ for kind in (list, dict, str, set, bytes, int, float, tuple, object) if member in dir(kind)),
            None,
        )
        if member in BUILTIN_TYPE_ATTRIBUTES
        else None
    )
    if owner_type:
        return (
            f"{member} is also an attribute of the builtin {owner_type} type: `.{member}` accesses on "
            f"other objects cannot be told apart from the project's"
        )
    for info in index.classes.values():
        if member not in info.members:
            continue
        owner = _external_base_defining(index, info, member, set())
        if owner:
            return (
                f"{info.qualname}.{member} overrides {owner}.{member}, which belongs to a library: "
                f"renaming it would stop the library from calling it"
            )
    return None


def _external_base_defining(index: SymbolIndex, info, member: str, seen: set[str]) -> str | None:
    fact = index.module_of(info)
    for base in info.bases:
        definitions = index.base_definitions(base, fact)
        for binding in definitions:
            if binding.kind == "class" and binding.qualname not in seen:
                seen.add(binding.qualname)
                inner = index.classes.get(binding.qualname)
                if inner is not None:
                    found = _external_base_defining(index, inner, member, seen)
                    if found:
                        return found
        if definitions:
            continue  # a project class: its own bases were followed above
        dotted = _external_dotted(index, base, fact)
        if dotted and external_defines(dotted, member):
            return dotted
    return None


def _external_dotted(index: SymbolIndex, base: str, fact) -> str | None:
    kind, _, rest = base.partition(":")
    if kind == "d":
        dotted, _, name = rest.rpartition("|")
        return f"{dotted}.{name}"
    if kind == "b":
        return f"builtins.{rest}"
    if kind == "q":
        for _path, binding in index.bindings.get(rest, []):
            if binding.target.startswith("d:"):
                dotted, _, name = binding.target[2:].rpartition("|")
                return f"{dotted}.{name}"
    return None
