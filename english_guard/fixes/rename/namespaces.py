"""Which names already live where a symbol lives: the scopes and classes a new name must not clash in."""

from __future__ import annotations

from collections import defaultdict

from english_guard.fixes.rename.index import Group, SymbolIndex


class Namespaces:
    def __init__(self, index: SymbolIndex) -> None:
        self.index = index
        self.scope_names: dict[str, set[str]] = defaultdict(set)
        for qualname, bindings in index.bindings.items():
            for _path, binding in bindings:
                if not binding.symbol.startswith("a:"):
                    self.scope_names[qualname.rpartition(".")[0]].add(binding.name)
        self.class_members = {q: info.members for q, info in index.classes.items()}
        # project class -> the project classes it derives from and that derive from it
        self.related: dict[str, set[str]] = defaultdict(set)
        for qualname, info in index.classes.items():
            for base in index.project_bases(info):
                self.related[qualname].add(base)
                self.related[base].add(qualname)

    def hierarchy(self, qualname: str) -> set[str]:
        seen = {qualname}
        todo = [qualname]
        while todo:
            for other in self.related.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    def of(self, group: Group) -> list[tuple[str, set[str]]]:
        """(label, names in use) for every namespace the group's definitions live in."""
        out: list[tuple[str, set[str]]] = []
        seen: set[str] = set()
        for _path, binding in group.definitions:
            if binding.symbol.startswith("a:"):
                for owner, members in self.class_members.items():
                    if group.name not in members:
                        continue
                    for qualname in sorted(self.hierarchy(owner)):
                        if qualname not in seen:
                            seen.add(qualname)
                            out.append((f"class {qualname}", self.class_members.get(qualname, set())))
            else:
                scope = binding.qualname.rpartition(".")[0]
                if scope not in seen:
                    seen.add(scope)
                    out.append((f"scope {scope}", self.scope_names.get(scope, set())))
        return out

    def clash(self, group: Group, new_name: str, claimed: dict[str, set[str]] | None = None) -> str | None:
        """Where `new_name` is already taken for this group (a sentence), or None."""
        for label, names in self.of(group):
            if new_name in names and new_name != group.name:
                return f"{new_name!r} already exists in {label}"
            if claimed is not None and new_name in claimed.get(label, set()):
                return f"another entry already renames something to {new_name!r} in {label}"
        return None

    def claim(self, group: Group, new_name: str, claimed: dict[str, set[str]]) -> None:
        for label, _names in self.of(group):
            claimed.setdefault(label, set()).add(new_name)

    def free_variant(self, group: Group, new_name: str, claimed: dict[str, set[str]]) -> str:
        number = 2
        while self.clash(group, f"{new_name}_{number}", claimed):
            number += 1
        return f"{new_name}_{number}"
