"""Reference finding across modules, and writing files back without losing a byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from english_guard.config import Config
from english_guard.fixes.rename import apply_plan, load_project
from english_guard.fixes.rename.planfile import PlanEntry


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_apply(root: Path, monkeypatch, *renames: tuple[str, str, str], diff: bool = False):
    monkeypatch.chdir(root)
    entries = [PlanEntry(q, old, "", "", 0, new) for q, old, new in renames]
    return apply_plan(["."], entries, Config(root=str(root)), diff=diff)


def test_relative_imports_reexports_star_imports_and_module_aliases(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "pkg/__init__.py": "from .asosiy import hisobla\n",
            "pkg/asosiy.py": "def hisobla(son):\n    return son * 2\n",
            "pkg/boshqa.py": "from . import asosiy\nfrom .asosiy import *\n\n"
            "def ikki():\n    return asosiy.hisobla(son=1) + hisobla(2)\n",
            "use.py": "import pkg.asosiy as a\nfrom pkg import hisobla as h\nimport pkg\n\n"
            "print(a.hisobla(3), h(son=4), pkg.hisobla(5), pkg.asosiy.hisobla(6))\n",
        },
    )
    report = run_apply(
        root,
        monkeypatch,
        ("pkg.asosiy.hisobla", "hisobla", "calculate"),
        ("pkg.asosiy.hisobla.<locals>.son", "son", "number"),
    )
    assert not report.refused, report.refused
    assert (root / "pkg/__init__.py").read_text() == "from .asosiy import calculate\n"
    assert (root / "pkg/asosiy.py").read_text() == "def calculate(number):\n    return number * 2\n"
    assert "asosiy.calculate(number=1) + calculate(2)" in (root / "pkg/boshqa.py").read_text()
    assert (
        (root / "use.py")
        .read_text()
        .endswith(
            "from pkg import calculate as h\nimport pkg\n\n"
            "print(a.calculate(3), h(number=4), pkg.calculate(5), pkg.asosiy.calculate(6))\n"
        )
    )
    completed = subprocess.run([sys.executable, "use.py"], cwd=root, capture_output=True, text=True)
    assert completed.stdout.split() == ["6", "8", "10", "12"], completed.stderr


def test_string_annotations_nonlocal_global_and_slots(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "m.py": 'class Tovar:\n    __slots__ = ("narx",)\n\n    def __init__(self, narx):\n'
            '        self.narx = narx\n\n\ndef yarat() -> "Tovar":\n    return Tovar(narx=1)\n\n\n'
            "def sanoq():\n    jami = 0\n\n    def qosh():\n        nonlocal jami\n        jami += 1\n"
            "        return jami\n    return qosh\n",
        },
    )
    report = run_apply(
        root,
        monkeypatch,
        ("m.Tovar", "Tovar", "Item"),
        ("m.Tovar.narx", "narx", "price"),
        ("m.sanoq.<locals>.jami", "jami", "total"),
    )
    assert not report.refused, report.refused
    text = (root / "m.py").read_text()
    assert '__slots__ = ("price",)' in text and 'def yarat() -> "Item":' in text
    assert "nonlocal total\n        total += 1" in text
    # the __init__ parameter is its own symbol: the keyword at the call follows the parameter
    assert "return Item(narx=1)" in text and "def __init__(self, narx):" in text
    assert "self.price = narx" in text


def test_pytest_fixture_from_conftest_reaches_test_parameters(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef savat():\n    return []\n",
            "tests/test_a.py": "def test_bosh(savat):\n    assert savat == []\n",
        },
    )
    report = run_apply(root, monkeypatch, ("conftest.savat", "savat", "cart"))
    assert not report.refused, report.refused
    assert (root / "tests/test_a.py").read_text() == "def test_bosh(cart):\n    assert cart == []\n"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout


def test_member_clash_in_a_subclass_is_refused(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "m.py": "class Asos:\n    narx = 1\n\n\nclass Bola(Asos):\n    price = 2\n",
        },
    )
    report = run_apply(root, monkeypatch, ("m.Asos.narx", "narx", "price"))
    assert [r.qualified_name for r in report.refused] == ["m.Asos.narx"]
    assert "class m.Bola" in report.refused[0].message
    assert (root / "m.py").read_text() == "class Asos:\n    narx = 1\n\n\nclass Bola(Asos):\n    price = 2\n"


def test_replace_and_namedtuple_replace_keywords_name_fields(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "m.py": "import dataclasses\nfrom typing import NamedTuple\n\n\n@dataclasses.dataclass\nclass A:\n"
            "    narx: int\n\n\nclass B(NamedTuple):\n    narx: int\n\n\n"
            "x = dataclasses.replace(A(narx=1), narx=2)\ny = B(narx=1)._replace(narx=3)\n"
            "assert (x.narx, y.narx) == (2, 3)\n",
        },
    )
    report = run_apply(root, monkeypatch, ("m.A.narx", "narx", "price"))
    assert not report.refused, report.refused
    text = (root / "m.py").read_text()
    assert "replace(A(price=1), price=2)" in text and "B(price=1)._replace(price=3)" in text
    assert subprocess.run([sys.executable, "m.py"], cwd=root).returncode == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbfnarx = 1\r\nprint(narx)\r\n", b"\xef\xbb\xbfprice = 1\r\nprint(price)\r\n"),
        (
            "# -*- coding: latin-1 -*-\nnarx = 1  # café\nprint(narx)\n".encode("latin-1"),
            "# -*- coding: latin-1 -*-\nprice = 1  # café\nprint(price)\n".encode("latin-1"),
        ),
        ("x = 'ё'; narx = 1\rprint(narx)\r".encode(), "x = 'ё'; price = 1\rprint(price)\r".encode()),
    ],
)
def test_encoding_bom_and_line_endings_survive(tmp_path, monkeypatch, raw, expected):
    root = make(tmp_path, {"m.py": raw})
    report = run_apply(root, monkeypatch, ("m.narx", "narx", "price"))
    assert not report.refused, report.refused
    assert (root / "m.py").read_bytes() == expected


def test_diff_mode_returns_diffs_only(tmp_path, monkeypatch):
    root = make(tmp_path, {"m.py": "narx = 1\n"})
    report = run_apply(root, monkeypatch, ("m.narx", "narx", "price"), diff=True)
    assert report.diffs == ["--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-narx = 1\n+price = 1\n"]
    assert (root / "m.py").read_text() == "narx = 1\n" and not report.written


def test_index_counts_uses_across_files(tmp_path, monkeypatch):
    root = make(tmp_path, {"a.py": "narx = 1\n", "b.py": "from a import narx\nprint(narx, narx)\n"})
    monkeypatch.chdir(root)
    project = load_project(["."], Config(root=str(root)))
    group = project.index.find_group("a.narx")
    assert group is not None and len(group.occurrences) == 4


def test_module_file_rename_updates_every_import(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "pkg/__init__.py": "from .xizmat import yubor\n",
            "pkg/xizmat.py": "def yubor():\n    return 'ok'\n",
            "pkg/ichki.py": "from . import xizmat\nfrom .xizmat import yubor as y\n\n\n"
            "def f():\n    return xizmat.yubor() + y()\n",
            "use.py": "import pkg.xizmat\nfrom pkg import xizmat as x\nfrom pkg.ichki import f\n\n"
            "print(pkg.xizmat.yubor(), x.yubor(), f())\n"
            "TARGET = 'pkg.xizmat.yubor'\n",
        },
    )
    monkeypatch.chdir(root)
    entries = [
        PlanEntry("pkg.xizmat", "xizmat", "module", "", 0, "service"),
        PlanEntry("pkg.xizmat.yubor", "yubor", "function", "", 0, "send"),
    ]
    report = apply_plan(["."], entries, Config(root=str(root)))
    assert not report.refused, report.refused
    assert not (root / "pkg/xizmat.py").exists()
    assert (root / "pkg/service.py").read_text() == "def send():\n    return 'ok'\n"
    assert (root / "pkg/__init__.py").read_text() == "from .service import send\n"
    assert (
        (root / "pkg/ichki.py")
        .read_text()
        .startswith(
            "from . import service\nfrom .service import send as y\n\n\ndef f():\n    return service.send() + y()\n"
        )
    )
    assert (
        (root / "use.py")
        .read_text()
        .startswith(
            "import pkg.service\nfrom pkg import service as x\nfrom pkg.ichki import f\n\n"
            "print(pkg.service.send(), x.send(), f())\n"
        )
    )
    assert any("'pkg.xizmat.yubor' names the renamed module pkg.xizmat" in line for line in report.unprovable)
    completed = subprocess.run([sys.executable, "use.py"], cwd=root, capture_output=True, text=True)
    assert completed.stdout.split() == ["ok", "ok", "okok"], completed.stderr
    again = apply_plan(["."], entries, Config(root=str(root)))
    assert not again.refused and not again.files_changed
    assert {reason for _name, reason in again.skipped} == {"already renamed to service", "already renamed to send"}


def test_module_rename_refusals(tmp_path, monkeypatch):
    root = make(tmp_path, {"pkg/__init__.py": "", "pkg/xizmat.py": "", "pkg/service.py": "", "yordam.py": ""})
    monkeypatch.chdir(root)
    config = Config(root=str(root))
    taken = apply_plan(["."], [PlanEntry("pkg.xizmat", "xizmat", "module", "", 0, "service")], config)
    assert "pkg/service.py (or a package service/) already exists" in taken.refused[0].message
    stdlib = apply_plan(["."], [PlanEntry("yordam", "yordam", "module", "", 0, "json")], config)
    assert "would shadow the standard library's json" in stdlib.refused[0].message
    assert (root / "pkg/xizmat.py").exists() and (root / "yordam.py").exists()


def test_overrides_of_an_installed_library_are_not_renamed(tmp_path, monkeypatch):
    library = make(
        tmp_path / "site", {"tashqi_kutubxona/__init__.py": "class Asos:\n    def ishla(self):\n        return 1\n"}
    )
    monkeypatch.syspath_prepend(str(library))
    root = make(
        tmp_path / "project",
        {
            "m.py": "from tashqi_kutubxona import Asos\n\n\nclass Bola(Asos):\n    def ishla(self):\n"
            "        return 2\n\n    def hisobla(self):\n        return self.ishla()\n",
        },
    )
    monkeypatch.chdir(root)
    from english_guard.fixes.rename.planning import make_plan

    project = load_project(["."], Config(root=str(root)))
    entries = {e.qualified_name: e for e in make_plan(project.index)}
    assert entries["m.Bola.ishla"].action == "skip"
    assert "overrides tashqi_kutubxona.Asos.ishla" in entries["m.Bola.ishla"].reason
    assert entries["m.Bola.hisobla"].action == "rename"
    report = run_apply(root, monkeypatch, ("m.Bola.ishla", "ishla", "work"))
    assert "overrides tashqi_kutubxona.Asos.ishla, which belongs to a library" in report.refused[0].message


def test_suppressed_definitions_are_planned_as_kept(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "a.py": "narx = 1  # english-guard: ignore[EG101]\nsavat = 2  # noqa: EG101\nmahsulot = 3  # noqa: E501\n",
            "b.py": "# english-guard: skip-file\nbuyurtma = 1\n",
        },
    )
    monkeypatch.chdir(root)
    from english_guard.fixes.rename import plan_paths

    entries, _errors = plan_paths(["."], Config(root=str(root)))
    actions = {e.name: (e.action, e.reason) for e in entries}
    assert actions["narx"][0] == "skip" and "suppressed on a.py:1" in actions["narx"][1]
    assert actions["savat"][0] == "skip" and actions["buyurtma"][0] == "skip"
    assert actions["mahsulot"][0] == "rename"


def test_star_star_calls_into_renamed_parameters_are_reported(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "m.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass Tovar:\n    narx: int\n\n\n"
            "row = {'narx': 5}\nitem = Tovar(**row)\nprint(dict(**row))\n",
        },
    )
    report = run_apply(root, monkeypatch, ("m.Tovar.narx", "narx", "price"))
    assert not report.refused
    star = [line for line in report.unprovable if "**mapping" in line]
    assert star == [
        "m.py:10:8: a call with **mapping passes keyword names as data; renamed here: narx; "
        "check the mapping's keys by hand"
    ]
    assert any("the string 'narx'" in line for line in report.unprovable)


def test_private_names_are_mangled_like_the_interpreter_does(tmp_path, monkeypatch):
    root = make(
        tmp_path,
        {
            "m.py": "class Hisob:\n    def __init__(self):\n        self.__qoldiq = 1\n        __vaqtincha = 2\n"
            "        self.__tekshir(__vaqtincha)\n\n    def __tekshir(self, son):\n"
            "        return self.__qoldiq + son\n\n\nprint(Hisob()._Hisob__qoldiq)\n",
        },
    )
    report = run_apply(
        root,
        monkeypatch,
        ("m.Hisob.__tekshir", "__tekshir", "__check"),
        ("m.Hisob.__qoldiq", "__qoldiq", "__rest"),
        ("m.Hisob.__init__.<locals>.__vaqtincha", "__vaqtincha", "__temporary"),
    )
    assert not report.refused, report.refused
    text = (root / "m.py").read_text()
    assert "self.__check(__temporary)" in text and "def __check(self, son):" in text
    assert "return self.__rest + son" in text
    # a spelled-out mangled name is only a string to the rename: it is left alone
    assert "Hisob()._Hisob__qoldiq" in text


def test_members_named_like_builtin_type_attributes_are_refused(tmp_path, monkeypatch):
    root = make(tmp_path, {"m.py": "class Royxat:\n    def append(self, x):\n        pass\n\n\n[].append(1)\n"})
    report = run_apply(root, monkeypatch, ("m.Royxat.append", "append", "add"))
    assert "also an attribute of the builtin list type" in report.refused[0].message
