"""Celery tasks that remind patients about tomorrow's appointments by SMS."""

import logging
from datetime import date, timedelta

import httpx
from celery import shared_task

from clinic_bot.db import Qabul, session_scope
from clinic_bot.texts import t

log = logging.getLogger("clinic.reminders")

ESKIZ_URL = "https://notify.eskiz.uz/api/message/sms/send"
MAX_RETRIES = 5


def normalize_phone(raw: str) -> str:
    # Телефон рақамидан ортиқча белгиларни олиб ташлаймиз
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 9:
        digits = "998" + digits
    return digits


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=60)
def send_sms(self, phone: str, matn: str) -> None:
    """SMS yuborish (Eskiz orqali). Xato boʻlsa qayta urinadi."""
    try:
        resp = httpx.post(ESKIZ_URL, data={"mobile_phone": normalize_phone(phone), "message": matn}, timeout=10)
        resp.raise_for_status()
    except httpx.HTTPError as exc:
        log.warning("sms to %s failed: %s", phone, exc)
        raise self.retry(exc=exc)  # noqa: B904


@shared_task
def remind_tomorrow() -> int:
    ertangi_kun = date.today() + timedelta(days=1)
    sent = 0
    # one DB session for the whole batch; SMS go through the queue
    with session_scope() as db:
        royxat = db.query(Qabul).filter(Qabul.kun == ertangi_kun, Qabul.bekor_qilingan.is_(False)).all()
        for qabul in royxat:
            text = t("reminder", qabul.til or "uz", time=f"{qabul.boshlanish:%H:%M}", doctor=qabul.shifokor.familiya)
            send_sms.delay(qabul.telefon, text)
            sent += 1
    # Эслатма: Eskiz kuniga 10 000 dan ortiq SMS ga ruxsat bermaydi
    log.info("queued %d reminders for %s", sent, ertangi_kun)
    return sent
