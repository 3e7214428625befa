"""Bot tugmalari."""
from __future__ import annotations

from bot.katalog import KATALOG


class KeyboardButton:
    """aiogram.types.KeyboardButton bilan bir xil: faqat matn."""

    def __init__(self, text: str) -> None:
        self.text = text


def asosiy_menyu() -> list[list[KeyboardButton]]:
    # tugmalar ro'yxati
    return [
        [KeyboardButton("Katalog"), KeyboardButton("Savat")],
        [KeyboardButton(text="Buyurtma berish")],
    ]


def katalog_tugmalari() -> list[KeyboardButton]:
    return [KeyboardButton(mahsulot.nomi) for mahsulot in KATALOG.values()]
