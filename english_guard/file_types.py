"""The reader table: every reader's name and function, and which file names each reads.

Data only, on the ground floor like the rule registry: the configuration checks `file-types` against the
reader names here, and `sources/registry.py` imports a reader's module only when a file of its type is met.
Adding a reader: CONTRIBUTING.md.
"""

from __future__ import annotations

# reader name -> "module:function" inside english_guard.sources
READERS: dict[str, str] = {
    "python": "python:read_python_to_judge",
    "yaml": "text.yaml_helm:read_yaml",  # YAML and Helm chart templates
    "dockerfile": "text.dockerfile:read_dockerfile",
    "shell": "text.shell:read_shell",
    "toml": "text.ini_toml:read_toml",
    "ini": "text.ini_toml:read_ini",
    "dotenv": "text.ini_toml:read_env",
    "markdown": "text.markdown:read_markdown",
    "rst": "text.rst:read_rst",
    "helm_notes": "text.helm_notes:read_helm_notes",  # Helm templates/NOTES.txt
}

# File-name globs (matched against the base name, case-sensitive) -> reader name. First match wins.
NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    ("*.py", "python"),
    ("*.pyi", "python"),
    ("Dockerfile", "dockerfile"),
    ("Dockerfile.*", "dockerfile"),
    ("Containerfile", "dockerfile"),
    ("Containerfile.*", "dockerfile"),
    ("*.dockerfile", "dockerfile"),
    ("*.Dockerfile", "dockerfile"),
    ("*.yaml", "yaml"),
    ("*.yml", "yaml"),
    ("*.tpl", "yaml"),
    ("*.sh", "shell"),
    ("*.bash", "shell"),
    ("*.zsh", "shell"),
    (".bashrc", "shell"),
    (".bash_profile", "shell"),
    (".profile", "shell"),
    (".zshrc", "shell"),
    ("*.toml", "toml"),
    ("Pipfile", "toml"),
    ("*.ini", "ini"),
    ("*.cfg", "ini"),
    (".editorconfig", "ini"),
    (".flake8", "ini"),
    (".coveragerc", "ini"),
    (".pylintrc", "ini"),
    ("pylintrc", "ini"),
    (".env", "dotenv"),
    (".env.*", "dotenv"),
    ("*.env", "dotenv"),
    ("*.md", "markdown"),
    ("*.markdown", "markdown"),
    ("*.rst", "rst"),
    ("NOTES.txt", "helm_notes"),
)
