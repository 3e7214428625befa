"""Pydantic schemas of the booking API (Casa Azul hostels)."""

from datetime import date
from enum import Enum

from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator


class TipoHabitacion(str, Enum):
    individual = "individual"
    doble = "doble"
    suite = "suite"
    dormitorio = "dormitorio"  # litera en habitación compartida


class HuespedIn(BaseModel):
    nombre: str = Field(min_length=2, max_length=80)
    apellidos: str
    email: EmailStr
    telefono: str | None = None
    documento: str = Field(description="DNI, NIE o pasaporte")


class ReservaIn(BaseModel):
    """Datos que envía el formulario de reserva."""

    huesped: HuespedIn
    tipo: TipoHabitacion
    llegada: date
    salida: date
    adults: int = Field(default=1, ge=1, le=6)
    children: int = 0  # under 12, stay free
    promo_code: str | None = None

    @field_validator("llegada")
    @classmethod
    def no_en_el_pasado(cls, v: date) -> date:
        if v < date.today():
            raise ValueError("La fecha de llegada no puede estar en el pasado")
        return v

    @model_validator(mode="after")
    def check_dates(self):
        if self.salida <= self.llegada:
            raise ValueError("La fecha de salida debe ser posterior a la de llegada")
        # máximo 30 noches por reserva online
        if (self.salida - self.llegada).days > 30:
            raise ValueError("No se admiten reservas de más de 30 noches")
        return self


class ReservaOut(BaseModel):
    id: int
    localizador: str
    total_eur: float
    estado: str = "confirmada"
