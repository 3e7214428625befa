"""Appointment booking conversation for the Shifo clinic bot."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from clinic_bot.db import Qabul, Shifokor, session_scope
from clinic_bot.texts import t

logger = logging.getLogger(__name__)

# Conversation states for ConversationHandler.

TANLASH_SHIFOKOR, TANLASH_VAQT, TASDIQLASH = range(3)
SLOT_MINUTES = 20
# Ish vaqti: 9:00 dan 18:00 gacha, tushlik 13-14
WORKDAY_START, WORKDAY_END = 9, 18
LUNCH_HOUR = 13


def bosh_vaqtlar(shifokor_id: int, kun: date) -> list[datetime]:
    """Shifokorning berilgan kundagi boʻsh vaqtlarini qaytaradi."""
    band = set()  # type: set[datetime]
    with session_scope() as db:
        for q in db.query(Qabul).filter(Qabul.shifokor_id == shifokor_id, Qabul.kun == kun):
            band.add(q.boshlanish)
    slots = []
    cursor = datetime.combine(kun, datetime.min.time()).replace(hour=WORKDAY_START)
    end = cursor.replace(hour=WORKDAY_END)
    while cursor < end:
        if cursor.hour != LUNCH_HOUR and cursor not in band:
            slots.append(cursor)
        cursor += timedelta(minutes=SLOT_MINUTES)
    return slots


async def start_booking(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    lang = context.user_data.get("lang", "uz")
    with session_scope() as db:
        doctors = db.query(Shifokor).filter_by(faol=True).order_by(Shifokor.familiya).all()
    if not doctors:
        await update.message.reply_text(t("no_doctors", lang))
        return ConversationHandler.END
    keyboard = [
        [InlineKeyboardButton(f"{d.familiya} {d.ism} — {d.mutaxassislik}", callback_data=f"doc:{d.id}")]
        for d in doctors
    ]
    await update.message.reply_text("Qaysi shifokorga yozilmoqchisiz?", reply_markup=InlineKeyboardMarkup(keyboard))
    return TANLASH_SHIFOKOR


async def pick_doctor(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    query = update.callback_query
    await query.answer()
    doctor_id = int(query.data.split(":")[1])
    context.user_data["doctor_id"] = doctor_id
    ertaga = date.today() + timedelta(days=1)
    vaqtlar = bosh_vaqtlar(doctor_id, ertaga)
    if not vaqtlar:
        # ertaga hammasi band, keyingi kunni taklif qilamiz
        await query.edit_message_text("Ertaga bo'sh joy qolmagan. Boshqa kunni tanlang.")
        return TANLASH_SHIFOKOR
    buttons = [InlineKeyboardButton(v.strftime("%H:%M"), callback_data=v.isoformat()) for v in vaqtlar]
    # four buttons per row fit on small Android screens
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    await query.edit_message_text("Qulay vaqtni tanlang:", reply_markup=InlineKeyboardMarkup(rows))
    return TANLASH_VAQT


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    query = update.callback_query
    await query.answer()
    when = datetime.fromisoformat(query.data)
    patient_phone = context.user_data.get("phone")
    if patient_phone is None:
        logger.warning("confirm without phone, user=%s", update.effective_user.id)
        await query.edit_message_text("Avval telefon raqamingizni yuboring /start")
        return ConversationHandler.END
    with session_scope() as db:
        db.add(Qabul(shifokor_id=context.user_data["doctor_id"], kun=when.date(), boshlanish=when, telefon=patient_phone))
    logger.info("booked doctor=%s at %s", context.user_data["doctor_id"], when)
    await query.edit_message_text(f"✅ Siz {when:%d.%m} kuni soat {when:%H:%M} ga yozildingiz. Kechikmang!")
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data.pop("doctor_id", None)
    await update.message.reply_text("Yozilish bekor qilindi.")  # TODO: tugmalarni ham olib tashlash
    return ConversationHandler.END
