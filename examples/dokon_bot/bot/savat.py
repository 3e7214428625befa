"""Savat va mahsulotlar bilan ishlash."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mahsulot:
    """Katalogdagi bitta mahsulot."""

    nomi: str
    narxi: int  # narx so'mda


@dataclass
class Savat:
    """Foydalanuvchi savati."""

    mahsulotlar: list[Mahsulot] = field(default_factory=list)

    def qoshish(self, mahsulot: Mahsulot) -> None:
        """Mahsulotni savatga qo'shish."""
        self.mahsulotlar.append(mahsulot)

    def tozalash(self) -> None:
        self.mahsulotlar.clear()

    def jami_narx(self) -> int:
        # jami narxni hisoblash
        return sum(mahsulot.narxi for mahsulot in self.mahsulotlar)

    def bosh(self) -> bool:
        return not self.mahsulotlar


def narxni_formatlash(summa: int) -> str:
    # Minglarni bo'sh joy bilan ajratamiz: 125000 -> "125 000"
    return f"{summa:,}".replace(",", " ")
