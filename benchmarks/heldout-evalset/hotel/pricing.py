"""Nightly price rules, ported from the Lisbon team's spreadsheet."""

from datetime import date, timedelta

# preços base por noite, em euros (época baixa)
PRECO_BASE = {"individual": 45.0, "doble": 70.0, "suite": 140.0, "dormitorio": 22.0}
ALTA_TEMPORADA = [(6, 15, 9, 15), (12, 20, 1, 6)]
TAXA_TURISTICA = 2.0  # por pessoa e por noite, máximo 7 noites
DESCONTOS = {"VERAO10": 0.10, "AMIGO": 0.05}


def e_alta_temporada(dia: date) -> bool:
    """Verifica se o dia cai numa das janelas de época alta."""
    for m_start, d_start, m_end, d_end in ALTA_TEMPORADA:
        start = (m_start, d_start)
        end = (m_end, d_end)
        current = (dia.month, dia.day)
        if start <= end and start <= current <= end:
            return True
        if start > end and (current >= start or current <= end):
            return True
    return False


def noites(llegada: date, salida: date):
    d = llegada
    while d < salida:
        yield d
        d += timedelta(days=1)


def calcular_precio(tipo: str, llegada: date, salida: date, adults: int = 1, promo: str | None = None) -> float:
    total = 0.0
    for dia in noites(llegada, salida):
        nightly = PRECO_BASE[tipo]
        if e_alta_temporada(dia):
            nightly *= 1.35
        if dia.weekday() >= 4:  # sexta e sábado
            nightly += 10
        total += nightly
    nights_count = (salida - llegada).days
    total += TAXA_TURISTICA * adults * min(nights_count, 7)
    if promo:
        total *= 1 - DESCONTOS.get(promo.upper(), 0.0)
    return round(total, 2)  # pragma: no mutate
