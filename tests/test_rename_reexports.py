"""rename follows star re-exports (`from .ombor import *` in a package `__init__`) and PEP 420 namespace
packages: the importers are renamed with the definition, and the plan counts them (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from english_guard.config import load_config
from english_guard.fixes.rename import apply_plan, plan_paths

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FILES = {
    "dokon/ombor/__init__.py": "from .mahsulot import *\nfrom .savat import *\n",
    "dokon/ombor/mahsulot.py": "class Mahsulot:\n    def __init__(self, nomi):\n        self.nomi = nomi\n",
    "dokon/ombor/savat.py": "from .mahsulot import Mahsulot\n\n\nclass Savat:\n    pass\n",
    "dokon/xizmatlar.py": "def jami_narx(narxlar):\n    return sum(narxlar)\n",
    "ilova.py": "from dokon.ombor import Mahsulot, Savat\nfrom dokon.xizmatlar import jami_narx\n"
    "import dokon.xizmatlar\n\n\ndef ishga_tushirish():\n    return Mahsulot('olma'), Savat(), jami_narx([1]), "
    "dokon.xizmatlar.jami_narx([2])\n",
    "test_ilova.py": "from ilova import ishga_tushirish\n\n\ndef test_ishga_tushirish():\n"
    "    mahsulot, _savat, jami, jami2 = ishga_tushirish()\n    assert (mahsulot.nomi, jami, jami2) == "
    "('olma', 1, 2)\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def plan(project: Path) -> dict:
    config = load_config(None, start=project)
    entries, errors = plan_paths(["."], config)
    assert not errors
    return {entry.qualified_name: entry for entry in entries}


def test_the_plan_counts_uses_through_star_reexports_and_namespace_packages(project):
    entries = plan(project)
    assert entries["ombor.mahsulot.Mahsulot"].uses >= 3  # savat.py, ilova.py import and call
    assert entries["ombor.savat.Savat"].uses >= 2
    assert entries["xizmatlar.jami_narx"].uses >= 3  # `dokon` has no __init__.py


def test_apply_renames_the_importers_and_the_project_still_runs(project):
    entries = plan(project)
    wanted = {"ombor.mahsulot.Mahsulot": "Product", "ombor.savat.Savat": "Cart", "xizmatlar.jami_narx": "total_price"}
    chosen = []
    for name, new in wanted.items():
        entries[name].new_name, entries[name].action = new, "rename"
        chosen.append(entries[name])
    report = apply_plan(["."], chosen, load_config(None, start=project))
    assert not report.errors and not report.refused
    app = (project / "ilova.py").read_text(encoding="utf-8")
    assert "from dokon.ombor import Product, Cart" in app
    assert "from dokon.xizmatlar import total_price" in app
    assert "dokon.xizmatlar.total_price([2])" in app
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_ilova.py"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
