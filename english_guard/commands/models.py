"""`english-guard models list | install CODE_OR_PATH | remove CODE`: the offline translation models."""

from __future__ import annotations

import sys

import click

from english_guard.ui_text import _


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def models() -> None:
    """List, install and remove offline translation models.

    Models live in $ENGLISH_GUARD_MODELS_DIR (default ~/.local/share/english-guard/models); packages
    installed by argos-translate ($ARGOS_PACKAGES_DIR) are found and used too.
    """


@models.command("list")
def list_models() -> None:
    """Show the installed models and the languages they translate into English."""
    from english_guard.translation.languages import describe
    from english_guard.translation.packages import package_dirs, scan

    found, broken = scan()
    for directory, source in package_dirs():
        click.echo(_("{source} models in {directory}:").format(source=source, directory=directory))
        mine = [m for m in found if m.source == source]
        if not mine:
            click.echo(_("  (none)"))
        for model in mine:
            languages = ", ".join(describe(code) for code in model.from_codes)
            version = f" {model.version}" if model.version else ""
            click.echo(f"  {model.name}{version}  [{model.kind}]  {languages} -> {model.to_code}")
    for item in broken:
        click.echo(_("unusable: {path}: {problem}").format(path=item.path, problem=item.problem), err=True)


@models.command("install")
@click.argument("code_or_path")
def install_model(code_or_path: str) -> None:
    """Install an .argosmodel file, a model folder (Argos or NLLB-200/M2M-100 CTranslate2), or a language code.

    A language code downloads the code -> English package from the Argos index; that needs a network
    and argostranslate (`pip install --no-deps argostranslate`, no torch needed).
    """
    from english_guard.translation.install import install
    from english_guard.translation.languages import describe
    from english_guard.translation.packages import PackageError

    try:
        model = install(code_or_path)
    except PackageError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        click.echo(_("nothing was installed"), err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(
            _("error: cannot install {path}: {error}").format(path=code_or_path, error=exc.strerror or exc), err=True
        )
        sys.exit(2)
    languages = ", ".join(describe(code) for code in model.from_codes)
    click.echo(
        _("installed {name} ({languages} -> English) in {path}").format(
            name=model.name, languages=languages, path=model.path
        )
    )


@models.command("remove")
@click.argument("code")
def remove_model(code: str) -> None:
    """Remove english-guard's models for a language code (or a model folder name)."""
    from english_guard.translation.install import remove
    from english_guard.translation.packages import PackageError

    try:
        removed = remove(code)
    except PackageError as exc:
        click.echo(_("error: {message}").format(message=exc), err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(_("error: cannot remove {code}: {error}").format(code=code, error=exc.strerror or exc), err=True)
        sys.exit(2)
    for path in removed:
        click.echo(_("removed {path}").format(path=path))
