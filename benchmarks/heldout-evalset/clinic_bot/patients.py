"""Patient records: lookup by phone, visit history, merging duplicates."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from clinic_bot.db import Bemor, Qabul, session_scope

# Uzbek mobile numbers only, with or without the plus sign
PHONE_RE = re.compile(r"^\+?998\d{9}$")


@dataclass
class BemorKarta:
    bemorId: int
    toliqIsm: str
    tugilganYil: int | None = None
    tashriflar: list[datetime] = field(default_factory=list)

    @property
    def yoshi(self) -> int | None:
        # taxminiy
        if self.tugilganYil is None:
            return None
        return datetime.now().year - self.tugilganYil


def getBemorByPhone(phone: str) -> BemorKarta | None:
    if not PHONE_RE.match(phone):
        raise ValueError("Telefon raqam notoʻgʻri formatda: " + phone)
    with session_scope() as db:
        bemor = db.query(Bemor).filter_by(telefon=phone).one_or_none()
        if bemor is None:
            return None
        return BemorKarta(bemorId=bemor.id, toliqIsm=bemor.fio, tugilganYil=bemor.tugilgan_yil)


def getBemorTarixi(bemorId: int, limit: int = 20) -> list[datetime]:
    with session_scope() as db:
        rows = db.query(Qabul.boshlanish).filter(Qabul.bemor_id == bemorId).order_by(Qabul.boshlanish.desc()).limit(limit)
        return [r.boshlanish for r in rows]


def mergeDuplicates(asosiy: int, dublikat: int) -> int:
    """Ikki karta bitta odamga tegishli boʻlsa, tashriflarni asosiy kartaga koʻchiradi."""
    with session_scope() as db:
        moved = db.query(Qabul).filter(Qabul.bemor_id == dublikat).update({"bemor_id": asosiy})
        db.query(Bemor).filter_by(id=dublikat).delete()
        # eski usul:
        # for q in db.query(Qabul).filter_by(bemor_id=dublikat):
        #     q.bemor_id = asosiy
        return moved


def formatKarta(karta: BemorKarta) -> str:
    yosh = f", {karta.yoshi} yosh" if karta.yoshi else ""
    return f"👤 {karta.toliqIsm}{yosh}\nTashriflar soni: {len(karta.tashriflar)}"  # vaqtincha
