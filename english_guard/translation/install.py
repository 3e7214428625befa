"""Installing and removing models in english-guard's model folder, all or nothing.

An `.argosmodel` archive is checked entry by entry before anything is extracted (no absolute paths, no
`..`, no symbolic links or devices, one top-level folder, a sane total size), extracted into a hidden
temporary folder inside the model folder, validated as a package, and only then renamed into place.
Whatever goes wrong, the model folder is left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from english_guard.translation.packages import (
    SOURCE_OWN,
    InstalledModel,
    PackageError,
    describe_multilingual,
    models_dir,
    read_model,
    scan,
)

# Refuse archives that would unpack to more than this (a zip bomb or a mistake); real Argos models are < 1 GB.
MAX_UNPACKED_BYTES = 8 * 1024**3
# ... or that unpack to far more than their size: weights and tokenizers barely compress (a few times at most).
MAX_COMPRESSION_RATIO = 50
_CHUNK = 1024 * 1024


def _safe_member_path(archive: Path, info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    if "\\" in name or "\x00" in name:
        raise PackageError(f"{archive}: refusing entry {name!r}: backslashes and NUL are not allowed in paths")
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and path.parts[0].endswith(":")):
        raise PackageError(f"{archive}: refusing entry {name!r}: absolute path")
    if any(part == ".." for part in path.parts):
        raise PackageError(f"{archive}: refusing entry {name!r}: it would be written outside the package folder")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageError(f"{archive}: refusing entry {name!r}: symbolic links are not allowed in a package")
    # Archives made on Windows or by zipfile.writestr carry no file type at all: that is a plain file.
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise PackageError(f"{archive}: refusing entry {name!r}: not a regular file or folder")
    return path


def _plan_archive(archive: Path) -> tuple[zipfile.ZipFile, str, list[tuple[zipfile.ZipInfo, PurePosixPath]]]:
    """Open and vet an archive; returns it, its single top-level folder, and the entries to extract."""
    if not archive.is_file():
        raise PackageError(f"{archive}: no such file")
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise PackageError(f"{archive}: not a valid .argosmodel (zip) archive, or it is truncated: {exc}") from exc
    except OSError as exc:
        raise PackageError(f"{archive}: cannot read: {exc.strerror or exc}") from exc
    try:
        entries = []
        tops = set()
        total = 0
        for info in zf.infolist():
            path = _safe_member_path(archive, info)
            if not path.parts:
                continue
            tops.add(path.parts[0])
            if len(path.parts) == 1 and not info.is_dir():
                raise PackageError(
                    f"{archive}: entry {info.filename!r} lies outside the package folder "
                    "(an .argosmodel holds exactly one top-level folder)"
                )
            total += info.file_size
            entries.append((info, path))
        if len(tops) != 1:
            found = ", ".join(sorted(tops)) or "nothing"
            raise PackageError(f"{archive}: an .argosmodel holds exactly one top-level folder; found {found}")
        if total > MAX_UNPACKED_BYTES:
            raise PackageError(f"{archive}: unpacks to {total} bytes, more than the {MAX_UNPACKED_BYTES} allowed")
        packed = max(archive.stat().st_size, 1)
        if total > 1024 * 1024 and total > packed * MAX_COMPRESSION_RATIO:
            raise PackageError(
                f"{archive}: unpacks to {total} bytes from {packed} ({total // packed} times as "
                f"much; model weights compress less than {MAX_COMPRESSION_RATIO} times): refused "
                "as a zip bomb"
            )
        top = tops.pop()
        if top in (".", "") or top.startswith("."):
            raise PackageError(f"{archive}: invalid top-level folder name {top!r}")
        return zf, top, entries
    except BaseException:
        zf.close()
        raise


def _extract(archive: Path, zf: zipfile.ZipFile, entries, destination: Path) -> None:
    for info, path in entries:
        target = destination.joinpath(*path.parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(info) as source, open(target, "xb") as sink:
                while chunk := source.read(_CHUNK):
                    sink.write(chunk)
        except FileExistsError as exc:
            raise PackageError(f"{archive}: entry {info.filename!r} appears twice") from exc
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise PackageError(f"{archive}: entry {info.filename!r} is corrupt or truncated: {exc}") from exc


def _reject_links(folder: Path) -> None:
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            if path.is_symlink():
                raise PackageError(f"{path}: symbolic links are not allowed in a model folder")


def _move_into_place(staged: Path, target: Path) -> None:
    """Rename the validated folder into place; an existing install of the same name is replaced."""
    if target.exists():
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, retired)
        try:
            os.replace(staged, target)
        except BaseException:
            os.replace(retired, target)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staged, target)


def install_archive(archive: Path, destination: Path | None = None) -> InstalledModel:
    """Install an `.argosmodel` file; nothing is left behind if it is refused."""
    destination = destination or models_dir()
    archive = Path(archive)
    zf, top, entries = _plan_archive(archive)
    destination.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=destination))
    try:
        with zf:
            _extract(archive, zf, entries, staging)
        folder = staging / top
        try:
            read_model(folder)
        except PackageError as exc:
            raise PackageError(f"{archive}: {str(exc).replace(str(folder), top)}") from exc
        target = destination / top
        _move_into_place(folder, target)
        return read_model(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def install_folder(folder: Path, destination: Path | None = None) -> InstalledModel:
    """Install an unpacked Argos package or a multilingual (NLLB/M2M) CTranslate2 model folder by copying it."""
    import json

    destination = destination or models_dir()
    folder = Path(folder)
    _reject_links(folder)
    has_metadata = (folder / "metadata.json").is_file()
    metadata = None if has_metadata else describe_multilingual(folder)
    destination.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=destination))
    try:
        copy = staging / folder.resolve().name
        shutil.copytree(folder, copy, symlinks=True)
        if metadata is not None:
            (copy / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        read_model(copy)
        target = destination / copy.name
        _move_into_place(copy, target)
        return read_model(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def install(code_or_path: str, destination: Path | None = None) -> InstalledModel:
    """Install from a file, a folder, or (online, with argostranslate installed) by language code."""
    path = Path(code_or_path).expanduser()
    if path.is_dir():
        return install_folder(path, destination)
    if path.exists() or path.suffix or "/" in code_or_path or os.sep in code_or_path:
        return install_archive(path, destination)
    return install_from_index(code_or_path, destination)


def install_from_index(code: str, destination: Path | None = None) -> InstalledModel:
    """Download the `code` -> English package from the Argos index through argostranslate, then install it."""
    try:
        import argostranslate.package as argos_package
    except ImportError as exc:
        raise PackageError(
            f"installing by language code ({code!r}) needs argostranslate to reach the Argos package index: "
            "`pip install --no-deps argostranslate` (its package manager needs no torch), or download the "
            ".argosmodel file yourself and run `english-guard models install FILE`"
        ) from exc
    import contextlib
    import io

    from argostranslate import settings as argos_settings

    log = io.StringIO()
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            argos_package.update_package_index()
        # Offline, argostranslate only logs the failure, and get_available_packages() would retry forever.
        if not Path(argos_settings.local_package_index).is_file():
            reason = log.getvalue().strip() or "no index file"
            raise PackageError(
                f"cannot download the Argos package index (offline?): {reason}; download the "
                ".argosmodel file elsewhere and run `english-guard models install FILE`"
            )
        available = argos_package.get_available_packages()
    except PackageError:
        raise
    except Exception as exc:  # network and index errors come in many types
        raise PackageError(f"cannot read the Argos package index (offline?): {exc}") from exc
    matches = [p for p in available if p.from_code == code and p.to_code == "en"]
    if not matches:
        raise PackageError(
            f"the Argos package index has no {code} -> en package; a multilingual NLLB-200 "
            "CTranslate2 model folder can be installed with `english-guard models install DIR`"
        )
    try:
        downloaded = Path(matches[0].download())
    except Exception as exc:
        raise PackageError(f"downloading the {code} -> en package failed: {exc}") from exc
    return install_archive(downloaded, destination)


def remove(code_or_name: str) -> list[Path]:
    """Remove english-guard's models for a source language code or with a folder name; returns what went."""
    models, broken = scan()
    own = [m for m in models if m.source == SOURCE_OWN and (code_or_name in m.from_codes or m.name == code_or_name)]
    own_broken = [b for b in broken if b.source == SOURCE_OWN and b.path.name == code_or_name]
    if not own and not own_broken:
        elsewhere = [
            m for m in models if m.source != SOURCE_OWN and (code_or_name in m.from_codes or m.name == code_or_name)
        ]
        if elsewhere:
            raise PackageError(
                f"{elsewhere[0].path} was installed by argos-translate; remove it with "
                f"`argospm remove {elsewhere[0].name}` (english-guard only removes its own models)"
            )
        raise PackageError(f"no installed model matches {code_or_name!r} (see `english-guard models list`)")
    removed = []
    for path in [m.path for m in own] + [b.path for b in own_broken]:
        retired = path.with_name(f".{path.name}.removing-{os.getpid()}")
        os.replace(path, retired)  # one rename: the model disappears at once, never half-deleted
        shutil.rmtree(retired, ignore_errors=True)
        removed.append(path)
    return removed


__all__ = ["install", "install_archive", "install_folder", "install_from_index", "remove"]
