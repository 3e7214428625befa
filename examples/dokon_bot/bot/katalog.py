"""Каталог товаров магазина."""
from __future__ import annotations

from bot.savat import Mahsulot

# список товаров
KATALOG: dict[str, Mahsulot] = {
    "non": Mahsulot("Non", 5_000),
    "sut": Mahsulot("Sut", 12_000),
    "choy": Mahsulot("Choy", 28_000),
}


def mahsulotni_topish(kod: str) -> Mahsulot | None:
    """Возвращает товар по его коду или None, если такого товара нет."""
    return KATALOG.get(kod.strip().lower())
