"""VAT (Umsatzsteuer) helpers for the bookkeeping CLI."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Steuersaetze laut UStG, Stand 2024
REGELSATZ = Decimal("0.19")
ERMAESSIGT = Decimal("0.07")
CENT = Decimal("0.01")  # smallest unit we book


@dataclass(frozen=True)
class Rechnungsposten:
    """Eine Zeile auf der Rechnung, Betrag immer netto."""

    bezeichnung: str
    netto: Decimal
    ermaessigt: bool = False

    @property
    def steuersatz(self) -> Decimal:
        return ERMAESSIGT if self.ermaessigt else REGELSATZ


def round_cents(value: Decimal) -> Decimal:
    # kaufmännisch runden, nicht Banker's rounding
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def berechne_steuer(posten: list[Rechnungsposten]) -> dict[str, Decimal]:
    """Summiert Netto, Steuer und Brutto getrennt nach Steuersatz."""
    summen: dict[str, Decimal] = {"netto": Decimal(0), "ust_19": Decimal(0), "ust_7": Decimal(0)}
    for p in posten:
        steuer = round_cents(p.netto * p.steuersatz)
        summen["netto"] += p.netto
        summen["ust_7" if p.ermaessigt else "ust_19"] += steuer
    summen["brutto"] = summen["netto"] + summen["ust_19"] + summen["ust_7"]
    return summen


def reverse_charge_note(country_code: str) -> str | None:
    """Return the invoice note required for EU reverse charge, or None inside Germany."""
    if country_code == "DE":
        return None
    return "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)"


def parse_amount(text: str) -> Decimal:
    # 1.234,56 -> 1234.56
    cleaned = text.strip().replace("€", "").replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except ArithmeticError as exc:
        raise ValueError(f"Ungueltiger Betrag: {text!r}") from exc
