"""The built-in glossary: words, suffixes, transliterations and identifier proposals in the same style."""

from __future__ import annotations

import pytest

from english_guard.translation.glossary import (
    propose_identifier,
    russian_latin_variants,
    split_identifier_parts,
    translate_words,
    uzbek_latin,
)


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("foydalanuvchi", "user"),
        ("foydalanuvchilar", "users"),  # -lar plural
        ("foydalanuvchining", "user"),  # -ning genitive
        ("foydalanuvchilarga", "users"),  # -lar + -ga
        ("mahsulotlarni", "products"),  # -lar + -ni
        ("ismi", "name"),  # -i possessive
        ("egasi", "owner"),  # -si possessive
        ("narxda", "price"),
        ("shahardan", "city"),
        ("ma'lumot", "data"),
        ("maʼlumot", "data"),
        ("malumot", "data"),
        ("o'chirish", "delete"),
        ("oʻchirish", "delete"),
        ("ochirish", "delete"),  # both apostrophe styles
        ("qo'shish", "add"),
        ("g'alaba", None),
        ("hisoblash", "calculate"),  # verb + -sh
        ("yuborilgan", "sent"),
        ("saqlangan", "saved"),  # passive + -gan participle
        ("yuboruvchi", "sender"),  # -uvchi agent
        ("kunlik", "daily"),
        ("xabar", "message"),
        ("habar", "message"),
        ("фойдаланувчи", "user"),
        ("маълумот", "data"),  # Uzbek Cyrillic
        ("xyzzyq", None),
    ],
)
def test_uzbek_words_and_suffixes(word, english):
    assert translate_words([word], "uz") == [english]


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("пользователь", "user"),
        ("polzovatel", "user"),
        ("polzovateli", "users"),
        ("polzovatelya", "user"),
        ("soobshenie", "message"),
        ("soobsheniya", "messages"),
        ("soobshchenie", "message"),
        ("zakazy", "orders"),
        ("zakazov", "orders"),
        ("nastroiki", "settings"),
        ("nastroyki", "settings"),  # й -> i / y
        ("dannye", "data"),
        ("dannie", "data"),  # ы -> y / i
        ("tsena", "price"),
        ("cena", "price"),  # ц -> ts / c
        ("khranilishche", None),
        ("hranilishche", None),
        ("zhurnal", "log"),
        ("jurnal", "log"),  # ж -> zh / j
        ("poluchit", "get"),
        ("otpravit", "send"),
        ("udalit", "delete"),
        ("spisok", "list"),
        ("privetstvie", "greeting"),
    ],
)
def test_russian_cyrillic_and_transliterations(word, english):
    assert translate_words([word], "ru") == [english]


@pytest.mark.parametrize(
    ("lang", "word", "english"),
    [
        ("tr", "kullanıcı", "user"),
        ("tr", "kullanici", "user"),
        ("tr", "kullanıcılar", "users"),
        ("tr", "fiyat", "price"),
        ("tr", "sipariş", "order"),
        ("tr", "siparis", "order"),
        ("de", "benutzer", "user"),
        ("de", "preis", "price"),
        ("de", "bestellungen", "orders"),
        ("de", "größe", "size"),
        ("de", "grosse", "size"),
        ("es", "usuario", "user"),
        ("es", "usuarios", "users"),
        ("es", "precio", "price"),
        ("pt", "usuário", "user"),
        ("pt", "pedidos", "orders"),
        ("pt", "preço", "price"),
        ("fr", "utilisateur", "user"),
        ("fr", "utilisateurs", "users"),
        ("fr", "prix", "price"),
        ("id", "pengguna", "user"),
        ("id", "harga", "price"),
        ("id", "pesanan", "order"),
    ],
)
def test_other_languages_common_code_words(lang, word, english):
    assert translate_words([word], lang) == [english]


def test_a_known_language_is_strict_and_und_tries_every_language():
    # "ad" is Turkish for name; in Uzbek text it must stay untranslated, not become "name"
    assert translate_words(["ad"], "uz") == [None]
    assert translate_words(["ad"], "tr") == ["name"]
    assert translate_words(["polzovatel", "foydalanuvchi", "usuario"], "und") == ["user", "user", "user"]
    assert translate_words([], "uz") == []


def test_transliteration_helpers():
    assert uzbek_latin("Ўзбекистон") == "ozbekiston"
    variants = russian_latin_variants("журнал")
    assert "zhurnal" in variants and "jurnal" in variants
    assert "shchetka" in russian_latin_variants("щетка") and "schetka" in russian_latin_variants("щетка")
    assert split_identifier_parts("foydalanuvchiID2") == ["foydalanuvchi", "ID", "2"]


def test_the_glossary_splits_names_with_the_checks_splitter_digits_apart():
    from english_guard.language.tokens import split_identifier

    assert split_identifier("narx2") == ["narx2"]  # the check judges a word with its digits
    assert split_identifier_parts("narx2") == ["narx", "2"]  # the glossary translates the word alone
    assert propose_identifier("narx2", "uz") == "price2" and propose_identifier("narx_2", "uz") == "price_2"
    # letters outside ASCII split by case as the check splits them
    assert split_identifier_parts("kullanıcıAdı") == ["kullanıcı", "Adı"]
    assert propose_identifier("kullanıcıAdı", "tr") == "userName"
    assert propose_identifier("oʻquvchilar_soni", "uz") == "students_count"


@pytest.mark.parametrize(
    ("name", "proposal"),
    [
        ("foydalanuvchi", "user"),
        ("foydalanuvchi_ismi", "user_name"),
        ("FoydalanuvchiSavati", "UserCart"),
        ("foydalanuvchiSavati", "userCart"),
        ("NARX_CHEGARASI", "PRICE_LIMIT"),
        ("_malumot", "_data"),
        ("__maxfiy_kalit", "__secret_key"),
        ("polzovatel_id", "user_id"),
        ("SOOBSHENIE_PRIVETSTVIYA", "MESSAGE_GREETING"),
        ("otpravit_soobshenie", "send_message"),
        ("narxni_ol", "get_price"),  # Uzbek puts the verb last; English first
        ("xabar_yuborish", "send_message"),
        ("test_savat_jami", "test_cart_total"),  # test_ stays first
        ("tugilgan_kun", "birthday"),  # a phrase of the glossary
        ("telefon_raqam", "phone_number"),
        ("mahsulot2", "product2"),
        ("kullanici_adi", "user_name"),
        ("BenutzerListe", "UserList"),
    ],
)
def test_proposals_keep_the_naming_style(name, proposal):
    assert propose_identifier(name, "und") == proposal


@pytest.mark.parametrize("name", ["__init__", "__str__", "xyzzy_narx", "foydalanuvchi_blorp", "", "_", "user"])
def test_no_proposal_rather_than_an_invented_word(name):
    assert propose_identifier(name, "uz") is None


def test_keep_predicate_decides_which_words_are_already_english():
    assert propose_identifier("foydalanuvchi_analytics", "uz") is None
    keep = {"analytics"}.__contains__
    assert propose_identifier("foydalanuvchi_analytics", "uz", keep=keep) == "user_analytics"


def test_glossary_engine_uses_the_stable_function():
    from english_guard.translation.glossary_engine import GlossaryEngine

    assert GlossaryEngine().translate(["foydalanuvchi ma'lumot"], "uz") == ["user data"]
