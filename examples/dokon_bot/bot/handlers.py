"""Обработчики сообщений бота."""
from __future__ import annotations

import logging

from bot.katalog import mahsulotni_topish
from bot.klaviatura import asosiy_menyu
from bot.savat import Savat, narxni_formatlash

logger = logging.getLogger(__name__)

# foydalanuvchi savatlari
savatlar: dict[int, Savat] = {}


def foydalanuvchi_savati(foydalanuvchi_id: int) -> Savat:
    """Foydalanuvchining savatini qaytaradi, yo'q bo'lsa yangisini yaratadi."""
    return savatlar.setdefault(foydalanuvchi_id, Savat())


async def start(message) -> None:
    ism = message.from_user.first_name
    await message.answer(f"Assalomu alaykum, {ism}! Do'konimizga xush kelibsiz.", reply_markup=asosiy_menyu())


async def qoshish(message, kod: str) -> None:
    """Добавляет товар в корзину пользователя."""
    mahsulot = mahsulotni_topish(kod)
    if mahsulot is None:
        await message.answer("Bunday mahsulot topilmadi")
        return
    savat = foydalanuvchi_savati(message.from_user.id)
    savat.qoshish(mahsulot)
    logger.info("mahsulot qo'shildi: %s", mahsulot.nomi)
    await message.answer(f"{mahsulot.nomi} savatga qo'shildi")


async def savatni_korsatish(message) -> None:
    savat = foydalanuvchi_savati(message.from_user.id)
    if savat.bosh():
        await message.answer("Savatingiz bo'sh")
        return
    # har bir mahsulot alohida qatorda
    qatorlar = [f"- {m.nomi}: {narxni_formatlash(m.narxi)} so'm" for m in savat.mahsulotlar]
    jami = narxni_formatlash(savat.jami_narx())
    await message.answer("\n".join(qatorlar))
    await message.answer("Jami: %s so'm" % jami)


async def buyurtma_berish(message) -> None:
    savat = foydalanuvchi_savati(message.from_user.id)
    if savat.bosh():
        await message.answer("Avval savatga mahsulot qo'shing")
        return
    jami = savat.jami_narx()
    savat.tozalash()
    await message.answer(f"Buyurtmangiz qabul qilindi! To'lov summasi: {narxni_formatlash(jami)} so'm")
