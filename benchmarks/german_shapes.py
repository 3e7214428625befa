"""German as real code writes it (issue 10): how many of 80 German items of each shape the check finds.

Each item (a comment, identifier, docstring or string of one shape: ASCII spellings without umlauts, long
compounds, compounds with English parts or hyphens, function words, a gloss, column lists, one-word
identifiers) is planted in an English module of its own. `--alone` checks each module as a project of its
own (nothing but English around it); without it, all modules are one project beside one German module.
Written for the project (no third-party text).

    python benchmarks/german_shapes.py "english-guard" [--alone] [-v]
"""

from __future__ import annotations

import json
import pathlib
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ENGLISH_BODY = '''"""Helpers for reading the input files."""


def read_rows(path):
    """Return the rows of the file at path."""
    with open(path) as handle:
        return handle.readlines()
'''

COMMENTS = [
    # ASCII transliterations
    "Rueckgabe der Groesse in Bytes",
    "Groesse pruefen",
    "Strasse und Hausnummer",
    "Eintraege loeschen",
    "Schluessel fuer die Waehrung",
    # compounds
    "Steuerjahr bestimmen",
    "Kundennummer validieren",
    "Rechnungsbetrag berechnen",
    "Mehrwertsteuersatz anwenden",
    "Rechnungsbetrag inklusive Mehrwertsteuersatz",
    # compounds with English parts / hyphens
    "CSV-Export fuer die Buchhaltung",
    "Export-Datei schreiben",
    "Excel-Datei einlesen",
    "Daten aus der API-Antwort lesen",
    # function words
    "von 1 bis 10",
    "nicht leer",
    "nur wenn nicht gesetzt",
    "Werte von links nach rechts",
    # gloss
    "VAT (Umsatzsteuer) is added here",
    # column lists
    "Spalten: Kundennummer, Rechnungsbetrag, Steuerjahr",
    "Kundennummer, Name, Strasse, Postleitzahl",
    # ordinary sentences
    "Hier wird die Datei gespeichert",
    "TODO: Fehlerbehandlung einbauen",
    "Liste der Benutzer holen",
    "Zeitraum pruefen",
    "Startdatum muss vor Enddatum liegen",
    "alle Werte addieren",
    "Anzahl der Zeilen",
    "Ausgabe formatieren",
    "Daten laden",
]
IDENTIFIERS = [
    "netto",
    "brutto",
    "anzahl",
    "betrag",
    "steuerjahr",
    "kundennummer",
    "rechnungsbetrag",
    "mehrwertsteuersatz",
    "groesse",
    "rueckgabe",
    "strasse",
    "export_datei",
    "csv_export_pfad",
    "zeilen_anzahl",
    "summe",
    "eintraege",
    "schluessel",
    "waehrung",
    "ergebnis",
    "zeitraum",
    "startdatum",
    "enddatum",
    "benutzername",
    "dateiname",
    "ausgabe",
    "eingabe",
    "wert",
    "werte",
    "liste_leeren",
    "get_kunden",
    "berechne_summe",
    "speichern",
    "laden",
    "preis",
    "menge",
    "lieferadresse",
    "bestellnummer",
    "artikelnummer",
    "rechnung",
    "kunde",
]
DOCSTRINGS = [
    "Berechnet den Rechnungsbetrag.",
    "Gibt die Groesse zurueck.",
    "Liest die Export-Datei ein.",
    "Prueft die Kundennummer.",
    "Liefert die Anzahl der Eintraege.",
]
STRINGS = [
    'print("Datei nicht gefunden")',
    'raise ValueError("Ungueltige Kundennummer")',
    'print("Export abgeschlossen")',
    'label = "Rechnungsbetrag"',
    'print(f"Anzahl: {n}")',
]


GERMAN_FILES = [
    '''"""Hilfsfunktionen fuer die Rechnungen."""


def gesamt(positionen):
    """Berechnet die Summe aller Positionen."""
    # Alle Positionen durchgehen und addieren
    return sum(p.preis for p in positionen)
''',
]


def cases():  # (kind, item, module text)
    for text in COMMENTS:
        yield "comment", text, ENGLISH_BODY + f"\n\ndef helper(value):\n    # {text}\n    return value\n"
    for name in IDENTIFIERS:
        yield "identifier", name, ENGLISH_BODY + f"\n\ndef {name}(value):\n    return value\n"
    for text in DOCSTRINGS:
        yield "docstring", text, ENGLISH_BODY + f'\n\ndef helper(value):\n    """{text}"""\n    return value\n'
    for stmt in STRINGS:
        yield "string", stmt, ENGLISH_BODY + f"\n\ndef helper(n):\n    {stmt}\n"


def run(tool: str, paths: list[pathlib.Path]) -> list[dict]:
    command = [*shlex.split(tool), "check", "--format", "json", "--no-cache", *map(str, paths)]
    out = subprocess.run(command, capture_output=True, text=True)
    return json.loads(out.stdout)["findings"]


def _write_modules(root: pathlib.Path, alone: bool) -> list[tuple[str, str, pathlib.Path]]:
    """Each item in a module of its own (in a folder of its own with `alone`): (kind, item, path)."""
    (root / "pyproject.toml").write_text('[project]\nname = "rowreader"\n')
    planted = []
    for index, (kind, item, source) in enumerate(cases()):
        folder = root / f"p{index:03d}" if alone else root
        folder.mkdir(exist_ok=True)
        path = folder / f"m{index:03d}.py"
        path.write_text(source)
        planted.append((kind, item, path))
    if not alone:
        for index, source in enumerate(GERMAN_FILES):
            (root / f"g{index}.py").write_text(source)
    return planted


def main() -> None:
    tool = sys.argv[1]
    verbose = "-v" in sys.argv
    alone = "--alone" in sys.argv
    totals: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        planted = _write_modules(pathlib.Path(tmp), alone)
        if alone:
            with ThreadPoolExecutor(2) as pool:
                findings = [f for part in pool.map(lambda item: run(tool, [item[2]]), planted) for f in part]
        else:
            findings = run(tool, [pathlib.Path(tmp)])
        by_module: dict[str, list[dict]] = {}
        for finding in findings:
            by_module.setdefault(pathlib.Path(finding["path"]).name, []).append(finding)
        for kind, item, path in planted:
            # Any finding in the module counts: its English body alone gives none.
            got = by_module.get(path.name, [])
            found, total = totals.get(kind, (0, 0))
            totals[kind] = (found + bool(got), total + 1)
            if verbose or not got:
                print("FOUND " if got else "MISS  ", kind, item, [g["message"][:60] for g in got])
    for kind, (found, total) in totals.items():
        print(f"{kind}: {found}/{total}")
    print("all:", sum(f for f, _ in totals.values()), "/", sum(t for _, t in totals.values()))


if __name__ == "__main__":
    main()
