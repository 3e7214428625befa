"""Names and labels in bot strings (issue 11): a string that is only a proper name is no prose; a short
Title Case label whose words a foreign lexicon knows is text; callback ids are data.

The bot below is written for this test in the shape of real Uzbek Quran bots: buttons that name surahs
(`Fotiha😇`), labels that say what the button does (`📊 Test Tahlili`), callback ids (`sura12`)."""

from __future__ import annotations

from pathlib import Path

from english_guard.checker import run_check
from english_guard.config import load_config
from english_guard.language import judge
from english_guard.language.labels import lexicon_word, only_proper_names, title_case_leaning
from english_guard.language.verdict import NEIGHBOURS

KEYBOARDS = """from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

suralar = InlineKeyboardMarkup(
    inline_keyboard=[
        [
            InlineKeyboardButton(text="Fotiha😇", callback_data="sura1"),
            InlineKeyboardButton(text="Muddasir😇", callback_data="sura74"),
            InlineKeyboardButton(text="Ibrohim☪️", callback_data="sura14"),
        ],
        [InlineKeyboardButton(text="Fotiha surasi🌹", callback_data="tarjima1")],
        [InlineKeyboardButton(text="📊 Test Tahlili", callback_data="tahlil")],
        [InlineKeyboardButton(text="Keyingi Bo'lim", callback_data="keyingi_bolim")],
        [InlineKeyboardButton(text="✅ Tasdiqlash", callback_data="tasdiqlash")],
    ]
)
"""

HANDLERS = """from aiogram import types

from keyboards import suralar
from loader import dp


@dp.message_handler(commands=["start"])
async def boshlash(message: types.Message):
    await message.answer("Assalomu alaykum! Quyidagi tugmalardan birini tanlang.", reply_markup=suralar)


@dp.callback_query_handler(text="sura1")
async def fotiha(call: types.CallbackQuery):
    await call.message.answer("Fotiha surasi tarjimasi yuborildi.")


@dp.callback_query_handler(text_startswith="tarjima")
async def tarjima(call: types.CallbackQuery):
    if call.data == "tasdiqlash":
        await call.message.answer("Tasdiqlandi")
"""

ENGLISH_KEYBOARDS = """from aiogram.types import InlineKeyboardButton

buttons = [
    InlineKeyboardButton(text="Emre Çelik", callback_data="author"),
    InlineKeyboardButton(text="Open Settings", callback_data="settings"),
    InlineKeyboardButton(text="Café Royale Menu", callback_data="menu"),
]
"""


def _run(root: Path, monkeypatch):
    monkeypatch.chdir(root)
    return run_check(["."], load_config(None, start="."), jobs=1, use_cache=False)


def _strings(run) -> set[tuple[str, str]]:
    return {(f.code, f.text) for f in run.findings if f.kind == "string"}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_bot_reports_its_texts_and_labels_and_not_its_names_or_callback_ids(tmp_path, monkeypatch):
    run = _run(_write(tmp_path, {"keyboards.py": KEYBOARDS, "handlers.py": HANDLERS}), monkeypatch)
    assert _strings(run) == {
        ("EG401", "Fotiha surasi🌹"),
        ("EG401", "📊 Test Tahlili"),
        ("EG401", "Keyingi Bo'lim"),
        ("EG401", "✅ Tasdiqlash"),
        ("EG401", "Assalomu alaykum! Quyidagi tugmalardan birini tanlang."),
        ("EG401", "Fotiha surasi tarjimasi yuborildi."),
        ("EG401", "Tasdiqlandi"),
    }


def test_title_case_labels_stay_english_in_an_english_project(tmp_path, monkeypatch):
    """The label's lexicon word is a candidate the project decides: an English bot writes no Turkish."""
    (tmp_path / "bot").mkdir()
    run = _run(_write(tmp_path / "bot", {"keyboards.py": ENGLISH_KEYBOARDS}), monkeypatch)
    assert _strings(run) == set()


def test_a_name_is_capitalised_latin_words_no_lexicon_knows():
    assert only_proper_names(judge("Fotiha😇", "string"))
    assert only_proper_names(judge("Baqoro😇", "string"))
    assert not only_proper_names(judge("Fotiha surasi", "string"))  # a lowercase word: text
    assert not only_proper_names(judge("Tasdiqlash", "string"))  # a word of the Uzbek lexicon
    assert lexicon_word("Tahlili") and not lexicon_word("Muddasir")
    assert lexicon_word("Yechmoqda") == ("uz",)  # an Uzbek suffix chain: an inflected word, not a name
    assert not only_proper_names(judge("🟠 Yechmoqda", "string"))


def test_a_title_case_label_leans_on_its_lexicon_words_and_their_neighbours():
    leaning = dict(title_case_leaning("📊 Test Tahlili", NEIGHBOURS))
    assert leaning["tr"] > leaning["uz"] > 0
    assert title_case_leaning("Muddasir Ibrohim", NEIGHBOURS) == ()  # names only
    assert title_case_leaning("Tahlili", NEIGHBOURS) == ()  # one word is no Title Case run
    assert title_case_leaning("Open the Test Tahlili page for the whole class today", NEIGHBOURS) == ()


TEXTS_MODULE = """WELCOME = "Assalomu alaykum! Botimizga xush kelibsiz."
BTN_TAHLIL = "📊 Test Tahlili"
CB_SURA = "surani_tanlash"


class Tugmalar:
    NATIJA = "Natijalar Jadvali"
    ORTGA = "ortga_qaytish"
"""

SENDER = """import texts
from texts import BTN_TAHLIL, CB_SURA


async def start(message):
    kb = [
        KeyboardButton(text=BTN_TAHLIL),
        InlineKeyboardButton(text="Surani tanlang", callback_data=CB_SURA),
    ]
    await message.answer(texts.WELCOME, reply_markup=kb)


@dp.callback_query_handler(text=texts.Tugmalar.ORTGA)
async def back(call):
    await call.message.answer("Bosh menyuga qaytdingiz")
"""


def _texts_findings(run) -> set[tuple[str, str]]:
    return {(f.code, f.text) for f in run.findings if Path(f.path).name == "texts.py" and f.kind == "string"}


def test_constants_of_a_texts_module_take_the_role_another_module_gives_them(tmp_path, monkeypatch):
    """`texts.py` holds the bot's strings; `handlers.py` shows the label and matches the callback ids."""
    alone = _run(_write(tmp_path, {"texts.py": TEXTS_MODULE}), monkeypatch)
    assert ("EG402", "surani_tanlash") in _texts_findings(alone)  # a name in a string, until a flow says more
    assert ("EG401", "📊 Test Tahlili") not in _texts_findings(alone)  # Title Case, shown by no one yet
    both = _run(_write(tmp_path, {"handlers.py": SENDER}), monkeypatch)
    assert _texts_findings(both) == {
        ("EG401", "Assalomu alaykum! Botimizga xush kelibsiz."),
        ("EG401", "📊 Test Tahlili"),
        ("EG401", "Natijalar Jadvali"),
    }


def test_a_cached_texts_module_follows_a_change_of_the_module_that_sends_it(tmp_path, monkeypatch):
    """The flows are facts of the sending module, decided on every run: texts.py is not read again."""
    monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "bot"
    root.mkdir()
    _write(root, {"texts.py": TEXTS_MODULE, "handlers.py": SENDER})
    monkeypatch.chdir(root)
    config = load_config(None, start=".")
    first = run_check(["."], config, jobs=1, use_cache=True)
    assert ("EG401", "📊 Test Tahlili") in _texts_findings(first)
    assert ("EG402", "surani_tanlash") not in _texts_findings(first)
    changed = SENDER.replace("callback_data=CB_SURA", 'callback_data="sura"').replace("text=BTN_TAHLIL", 'text="Ok"')
    (root / "handlers.py").write_text(changed, "utf-8")
    second = run_check(["."], config, jobs=1, use_cache=True)
    assert ("EG402", "surani_tanlash") in _texts_findings(second)
    assert ("EG401", "📊 Test Tahlili") not in _texts_findings(second)


def test_a_sentence_in_capitals_is_read_in_lower_case():
    """Capitals hide a sentence's words from the lexicons (they read as acronyms); English stays English."""
    from english_guard.checker import check_source
    from english_guard.config import Config
    from english_guard.language.labels import shouted

    source = (
        'NOTE = "ILTIMOS TAKLIFINGIZNI QISQA VA TUSHUNARLI QILIB YOZING"\nLICENCE = "THE SOFTWARE IS PROVIDED AS IS"\n'
    )
    found = check_source("bot/texts.py", source.encode(), Config(), "python").findings
    assert [(f.line, f.code, f.language) for f in found] == [(1, "EG401", "uz")]
    assert shouted("ILTIMOS QISQA YOZING") and not shouted("BOT_TOKEN") and not shouted("HTTP OK")


ENGLISH_NAMED_TEXTS = """WELCOME = "Assalomu alaykum! Botimizga xush kelibsiz."
STATS_BUTTON = "📊 Test Tahlili"
PICK_CALLBACK = "surani_tanlash"


class Buttons:
    RESULTS = "Natijalar Jadvali"
    BACK = "ortga_qaytish"
"""

ENGLISH_SENDER = """from aiogram import F, Router

import texts
from texts import PICK_CALLBACK, STATS_BUTTON

router = Router()


@router.message(F.text == "/start")
async def start(message):
    keyboard = [KeyboardButton(text=STATS_BUTTON), InlineKeyboardButton(text="Pick", callback_data=PICK_CALLBACK)]
    await message.answer(texts.WELCOME, reply_markup=keyboard)
    await message.answer(texts.Buttons.RESULTS)


@router.callback_query(F.data == texts.Buttons.BACK)
async def back(call):
    await call.answer()
"""


def test_a_sender_the_screen_clears_still_gives_its_flows(tmp_path, monkeypatch):
    """An all-English `handlers.py` is cleared by the pre-parse screen (never parsed); it still shows the
    labels and matches the callback ids of `texts.py`, with the screen or without, fresh or cached."""
    from english_guard import screen as screening
    from english_guard.context import FLOWS_UNREAD

    root = _write(tmp_path, {"texts.py": ENGLISH_NAMED_TEXTS, "handlers.py": ENGLISH_SENDER})
    assert screening.screen_python(ENGLISH_SENDER, frozenset()).clean
    expected = {
        ("EG401", "Assalomu alaykum! Botimizga xush kelibsiz."),
        ("EG401", "📊 Test Tahlili"),
        ("EG401", "Natijalar Jadvali"),
    }
    monkeypatch.setattr(screening, "SKIP_PARSE", False)
    assert _texts_findings(_run(root, monkeypatch)) == expected
    monkeypatch.setattr(screening, "SKIP_PARSE", True)
    assert _texts_findings(_run(root, monkeypatch)) == expected
    monkeypatch.setenv("ENGLISH_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    config = load_config(None, start=".")
    for _ in range(2):  # the second run takes both files from the cache
        cached = run_check(["."], config, jobs=1, use_cache=True)
        assert _texts_findings(cached) == expected
    # With no held constant left to send, a cleared file is not parsed at all.
    (root / "texts.py").write_text('WELCOME = "Welcome!"\n', "utf-8")
    english = _run(root, monkeypatch)
    assert english.findings == []
    assert all(result.facts.get(FLOWS_UNREAD) for result in english.results)


REGION_PICKERS = """CITIES = ["Тошкент", "Бухара", "Фергана"]

regions = {
    "uz": ["Тошкент", "Самарқанд", "Андижон"],
    "ru": ["Ташкент", "Бухара", "Джизак"],
}

REGIONS_UZ = ("Жиззах", "Хоразм")
REGIONS_RU = ("Джизак", "Хорезм")
REGIONS_OLD = ("Сирдарё",)

MENU = ["Вилоятлар", "Тузилмалар", "Назад"]
"""


def test_cyrillic_names_are_names_unless_the_bot_keeps_them_in_two_languages():
    """A bare list of Cyrillic place names is names; a picker kept in an Uzbek and a Russian table (a dict
    keyed by language, or `REGIONS_UZ` beside `REGIONS_RU`) is translated UI text; words are text."""
    from english_guard.checker import check_source
    from english_guard.config import Config

    found = check_source("bot/regions.py", REGION_PICKERS.encode(), Config(), "python").findings
    assert [(f.line, f.code, f.text) for f in found] == [
        (4, "EG401", "Тошкент"),
        (4, "EG401", "Самарқанд"),
        (4, "EG401", "Андижон"),
        (5, "EG401", "Ташкент"),
        (5, "EG401", "Бухара"),
        (5, "EG401", "Джизак"),
        (8, "EG401", "Жиззах"),
        (8, "EG401", "Хоразм"),
        (9, "EG401", "Джизак"),
        (9, "EG401", "Хорезм"),
        (12, "EG401", "Вилоятлар"),
        (12, "EG401", "Тузилмалар"),
        (12, "EG401", "Назад"),
    ]


def test_a_cyrillic_name_is_a_capitalised_word_no_lexicon_knows_and_no_suffix_inflects():
    from english_guard.language.labels import unknown_cyrillic_name

    for name in ("Тошкент", "Бухара", "Фергана", "Джизак", "Хоразм"):
        assert unknown_cyrillic_name(name), name
    # known words (Russian, Uzbek Cyrillic read as Latin), inflected Uzbek words, lower case, Latin
    for word in ("Назад", "Москва", "Ортга", "Тузилмалар", "Вилоятлар", "Республикаси", "тошкент", "Toshkent"):
        assert not unknown_cyrillic_name(word), word
    assert only_proper_names(judge("Тошкент", "string"))
    assert not only_proper_names(judge("Чигиртка ҳимояси", "string"))
    # Kazakh and Kyrgyz have no word list, so "no list knows it" says nothing there: their letters name them
    # (one only they write, or one Uzbek lacks beside one Russian lacks). Uzbek and Russian names stay names.
    for word in ("Сөйлесу", "Тіркелу", "Ұйымдастырушы", "Жұмыстар", "Қатысушылық", "Ғылымдар"):
        assert not unknown_cyrillic_name(word), word
    for name in ("Самарқанд", "Қўқон", "Сырдарья", "Нукус"):
        assert unknown_cyrillic_name(name), name


ENGLISH_ORDERS = '''"""Orders: what a customer asked for, what it costs and when it is delivered."""


class Order:
    """One order of one customer, with its items and its delivery address."""

    def __init__(self, customer, items, address):
        self.customer = customer  # the person who pays
        self.items = items  # what was ordered, with the quantity of each item
        self.address = address

    def total(self):
        """The price of every item times its quantity, before any discount."""
        return sum(item.price * item.quantity for item in self.items)

    def describe(self):
        # Shown in the shop's admin pages, not to customers.
        return f"Order for {self.customer}: {len(self.items)} items, delivered to {self.address}"
'''


def test_a_label_of_foreign_words_a_flow_shows_is_text_in_an_english_project(tmp_path, monkeypatch):
    """`Bosh Sahifa` ("home page") on a button: every word is an Uzbek word, so it is Uzbek text even where
    the rest of the project is English; a label with an English word or a name stays for the profile."""
    from english_guard.language.labels import label_language

    home = 'from aiogram.types import InlineKeyboardButton\n\nhome = InlineKeyboardButton(text="Bosh Sahifa")\n'
    files = {"keyboards.py": ENGLISH_KEYBOARDS, "home.py": home, "orders.py": ENGLISH_ORDERS}
    run = _run(_write(tmp_path, files), monkeypatch)
    assert _strings(run) == {("EG401", "Bosh Sahifa")}
    assert label_language("Bosh Sahifa") == "uz" and label_language("Sozlamalar Bo'limi") == "uz"
    for label in ("📊 Test Tahlili", "Café Royale Menu", "Open Settings", "Emre Çelik", "Sozlamalar"):
        assert label_language(label) is None, label


def test_a_field_label_or_a_russian_noun_is_no_cyrillic_name():
    from english_guard.language.labels import unknown_cyrillic_name

    assert not only_proper_names(judge("Тузилма - {structure}", "string"), "Тузилма - {structure}")
    assert only_proper_names(judge("🎙 Абдурахмон Гаджев", "string"), "🎙 Абдурахмон Гаджев")
    assert not unknown_cyrillic_name("Транзакция")


def test_a_cleared_file_is_read_for_its_flows_only_where_it_could_change_a_held_string():
    """A held callback id changes where a module matches it as callback data, and then where one shows it;
    a held label where one shows it. A cleared file that only mentions a held name (Django's `name`,
    `function`) without callback text is not read: that kept the screen's savings on large projects."""
    from english_guard.context import FLOWS, FLOWS_UNREAD, HELD_FINDINGS, HELD_LABELS, flows_needed
    from english_guard.records import FileResult

    files = {
        "models.py": "def back(self):\n    return self.ORTGA\n",
        "callbacks.py": "@dp.callback_query_handler(text=texts.ORTGA)\nasync def back(call):\n    pass\n",
        "matches.py": "if call . \\\n  data == texts.ORTGA:\n    pass\n",
        "shows.py": "await message.answer(texts.ORTGA)\n",
        "unrelated.py": "value = call.data\n",
    }
    unread = [FileResult(path, facts={FLOWS_UNREAD: True}) for path in files]
    texts = FileResult("texts.py", facts={HELD_FINDINGS: [["texts.ORTGA", 1, 9, "EG402"]]})

    def needed(*results: FileResult) -> set[str]:
        return {result.path for result in flows_needed([*results, *unread], files.get)}

    assert needed(texts) == {"callbacks.py", "matches.py"}
    matcher = FileResult("handlers.py", facts={FLOWS: {"callback data": ["texts.ORTGA"]}})
    assert needed(texts, matcher) == {"callbacks.py", "matches.py", "shows.py", "models.py"}
    label = FileResult("texts.py", facts={HELD_LABELS: [["texts.ORTGA", {}]]})
    assert needed(label) == {"callbacks.py", "matches.py", "shows.py", "models.py"}
    assert needed(FileResult("texts.py")) == set()


KEYBOARD_SENDER = """from telebot import types

import texts


def main_menu(seen):
    keyboard = types.ReplyKeyboardMarkup(resize_keyboard=True)
    {call}(texts.STATS_BUTTON)
    return keyboard
"""


def test_a_keyboard_row_of_held_labels_shows_them(tmp_path, monkeypatch):
    """pyTelegramBotAPI's `keyboard.add(texts.X)` and `markup.row(...)` take plain strings as button labels: a
    flow that shows what `texts.py` holds. A set's `add` shows nothing."""
    _write(tmp_path, {"texts.py": ENGLISH_NAMED_TEXTS})
    label = ("EG401", "📊 Test Tahlili")  # Title Case: reported where a flow shows it
    for call, shown in [("seen.add", False), ("keyboard.add", True), ("markup.row", True), ("menu_kb.insert", True)]:
        _write(tmp_path, {"handlers.py": KEYBOARD_SENDER.format(call=call)})
        assert (label in _texts_findings(_run(tmp_path, monkeypatch))) is shown, call
