"""Запуск бота: регистрирует обработчики и начинает опрос Telegram."""
from __future__ import annotations

import asyncio
import os


async def ishga_tushirish() -> None:
    # aiogram faqat ishga tushirishda kerak, testlar usiz ishlaydi
    from aiogram import Bot, Dispatcher
    from aiogram.filters import Command, CommandStart

    from bot import handlers

    bot = Bot(token=os.environ["BOT_TOKEN"])
    dp = Dispatcher()
    dp.message.register(handlers.start, CommandStart())
    dp.message.register(handlers.savatni_korsatish, Command("savat"))
    dp.message.register(handlers.buyurtma_berish, Command("buyurtma"))
    await dp.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(ishga_tushirish())
