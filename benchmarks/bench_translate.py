"""Measure the translation feature: install footprint, engine start-up, throughput.

    /work/venv/bin/python benchmarks/bench_translate.py [--segments 400] [--files 40]

1. Footprint of the `english-guard[translate]` extra: the installed size of ctranslate2, sentencepiece and
   their whole dependency closure (numpy, pyyaml, ...), read from the installed distributions' RECORDs,
   and whether torch is anywhere in that closure.
2. Start-up in a fresh interpreter: importing the engine module plus ctranslate2/sentencepiece, then
   loading the tiny test package (built by tests/argos_builder.py).
3. Throughput with the tiny package: segments/s through `propose` (sentence split, protection, batching,
   CTranslate2), then again answered from the translation memory, and a whole `translate --diff` run over
   a generated project. The test model never stops early (its outputs are always max length), so these
   numbers are a floor for the pipeline, not a prediction for a real Argos model.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import argos_builder  # noqa: E402

PHRASES = [
    "Функция возвращает список пользователей",
    "Проверяем, что файл существует, прежде чем открыть его",
    "Получить данные из базы и сохранить результат в кэше",
    "Если файл не найден, возвращает пустой список",
    "Обновляем счётчик заказов для клиента",
]


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        if "extra ==" in requirement:
            continue
        names.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
    return names


def footprint(roots: list[str]) -> dict:
    seen: dict[str, int] = {}
    queue = list(roots)
    while queue:
        name = queue.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            seen[key] = 0
            continue
        size = 0
        for file in dist.files or []:
            try:
                size += file.locate().stat().st_size
            except OSError:
                pass
        seen[key] = size
        queue.extend(_requirement_names(dist))
    return {
        "packages_mb": {k: round(v / 1e6, 1) for k, v in sorted(seen.items())},
        "total_mb": round(sum(seen.values()) / 1e6, 1),
        "torch": "torch" in seen,
    }


STARTUP = """
import time, json, sys
from pathlib import Path
t0 = time.perf_counter()
from english_guard.translation.packages import read_model
from english_guard.translation.neural import ArgosEngine
import ctranslate2, sentencepiece
t1 = time.perf_counter()
engine = ArgosEngine(read_model(Path(sys.argv[1])))
engine.load()
t2 = time.perf_counter()
engine.translate(["Функция возвращает список."], "ru")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_translation_s": t3 - t2}))
"""


def startup(package: Path, repeats: int = 3) -> dict:
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", STARTUP, str(package)], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    return {key: round(min(r[key] for r in runs), 3) for key in runs[0]}


def segments_corpus(count: int) -> list[str]:
    out = []
    for i in range(count):
        a, b = PHRASES[i % len(PHRASES)], PHRASES[(i // len(PHRASES)) % len(PHRASES)]
        out.append(f"{a} номер {i}. {b} и `value_{i}`.")
    return out


def throughput(package_dir: Path, count: int) -> dict:
    from english_guard.fixes.translate import Unit, propose
    from english_guard.translation.engine_router import EngineRouter
    from english_guard.translation.memory import TranslationMemory
    from english_guard.translation.packages import read_model

    router = EngineRouter("auto", models=[read_model(package_dir)])
    texts = segments_corpus(count)

    def units():
        return [Unit("bench.py", "comment", i + 1, i + 1, t, language="ru") for i, t in enumerate(texts)]

    memory = TranslationMemory(None)
    router.engine_for("ru").load()
    first = units()
    start = time.perf_counter()
    propose(first, router, memory)
    cold = time.perf_counter() - start
    assert all(u.proposal for u in first), [u.problem for u in first if not u.proposal][:3]
    start = time.perf_counter()
    propose(units(), router, memory)
    warm = time.perf_counter() - start
    return {
        "segments": count,
        "segments_per_s": round(count / cold, 1),
        "from_memory_segments_per_s": round(count / warm, 1),
    }


def whole_run(archive: Path, files: int) -> dict:
    source = (ROOT / "tests" / "fixtures" / "translate" / "sample_ru.py").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        (project / "pyproject.toml").write_text("[tool.english-guard]\n", encoding="utf-8")
        for i in range(files):
            # Different numbers keep the texts distinct, so the memory does not hide the engine's cost.
            (project / f"module_{i}.py").write_text(source.replace("пользователей", f"пользователей {i}"), "utf-8")
        env = dict(os.environ, ENGLISH_GUARD_MODELS_DIR=str(Path(tmp) / "models"))
        cli = [sys.executable, "-m", "english_guard"]
        subprocess.run([*cli, "models", "install", str(archive)], env=env, check=True, capture_output=True)
        start = time.perf_counter()
        result = subprocess.run(
            [*cli, "translate", ".", "--diff", "--no-memory"], env=env, cwd=project, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        changed = result.stdout.count("\n+++ ")
        return {
            "files": files,
            "seconds": round(elapsed, 2),
            "files_changed": changed,
            "files_per_s": round(files / elapsed, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=400)
    parser.add_argument("--files", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        archive = argos_builder.build_argos_package(tmp_path, "ru")
        folder = argos_builder.build_package_folder(tmp_path / "pkg", "ru")
        report = {
            "footprint": footprint(["ctranslate2", "sentencepiece"]),
            "package_bytes": archive.stat().st_size,
            "startup": startup(folder),
            "throughput": throughput(folder, args.segments),
            "whole_run": whole_run(archive, args.files),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
