from bot.katalog import KATALOG, mahsulotni_topish
from bot.savat import Mahsulot, Savat, narxni_formatlash


def test_jami_narx() -> None:
    savat = Savat()
    savat.qoshish(Mahsulot(nomi="Non", narxi=5_000))
    savat.qoshish(KATALOG["choy"])
    assert savat.jami_narx() == 33_000
    assert not savat.bosh()


def test_narxni_formatlash() -> None:
    assert narxni_formatlash(125000) == "125 000"


def test_mahsulotni_topish() -> None:
    # katta harflar va bo'sh joylar ahamiyatsiz
    assert mahsulotni_topish(" SUT ") == KATALOG["sut"]
    assert mahsulotni_topish("olma") is None
