import asyncio

from bot import handlers
from bot.klaviatura import asosiy_menyu
from tests.soxta import SoxtaFoydalanuvchi, SoxtaXabar


def yangi_xabar(foydalanuvchi_id: int = 1) -> SoxtaXabar:
    handlers.savatlar.clear()
    return SoxtaXabar(SoxtaFoydalanuvchi(foydalanuvchi_id, "Aziz"))


def test_start() -> None:
    xabar = yangi_xabar()
    asyncio.run(handlers.start(xabar))
    assert xabar.javoblar == ["Assalomu alaykum, Aziz! Do'konimizga xush kelibsiz."]


def test_qoshish_va_savat() -> None:
    xabar = yangi_xabar()
    asyncio.run(handlers.qoshish(xabar, "non"))
    asyncio.run(handlers.qoshish(xabar, "choy"))
    asyncio.run(handlers.qoshish(xabar, "olma"))
    asyncio.run(handlers.savatni_korsatish(xabar))
    assert xabar.javoblar == [
        "Non savatga qo'shildi",
        "Choy savatga qo'shildi",
        "Bunday mahsulot topilmadi",
        "- Non: 5 000 so'm\n- Choy: 28 000 so'm",
        "Jami: 33 000 so'm",
    ]


def test_bosh_savat_va_buyurtma() -> None:
    xabar = yangi_xabar()
    asyncio.run(handlers.savatni_korsatish(xabar))
    asyncio.run(handlers.buyurtma_berish(xabar))
    asyncio.run(handlers.qoshish(xabar, "sut"))
    asyncio.run(handlers.buyurtma_berish(xabar))
    assert xabar.javoblar == [
        "Savatingiz bo'sh",
        "Avval savatga mahsulot qo'shing",
        "Sut savatga qo'shildi",
        "Buyurtmangiz qabul qilindi! To'lov summasi: 12 000 so'm",
    ]


def test_asosiy_menyu() -> None:
    matnlar = [[tugma.text for tugma in qator] for qator in asosiy_menyu()]
    assert matnlar == [["Katalog", "Savat"], ["Buyurtma berish"]]
