"""english-guard: enforce an English-only code policy and help a team get there."""

__version__ = "0.1.0"
