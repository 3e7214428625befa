"""Language codes and names: ISO 639-1 codes as the language detection reports them, and model tokens."""

from __future__ import annotations

from functools import cache

from english_guard.language.normalize import UZBEK_CYRILLIC_TO_LATIN

# Codes the Argos index uses that are not ISO 639-1 or that Babel names badly.
_SPECIAL_NAMES = {"zt": "Chinese (Traditional)", "tl": "Tagalog", "und": "an unknown language"}

# ISO 639-1 -> NLLB-200 language token (FLORES-200 codes). Uzbek is the reason this engine exists.
NLLB_CODES = {
    "ar": "arb_Arab",
    "az": "azj_Latn",
    "be": "bel_Cyrl",
    "bg": "bul_Cyrl",
    "bn": "ben_Beng",
    "ca": "cat_Latn",
    "cs": "ces_Latn",
    "da": "dan_Latn",
    "de": "deu_Latn",
    "el": "ell_Grek",
    "en": "eng_Latn",
    "eo": "epo_Latn",
    "es": "spa_Latn",
    "et": "est_Latn",
    "eu": "eus_Latn",
    "fa": "pes_Arab",
    "fi": "fin_Latn",
    "fr": "fra_Latn",
    "ga": "gle_Latn",
    "gl": "glg_Latn",
    "he": "heb_Hebr",
    "hi": "hin_Deva",
    "hu": "hun_Latn",
    "hy": "hye_Armn",
    "id": "ind_Latn",
    "it": "ita_Latn",
    "ja": "jpn_Jpan",
    "ka": "kat_Geor",
    "kk": "kaz_Cyrl",
    "ko": "kor_Hang",
    "ky": "kir_Cyrl",
    "lt": "lit_Latn",
    "lv": "lvs_Latn",
    "ms": "zsm_Latn",
    "nb": "nob_Latn",
    "nl": "nld_Latn",
    "pl": "pol_Latn",
    "pt": "por_Latn",
    "ro": "ron_Latn",
    "ru": "rus_Cyrl",
    "sk": "slk_Latn",
    "sl": "slv_Latn",
    "sq": "als_Latn",
    "sr": "srp_Cyrl",
    "sv": "swe_Latn",
    "tg": "tgk_Cyrl",
    "th": "tha_Thai",
    "tk": "tuk_Latn",
    "tl": "tgl_Latn",
    "tr": "tur_Latn",
    "tt": "tat_Cyrl",
    "uk": "ukr_Cyrl",
    "ur": "urd_Arab",
    "uz": "uzn_Latn",
    "vi": "vie_Latn",
    "zh": "zho_Hans",
    "zt": "zho_Hant",
}


def m2m_token(code: str) -> str:
    """The M2M-100 language token for an ISO 639-1 code (`__uz__`)."""
    return f"__{code}__"


@cache
def language_name(code: str) -> str:
    """An English name for a language code, for messages ("Uzbek"); the code itself when unknown."""
    if code in _SPECIAL_NAMES:
        return _SPECIAL_NAMES[code]
    try:
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(code).get_display_name("en") or code
        except (UnknownLocaleError, ValueError):
            return code
    except ImportError:  # pragma: no cover - Babel is a core dependency
        return code


def describe(code: str) -> str:
    """`Uzbek (uz)`."""
    name = language_name(code)
    return f"{name} ({code})" if name != code else code


# Uzbek Cyrillic -> the official Latin alphabet; NLLB-200 knows Uzbek in Latin script only (uzn_Latn).
# The written spelling: typographic apostrophes (oʻ gʻ and ’ for the hard sign); е is spelled by position below.
_UZ_LATIN = {
    c: latin.replace("o'", "o\u2018").replace("g'", "g\u2018").replace("'", "\u2019")
    for c, latin in UZBEK_CYRILLIC_TO_LATIN.items()
    if c not in "еы"
}
_VOWELS = set("аеёиоуэюяў")


def uzbek_to_latin(text: str) -> str:
    """Uzbek written in Cyrillic, spelled in the Latin alphabet (`Фойдаланувчи` -> `Foydalanuvchi`)."""
    out = []
    previous = ""
    for char in text:
        lower = char.lower()
        latin: str | None
        if lower == "е":
            latin = "ye" if not previous.isalpha() or previous.lower() in _VOWELS else "e"
        else:
            latin = _UZ_LATIN.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
        previous = char
    return "".join(out)
