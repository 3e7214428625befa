from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from hotel.main import app
from hotel.pricing import calcular_precio

client = TestClient(app)  # shares the dev SQLite file

MANANA = date.today() + timedelta(days=1)


def payload(**cambios):
    base = {
        "huesped": {"nombre": "Lucía", "apellidos": "Fernández Ruiz", "email": "lucia@example.es", "documento": "X1234567L"},
        "tipo": "doble",
        "llegada": MANANA.isoformat(),
        "salida": (MANANA + timedelta(days=2)).isoformat(),
    }
    base.update(cambios)
    return base


def test_reserva_en_el_pasado_falla():
    resp = client.post("/v2/reservas", json=payload(llegada="2020-01-01"))
    assert resp.status_code == 422
    assert "no puede estar en el pasado" in resp.text


def test_salida_antes_de_llegada():
    resp = client.post("/v2/reservas", json=payload(salida=MANANA.isoformat()))
    assert "debe ser posterior" in resp.text


def test_cancel_unknown_booking():
    resp = client.delete("/v2/reservas/ZZZZZZ")
    assert resp.status_code == 404
    assert resp.json()["detail"] == "Reserva no encontrada"


@pytest.mark.parametrize(
    ("tipo", "expected"),
    [("individual", 94.0), ("suite", 284.0)],
)
def test_precio_dos_noches_temporada_baja(tipo, expected):
    # dos noches de martes a jueves en marzo, un adulto
    assert calcular_precio(tipo, date(2026, 3, 3), date(2026, 3, 5)) == expected
