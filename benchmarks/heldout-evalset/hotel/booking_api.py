"""FastAPI routes for room availability and reservations."""

import secrets
import string
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.orm import Session

from hotel.db import Habitacion, Reserva, get_db
from hotel.pricing import calcular_precio
from hotel.schemas import ReservaIn, ReservaOut

router = APIRouter(prefix="/v2/reservas", tags=["reservas"])

ALPHABET = string.ascii_uppercase + string.digits


def new_locator(length: int = 6) -> str:
    """Genera un código de reserva tipo 'K7QX2M'."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def free_rooms(db: Session, tipo: str, llegada: date, salida: date) -> list:
    taken = (
        db.query(Reserva.habitacion_id)
        .filter(Reserva.llegada < salida, Reserva.salida > llegada, Reserva.estado != "cancelada")
        .subquery()
    )
    return db.query(Habitacion).filter(Habitacion.tipo == tipo, Habitacion.id.not_in(taken)).all()


@router.post("", response_model=ReservaOut, status_code=status.HTTP_201_CREATED)
def create_booking(data: ReservaIn, db: Session = Depends(get_db)):
    free = free_rooms(db, data.tipo.value, data.llegada, data.salida)
    if not free:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="No quedan habitaciones de ese tipo para esas fechas")
    price = calcular_precio(data.tipo.value, data.llegada, data.salida, data.adults, data.promo_code)
    booking = Reserva(
        habitacion_id=free[0].id,
        localizador=new_locator(),
        llegada=data.llegada,
        salida=data.salida,
        total_eur=price,
        email=data.huesped.email,
    )
    db.add(booking)
    # TODO: send the confirmation e-mail from a background task
    db.commit()
    return booking


@router.delete("/{localizador}")
def cancel_booking(localizador: str, db: Session = Depends(get_db)):
    booking = db.query(Reserva).filter_by(localizador=localizador.upper()).first()
    if booking is None:
        raise HTTPException(404, detail="Reserva no encontrada")
    if booking.llegada <= date.today():
        # ya no se puede cancelar online, hay que llamar a recepción
        raise HTTPException(422, detail="La reserva ya no se puede cancelar en línea")
    booking.estado = "cancelada"
    db.commit()
    return {"ok": True, "message": "Reserva cancelada. Recibirá un correo de confirmación."}
