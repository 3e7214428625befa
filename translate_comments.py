#!/usr/bin/env python3
"""The one-off migration to English code: `python translate_comments.py [PATH] [--write] ...`.

The same as `english-guard migrate`; see docs/migration.md.
"""

from english_guard.commands.migrate import migrate

if __name__ == "__main__":
    migrate(prog_name="translate_comments.py")
