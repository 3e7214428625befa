from decimal import Decimal

import pytest

from tax_cli.cli import main
from tax_cli.vat import Rechnungsposten, berechne_steuer, parse_amount, reverse_charge_note


def test_gemischte_steuersaetze():
    posten = [
        Rechnungsposten("Beratung", Decimal("1000.00")),
        Rechnungsposten("Fachbuch", Decimal("50.00"), ermaessigt=True),
    ]
    summen = berechne_steuer(posten)
    assert summen["ust_19"] == Decimal("190.00")
    assert summen["ust_7"] == Decimal("3.50")
    assert summen["brutto"] == Decimal("1243.50")


@pytest.mark.parametrize(("raw", "expected"), [("1.234,56", "1234.56"), ("12,00 €", "12.00"), ("0,99", "0.99")])
def test_parse_amount(raw, expected):
    assert parse_amount(raw) == Decimal(expected)


def test_invalid_amount_message():
    with pytest.raises(ValueError, match="Ungueltiger Betrag"):
        parse_amount("zwölf")


def test_reverse_charge_only_abroad():
    assert reverse_charge_note("DE") is None
    assert "Reverse Charge" in reverse_charge_note("AT")


def test_cli_missing_file(tmp_path, capsys):
    code = main([str(tmp_path / "fehlt.csv"), "--quartal", "2"])
    assert code == 2
    assert "Datei nicht gefunden" in capsys.readouterr().err


# End-to-end: write a tiny CSV export and run the CLI on it.
def test_cli_prints_totals(tmp_path, capsys):
    datei = tmp_path / "kasse.csv"
    datei.write_text("Datum;Text;Netto;Satz\n01.04.2025;Miete Lager;500,00;19\n", encoding="utf-8")
    assert main([str(datei), "-q", "2"]) == 0
    out = capsys.readouterr().out
    assert "Nettoumsatz:" in out
    assert "95.00 EUR" in out
