"""The repository-wide view: which tokens in which files name the same symbol.

Per-file symbols (see `analysis.py`) are joined with a union-find:

- an implicit import (`from bot.models import Savat`) is the same symbol as what it imports,
  followed through re-exports (`bot/__init__.py` importing from `.models`);
- attribute access on a project module (`models.Savat`, `bot.models.narx`) is that module's global;
- members are grouped by name (`a:narx`): without type inference `obj.narx` cannot be told apart by
  class, so every project class member called `narx` and every `.narx` access are renamed together;
- method parameters are grouped by method name and parameter name (`p:qoshish\tsoni`), because a call
  `obj.qoshish(soni=2)` can reach any of them;
- a keyword argument names the callee's parameter (functions), the `__init__` parameter or the field
  (classes: dataclasses, NamedTuples, attrs and pydantic models take fields as keywords).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from english_guard.fixes.rename.analysis import Binding, ClassInfo, FileFacts, FunctionInfo


@dataclass(slots=True)
class Group:
    """One symbol: every definition and every token that names it."""

    root: str
    name: str
    nodes: set[str] = field(default_factory=set)
    definitions: list[tuple[str, Binding]] = field(default_factory=list)  # (path, binding)
    occurrences: list[tuple[int, int]] = field(default_factory=list)  # (file index, occurrence index)

    @property
    def is_member(self) -> bool:
        return any(n.startswith("a:") for n in self.nodes)

    @property
    def is_method_parameter(self) -> bool:
        return any(n.startswith("p:") for n in self.nodes)


def _namespace_aliases(modules: dict[str, FileFacts]) -> dict[str, str]:
    """Longer dotted names of modules inside PEP 420 namespace packages (folders without `__init__.py`).

    A file's module name stops at the first folder without `__init__.py`; imported from the project root
    through namespace packages it is also `folder.sub.module`. Ambiguous names are left out.
    """
    aliases: dict[str, str] = {}
    ambiguous: set[str] = set()
    for module, fact in modules.items():
        parts = fact.path.replace("\\", "/").split("/")
        if not parts or parts[0] in ("..", "") or ":" in parts[0]:
            continue  # outside the current folder: its folders are not a package path
        stem = parts[-1].rsplit(".", 1)[0]
        dotted = parts[:-1] + ([] if stem == "__init__" else [stem])
        own = module.split(".")
        if dotted[-len(own) :] != own:
            continue
        for start in range(len(dotted) - len(own)):
            alias = ".".join(dotted[start:])
            if alias in modules:
                continue
            if alias in aliases and aliases[alias] != module:
                ambiguous.add(alias)
            aliases[alias] = module
    for alias in ambiguous:
        del aliases[alias]
    return aliases


class SymbolIndex:
    def __init__(self, facts: list[FileFacts]) -> None:
        self.facts = facts
        self.modules: dict[str, FileFacts] = {f.module: f for f in facts if not f.error}
        self.aliases = _namespace_aliases(self.modules)
        self.top_levels = {m.split(".")[0] for m in self.modules} | {a.split(".")[0] for a in self.aliases}
        self.bindings: dict[str, list[tuple[str, Binding]]] = defaultdict(list)
        self.classes: dict[str, ClassInfo] = {}
        self.functions: dict[str, FunctionInfo] = {}
        for fact in facts:
            for binding in fact.bindings:
                self.bindings[binding.qualname].append((fact.path, binding))
            self.classes.update(fact.classes)
            self.functions.update(fact.functions)
        self.parent: dict[str, str] = {}
        self._join_imports()
        self._join_method_parameters()
        self._join_pytest_fixtures()
        self.groups: dict[str, Group] = {}
        self.node_of: list[list[str | None]] = []
        self._identities: dict[str, tuple] = {}
        self._collect_groups()

    # ----- union-find ---------------------------------------------------------------------------
    def find(self, node: str) -> str:
        parent = self.parent.setdefault(node, node)
        if parent == node:
            return node
        root = self.find(parent)
        self.parent[node] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    # ----- resolution -----------------------------------------------------------------------------
    def canonical(self, dotted: str) -> str:
        """The module name the index knows `dotted` by (a namespace package path names its file's module)."""
        return dotted if dotted in self.modules else self.aliases.get(dotted, dotted)

    def star_source(self, module: str, name: str, seen: set[str] | None = None) -> str | None:
        """The module that really binds `name` when `module` only re-exports it with `from x import *`."""
        if f"{module}.{name}" in self.bindings:
            return module
        fact = self.modules.get(module)
        if fact is None or name.startswith("_"):
            return None
        seen = seen if seen is not None else set()
        seen.add(module)
        for star in fact.star_imports:
            star = self.canonical(star)
            if star not in seen:
                found = self.star_source(star, name, seen)
                if found is not None:
                    return found
        return None

    def resolve_dotted(self, dotted: str, name: str) -> str | None:
        """The node for attribute `name` of the absolute dotted path `dotted` (None when outside the project)."""
        dotted = self.canonical(dotted)
        if dotted in self.modules:
            submodule = self.canonical(f"{dotted}.{name}")
            if submodule in self.modules:
                return f"m:{submodule}"
            return f"q:{self.star_source(dotted, name) or dotted}.{name}"
        if dotted.split(".")[0] in self.top_levels:
            return f"a:{name}"  # an attribute of a project object (a class, an instance)
        return None

    def resolve(self, symbol: str, fact: FileFacts) -> str | None:
        kind, _, rest = symbol.partition(":")
        if kind in {"q", "a"}:
            return symbol
        if kind == "m":
            rest = self.canonical(rest)
            return f"m:{rest}" if rest in self.modules else None
        if kind == "d":
            dotted, _, name = rest.rpartition("|")
            return self.resolve_dotted(dotted, name)
        if kind == "u" and fact.star_imports:
            for module in fact.star_imports:
                found = self.star_source(self.canonical(module), rest)
                if found is not None:
                    return f"q:{found}.{rest}"
        if kind == "k":
            return self.resolve_keyword(rest, fact)
        return None

    def definitions_of(self, node: str) -> list[tuple[str, Binding]]:
        group = self.groups.get(self.find(node)) if self.groups else None
        if group is not None:
            return group.definitions
        return []

    def constructor_of(self, qualname: str, seen: set[str] | None = None) -> str | None:
        """`__init__` or `__new__` when the class (or a project base) defines one, else None (fields)."""
        info = self.classes.get(qualname)
        if info is None:
            return None
        for name in ("__init__", "__new__"):
            if name in info.members:
                return name
        seen = seen or set()
        seen.add(qualname)
        for base in self.project_bases(info):
            if base not in seen:
                found = self.constructor_of(base, seen)
                if found:
                    return found
        return None

    def module_of(self, info: ClassInfo):
        """The facts of the module that defines the class `info` (None when it is not in the project)."""
        module = info.qualname
        while module and module not in self.modules:
            module = module.rpartition(".")[0]
        return self.modules.get(module)

    def base_definitions(self, base: str, fact) -> list:
        """The project's definitions that a base class expression of a class in `fact` resolves to."""
        node = self.resolve(base, fact) if fact is not None else None
        return [] if node is None else [binding for _path, binding in self.definitions_of(node)]

    def project_bases(self, info: ClassInfo) -> list[str]:
        """Qualnames of the project classes `info` derives from."""
        fact = self.module_of(info)
        return [
            binding.qualname
            for base in info.bases
            for binding in self.base_definitions(base, fact)
            if binding.kind == "class"
        ]

    def resolve_keyword(self, rest: str, fact: FileFacts) -> str | None:
        callee, _, name = rest.rpartition("\t")
        if callee == "x:replace":
            return f"a:{name}"
        node = self.resolve(callee, fact)
        if node is None:
            # a callee the index cannot see (a local holding a function, a closure): named by keyword only
            return f"k?:{name}" if callee.startswith(("q:", "u:")) else None
        if node.startswith("a:"):
            # a method no project class defines (str.format, list.append) takes keywords of its own
            return f"p:{node[2:]}\t{name}" if self.definitions_of(node) else None
        for _path, binding in self.definitions_of(node):
            if binding.kind == "function":
                return f"q:{binding.qualname}.<locals>.{name}"
            if binding.kind == "class":
                constructor = self.constructor_of(binding.qualname)
                return f"p:{constructor}\t{name}" if constructor else f"a:{name}"
        if node.startswith("q:") and not self.definitions_of(node):
            return None  # an import from outside the project
        return f"k?:{name}"

    # ----- building ----------------------------------------------------------------------------------
    def _join_imports(self) -> None:
        for fact in self.facts:
            for binding in fact.bindings:
                if binding.kind == "import" and binding.target.startswith(("d:", "m:")):
                    target = self.resolve(binding.target, fact)
                    if target is not None:
                        self.union(target, binding.symbol)

    def _join_method_parameters(self) -> None:
        for info in self.functions.values():
            if info.class_qualname:
                for param in info.params:
                    self.union(f"p:{info.name}\t{param}", f"q:{info.qualname}.<locals>.{param}")

    def _join_pytest_fixtures(self) -> None:
        """pytest passes a fixture to every test parameter with its name: they are one symbol.

        A fixture in a module reaches that module's functions; one in `conftest.py` reaches every
        module under its folder.
        """
        fixtures = [(qualname, info) for qualname, info in self.functions.items() if info.fixture]
        if not fixtures:
            return
        for qualname, info in fixtures:
            module = qualname[: -len(info.name) - 1]
            if module not in self.modules:
                continue
            is_conftest = self.modules[module].path.replace("\\", "/").endswith("conftest.py")
            package = module.rpartition(".")[0]
            folder = self.modules[module].path.replace("\\", "/").rpartition("/")[0]
            for other in self.functions.values():
                if info.name not in other.params or other.qualname == qualname:
                    continue
                owner = other.qualname
                while owner and owner not in self.modules:
                    owner = owner.rpartition(".")[0]
                if owner == module or (
                    is_conftest
                    and owner
                    and (self.modules[owner].path.replace("\\", "/").startswith(folder + "/") if folder else True)
                ):
                    self.union(f"q:{qualname}", f"q:{other.qualname}.<locals>.{info.name}")
            del package

    def _group(self, node: str, name: str) -> Group:
        root = self.find(node)
        group = self.groups.get(root)
        if group is None:
            group = self.groups[root] = Group(root, name)
        group.nodes.add(node)
        return group

    def _collect_groups(self) -> None:
        for fact in self.facts:
            for binding in fact.bindings:
                group = self._group(binding.symbol, binding.name)
                if binding.kind != "import":
                    group.definitions.append((fact.path, binding))
        # keyword resolution needs the definitions above; tokens are attached afterwards
        for index, fact in enumerate(self.facts):
            nodes: list[str | None] = []
            for position, occurrence in enumerate(fact.occurrences):
                node = self.resolve(occurrence.symbol, fact)
                nodes.append(node)
                if node is not None:
                    self._group(node, occurrence.text).occurrences.append((index, position))
            self.node_of.append(nodes)

    # ----- queries ---------------------------------------------------------------------------------
    def group_at(self, file_index: int, position: int) -> Group | None:
        node = self.node_of[file_index][position]
        return self.groups.get(self.find(node)) if node is not None else None

    def module_group(self, module: str) -> Group | None:
        """The group of tokens naming a project module (imports, `pkg.module` attributes, local aliases)."""
        if module not in self.modules:
            return None
        root = self.find(f"m:{module}")
        group = self.groups.get(root)
        if group is None:
            group = self.groups[root] = Group(root, module.rpartition(".")[2], {f"m:{module}"})
        return group

    def find_group(self, qualified_name: str) -> Group | None:
        """The group a plan entry names: a binding's qualname, or `Class.member` of a project class."""
        for node in (f"q:{qualified_name}",):
            if node in self.parent:
                group = self.groups.get(self.find(node))
                if group is not None and group.definitions:
                    return group
        owner, _, member = qualified_name.rpartition(".")
        if owner in self.classes and member in self.classes[owner].members:
            return self.groups.get(self.find(f"a:{member}"))
        # a method parameter: pkg.mod.Class.method.<locals>.param
        return None

    def identity(self, group: Group | None, file_index: int, position: int) -> tuple:
        """A name-independent identity of what a token names: where its symbol is first defined."""
        if group is None:
            occurrence = self.facts[file_index].occurrences[position]
            return ("outside", occurrence.symbol.partition(":")[0], occurrence.text)
        cached = self._identities.get(group.root)
        if cached is None:
            defs = [
                (self.facts[i].path, p)
                for i, p in group.occurrences
                if self.facts[i].occurrences[p].role == "definition"
            ]
            if defs:
                cached = ("defined", min(defs))
            else:
                cached = ("used", min((self.facts[i].path, p) for i, p in group.occurrences))
            self._identities[group.root] = cached
        return cached
