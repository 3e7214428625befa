#!/usr/bin/env python3
"""buchhalter: a small command line tool for quarterly VAT returns."""

import argparse
import csv
import sys
from decimal import Decimal
from pathlib import Path

from tax_cli.vat import Rechnungsposten, berechne_steuer, parse_amount

QUARTALE = {1: ("01", "03"), 2: ("04", "06"), 3: ("07", "09"), 4: ("10", "12")}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buchhalter", description="Umsatzsteuer-Voranmeldung aus einer CSV-Datei erstellen.")
    parser.add_argument("csvfile", type=Path, help="CSV-Export aus dem Kassensystem")
    parser.add_argument("-q", "--quartal", type=int, choices=sorted(QUARTALE), required=True, help="Quartal (1-4)")
    parser.add_argument("--jahr", type=int, default=2025, help="Steuerjahr")
    parser.add_argument("--delimiter", default=";", help="field separator of the CSV file")
    parser.add_argument("-v", "--verbose", action="store_true", help="Alle Buchungen einzeln ausgeben")
    return parser


def lese_buchungen(path: Path, delimiter: str) -> list[Rechnungsposten]:
    posten = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh, delimiter=delimiter):
            # Spalten: Datum;Text;Netto;Satz
            posten.append(
                Rechnungsposten(
                    bezeichnung=row["Text"],
                    netto=parse_amount(row["Netto"]),
                    ermaessigt=row.get("Satz", "19").strip() == "7",
                )
            )
    return posten


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # exit codes: 0 ok, 1 bad data, 2 missing file
    if not args.csvfile.exists():
        print(f"Datei nicht gefunden: {args.csvfile}", file=sys.stderr)
        return 2
    try:
        posten = lese_buchungen(args.csvfile, args.delimiter)
    except (KeyError, ValueError) as exc:
        print(f"Fehler beim Einlesen: {exc}", file=sys.stderr)
        return 1
    if args.verbose:
        for p in posten:
            print(f"  {p.bezeichnung:<40} {p.netto:>10} EUR")
    summen = berechne_steuer(posten)
    von, bis = QUARTALE[args.quartal]
    print(f"Zeitraum {von}/{args.jahr} bis {bis}/{args.jahr}")
    print(f"Nettoumsatz:      {summen['netto']:>12} EUR")
    print(f"USt 19 %:         {summen['ust_19']:>12} EUR")
    print(f"USt 7 %:          {summen['ust_7']:>12} EUR")
    if summen["brutto"] > Decimal("100000"):
        print("Hinweis: Umsatz über der Kleinunternehmergrenze.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
