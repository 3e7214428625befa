"""Soxta aiogram obyektlari: testlar aiogram o'rnatilmagan holda ishlaydi."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SoxtaFoydalanuvchi:
    id: int
    first_name: str


@dataclass
class SoxtaXabar:
    """aiogram Message o'rniga: javoblarni ro'yxatga yozib boradi."""

    from_user: SoxtaFoydalanuvchi
    javoblar: list[str] = field(default_factory=list)

    async def answer(self, text: str, **kwargs) -> None:
        self.javoblar.append(text)
