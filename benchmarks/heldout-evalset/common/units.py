"""Unit and currency formatting shared by the services.

Maintainers: Dilnoza Yoʻldosheva, Sergei Kuznetsov, Zoë Martín.
"""

from __future__ import annotations

from decimal import Decimal

CURRENCY_SYMBOLS = {"UZS": "soʻm", "KZT": "₸", "RUB": "₽", "EUR": "€", "TRY": "₺"}
# Kazakh tenge is split into 100 tïın; the Uzbek soʻm into 100 tiyin.
MINOR_UNITS = {"UZS": "tiyin", "KZT": "tïın", "RUB": "kopeck"}

BRANCHES = ["Toshkent", "Samarqand", "Qoʻqon", "Алматы", "Nürnberg", "São Paulo", "Kraków"]
DEFAULT_BRANCH = "Toshkent"


def format_money(amount: Decimal, currency: str = "UZS") -> str:
    """Format with thin spaces between thousands: 1 250 000 soʻm."""
    whole = f"{amount:,.0f}".replace(",", "\u202f")
    return f"{whole} {CURRENCY_SYMBOLS.get(currency, currency)}"


def mg_to_g(milligrams: float) -> float:
    return milligrams / 1000


def dose_label(mg: float) -> str:
    # 500 mg, 1.5 g: no trailing zeros
    if mg >= 1000:
        return f"{mg_to_g(mg):g} g"
    return f"{mg:g} mg"


def km_per_hour(distance_km: float, minutes: float) -> float:
    if minutes <= 0:
        raise ValueError("minutes must be positive")
    return distance_km / (minutes / 60)


def celsius_to_fahrenheit(c: float) -> float:
    return c * 9 / 5 + 32


# Déjà vu: the café in Nürnberg got a rendezvous with the naïve façade colour check
CAFE_NAME = "Café Mélange"
