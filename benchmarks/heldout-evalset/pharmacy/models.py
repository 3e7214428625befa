"""SQLAlchemy models of the pharmacy stock service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


# SQLAlchemy 2.0 typed declarative mapping
class Base(DeclarativeBase):
    pass


class Preparat(Base):
    """Лекарственный препарат из справочника."""

    __tablename__ = "preparaty"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nazvanie: Mapped[str] = mapped_column(String(200), index=True)
    mnn: Mapped[str | None] = mapped_column(String(200))  # международное непатентованное название
    po_receptu: Mapped[bool] = mapped_column(Boolean, default=False)
    barcode: Mapped[str] = mapped_column(String(14), unique=True)
    manufacturer: Mapped[str] = mapped_column(String(120), default="Bayer AG")

    partii: Mapped[list[Partiya]] = relationship(back_populates="preparat")

    def __repr__(self) -> str:
        return f"<Preparat {self.id} {self.nazvanie!r}>"


class Partiya(Base):
    __tablename__ = "partii"

    id: Mapped[int] = mapped_column(primary_key=True)
    preparat_id: Mapped[int] = mapped_column(ForeignKey("preparaty.id"))
    srok_godnosti: Mapped[date] = mapped_column(Date)
    ostatok: Mapped[int] = mapped_column(default=0)
    zakupochnaya_tsena: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    warehouse_code: Mapped[str] = mapped_column(String(8), default="TAS-01")

    preparat: Mapped[Preparat] = relationship(back_populates="partii")

    @property
    def prosrochena(self) -> bool:
        # партия считается просроченной в день окончания срока
        return self.srok_godnosti <= date.today()


class StockMovement(Base):
    """One receipt, sale or write-off of a batch."""

    __tablename__ = "stock_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    partiya_id: Mapped[int] = mapped_column(ForeignKey("partii.id"))
    qty: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))  # receipt / sale / writeoff
    comment: Mapped[str | None] = mapped_column(String(255))
