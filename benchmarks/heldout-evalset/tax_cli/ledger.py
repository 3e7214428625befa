"""Double-entry ledger export for the Almaty branch (1C compatible)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

# Шоттар жоспары: 1010 - касса, 1030 - банктегі ақша, 6010 - табыс
KASSA, BANK, TABYS = "1010", "1030", "6010"


class LedgerError(Exception):
    pass


class Ledger:
    def __init__(self, company: str, currency: str = "KZT") -> None:
        self.company = company
        self.currency = currency
        # (date, debit, credit, amount, memo)
        self.entries: list[tuple[dt.date, str, str, Decimal, str]] = []

    def post(self, day: dt.date, debit: str, credit: str, amount: Decimal, memo: str = "") -> None:
        """Record one double entry; amount is in tenge (tïın as decimals)."""
        if amount <= 0:
            raise LedgerError("Сома оң сан болуы керек")
        if debit == credit:
            raise LedgerError(f"debit and credit are the same account {debit}")
        self.entries.append((day, debit, credit, amount, memo))

    def balances(self) -> dict[str, Decimal]:
        qaldyq: dict[str, Decimal] = defaultdict(Decimal)
        for _day, debit, credit, amount, _memo in self.entries:
            qaldyq[debit] += amount
            qaldyq[credit] -= amount
        return dict(qaldyq)

    def export_1c(self) -> list[str]:
        lines = ["Күні;Дебет;Кредит;Сомасы;Түсініктеме"]
        for day, debit, credit, amount, memo in sorted(self.entries):
            lines.append(f"{day:%d.%m.%Y};{debit};{credit};{amount};{memo}")
        return lines


def kunduzgi_tusim(ledger: Ledger, day: dt.date, cash: Decimal, card: Decimal) -> None:
    # күндізгі түсім: қолма-қол және карта бөлек жазылады
    if cash:
        ledger.post(day, KASSA, TABYS, cash, "Қолма-қол түсім")
    if card:
        ledger.post(day, BANK, TABYS, card, "Kaspi Pay card payments")
