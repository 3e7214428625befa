# -*- coding: utf-8 -*-
"""User-facing texts of the clinic bot in Uzbek (Latin and Cyrillic) and Russian."""

DEFAULT_LANG = "uz"

MATNLAR = {
    "uz": {
        "welcome": "Assalomu alaykum! Shifo klinikasining rasmiy botiga xush kelibsiz.",
        "ask_phone": "Iltimos, telefon raqamingizni yuboring.",
        "no_doctors": "Hozircha qabul qiluvchi shifokorlar yoʻq.",
        "reminder": "Eslatma: ertaga soat {time} da {doctor} qabulida boʻlishingiz kerak.",
        "cancelled": "Qabulingiz bekor qilindi.",
        "share_contact": "📱 Raqamni ulashish",
    },
    "uz_cyrl": {
        "welcome": "Ассалому алайкум! Шифо клиникасининг расмий ботига хуш келибсиз.",
        "ask_phone": "Илтимос, телефон рақамингизни юборинг.",
        "no_doctors": "Ҳозирча қабул қилувчи шифокорлар йўқ.",
        "reminder": "Эслатма: эртага соат {time} да {doctor} қабулида бўлишингиз керак.",
        "cancelled": "Қабулингиз бекор қилинди.",
        "share_contact": "📱 Рақамни улашиш",
    },
    "ru": {
        "welcome": "Здравствуйте! Вы в официальном боте клиники Shifo.",
        "ask_phone": "Пожалуйста, отправьте номер телефона.",
        "no_doctors": "Сейчас нет врачей, ведущих приём.",
        "reminder": "Напоминание: завтра в {time} у вас приём у врача {doctor}.",
        "cancelled": "Ваша запись отменена.",
        "share_contact": "📱 Поделиться номером",
    },
}

# eski kalitlar, 2025 dan keyin o'chirish
LEGACY_KEYS = {"salom": "welcome", "telefon": "ask_phone"}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """Return the text for key in lang, falling back to Uzbek Latin."""
    key = LEGACY_KEYS.get(key, key)
    table = MATNLAR.get(lang) or MATNLAR[DEFAULT_LANG]
    template = table.get(key) or MATNLAR[DEFAULT_LANG][key]
    return template.format(**params) if params else template
