"""english-guard: enforce an English-only code policy and help a team get there."""

__version__ = "0.1.0"

# Where english-guard is developed and installed from: it is not on PyPI; pip installs it with
# "git+REPOSITORY_URL@<commit or tag>" (see RELEASING.md).
REPOSITORY_URL = "https://github.com/english-guard/english-guard"
