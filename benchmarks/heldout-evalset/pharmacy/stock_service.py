"""Stock operations: receive, sell (FEFO) and write off expired batches."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pharmacy.models import Partiya, Preparat, StockMovement

log = logging.getLogger(__name__)

SROK_PREDUPREZHDENIYA = timedelta(days=30)


class NedostatochnoTovara(Exception):
    """Не хватает остатка для продажи."""


def prinyat_partiyu(db: Session, preparat: Preparat, kolichestvo: int, srok: date, tsena) -> Partiya:
    """Receive a new batch of a drug into stock."""
    if kolichestvo <= 0:
        raise ValueError(f"kolichestvo must be positive, got {kolichestvo}")
    partiya = Partiya(preparat=preparat, ostatok=kolichestvo, srok_godnosti=srok, zakupochnaya_tsena=tsena)
    db.add(partiya)
    db.flush()
    db.add(StockMovement(partiya_id=partiya.id, qty=kolichestvo, reason="receipt"))
    log.info("Принята партия %s: %s шт.", preparat.nazvanie, kolichestvo)
    return partiya


def prodat(db: Session, preparat_id: int, qty: int) -> list[tuple[int, int]]:
    # Сначала списываем партии с ближайшим сроком годности (FEFO)
    stmt = (
        select(Partiya)
        .where(Partiya.preparat_id == preparat_id, Partiya.ostatok > 0, Partiya.srok_godnosti > date.today())
        .order_by(Partiya.srok_godnosti)
    )
    ostalos = qty
    spisano: list[tuple[int, int]] = []
    for partiya in db.scalars(stmt):
        vzyat = min(partiya.ostatok, ostalos)
        partiya.ostatok -= vzyat
        spisano.append((partiya.id, vzyat))
        db.add(StockMovement(partiya_id=partiya.id, qty=-vzyat, reason="sale"))
        ostalos -= vzyat
        if ostalos == 0:
            break
    if ostalos:
        db.rollback()
        raise NedostatochnoTovara(f"Недостаточно товара: не хватает {ostalos} шт.")
    return spisano


def write_off_expired(db: Session, today: date | None = None) -> int:
    """Write off every expired batch and return how many units were removed."""
    today = today or date.today()
    # ISO dates compare correctly, no timezone games here
    total = 0
    for partiya in db.scalars(select(Partiya).where(Partiya.srok_godnosti <= today, Partiya.ostatok > 0)):
        db.add(StockMovement(partiya_id=partiya.id, qty=-partiya.ostatok, reason="writeoff", comment="истёк срок"))
        total += partiya.ostatok
        partiya.ostatok = 0
    log.warning("written off %d units (expired before %s)", total, today)
    return total


def skoro_istekayut(db: Session) -> list[Partiya]:
    granitsa = date.today() + SROK_PREDUPREZHDENIYA
    # TODO(dmitry): учитывать часовой пояс аптеки
    return list(db.scalars(select(Partiya).where(Partiya.srok_godnosti <= granitsa, Partiya.ostatok > 0)))
