"""Celery notifications for the Kyiv utility billing service (Ukrainian customers)."""

from __future__ import annotations

import logging
from decimal import Decimal

from celery import Celery
from celery.schedules import crontab

from notifier.channels import send_email, send_viber
from notifier.repo import borzhnyky, pokaznyky_ne_podano

app = Celery("notifier", broker="redis://redis:6379/3")
logger = logging.getLogger(__name__)

SHABLONY = {
    "borg": "Шановний абоненте! Заборгованість за особовим рахунком {rahunok} становить {suma} грн. Просимо сплатити до {termin}.",
    "pokaznyky": "Нагадуємо: передайте показники лічильника до 20 числа через застосунок або сайт.",
    "oplata_ok": "Дякуємо! Оплату {suma} грн зараховано.",
}
MIN_BORG = Decimal("100.00")  # менше ста гривень не турбуємо


@app.task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=4)
def nadislaty_nagaduvannya(subscriber_id: int, channel: str, text: str) -> None:
    """Надіслати одне нагадування через Viber або e-mail."""
    if channel == "viber":
        send_viber(subscriber_id, text)
    else:
        send_email(subscriber_id, subject="Нагадування від Київтеплоенерго", body=text)


@app.task
def rozsylka_borgiv() -> int:
    queued = 0
    for subscriber in borzhnyky(min_suma=MIN_BORG):
        text = SHABLONY["borg"].format(rahunok=subscriber.rahunok, suma=subscriber.borg, termin="25.12")
        nadislaty_nagaduvannya.delay(subscriber.id, subscriber.kanal, text)
        queued += 1
    logger.info("debt reminders queued: %d", queued)
    return queued


@app.task
def nagaduvannya_pokaznyky() -> None:
    # TODO: не слати тим, хто вже подав показники сьогодні
    for subscriber in pokaznyky_ne_podano():
        nadislaty_nagaduvannya.delay(subscriber.id, subscriber.kanal, SHABLONY["pokaznyky"])


# Beat runs in the Europe/Kyiv timezone (see CELERY_TIMEZONE).
app.conf.beat_schedule = {
    "debt-reminders": {"task": "notifier.tasks.rozsylka_borgiv", "schedule": crontab(hour=10, minute=0, day_of_month="5")},
    "meter-readings": {"task": "notifier.tasks.nagaduvannya_pokaznyky", "schedule": crontab(hour=9, minute=30, day_of_month="15-19")},
}
