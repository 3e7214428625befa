"""String roles: every non-English string is a finding (EG401, EG402 or EG403); the role decides which."""

from __future__ import annotations

from pathlib import Path

from english_guard.checker import check_source
from english_guard.config import Config
from english_guard.sources.python import read_python_text
from english_guard.sources.string_roles import NAME, is_slug_pair, looks_like_code, text_shape

ISSUE_EXAMPLE = """logger.info("Foydalanuvchi ro'yxatdan o'tdi: %s", x)
raise ValueError("Noto'g'ri qiymat kiritildi")
TEXTS = {"welcome": "Xush kelibsiz, {name}!", "bye": "Xayr, yana keling"}
def report(n): return f"Buyurtmalar soni: {n}"
"""

ENGLISH_EXAMPLE = """logger.info("User registered: %s", x)
raise ValueError("Invalid value entered")
TEXTS = {"welcome": "Welcome, {name}!", "bye": "Goodbye, come again"}
def report(n): return f"Number of orders: {n}"
"""


def check(text: str, path: str = "bot/handlers.py", config: Config | None = None):
    return check_source(path, text.encode(), config or Config(), "python").findings


def candidates_of(text: str, path: str, config: Config | None = None):
    """What a test file's strings may become: candidates that the project's language profile decides
    (english_guard.context), never findings of the file alone."""
    result = check_source(path, text.encode(), config or Config(), "python")
    assert result.findings == []
    return [candidate.finding for candidate in result.candidates]


def codes(text: str, path: str = "bot/handlers.py") -> list[tuple[int, str, str]]:
    return [(f.line, f.code, f.text) for f in check(text, path)]


def test_the_issue_file_gives_two_eg402_and_eg401_for_the_table_and_the_returned_text():
    assert codes(ISSUE_EXAMPLE) == [
        (1, "EG402", "Foydalanuvchi ro'yxatdan o'tdi: %s"),
        (2, "EG402", "Noto'g'ri qiymat kiritildi"),
        (3, "EG401", "Xush kelibsiz, {name}!"),
        (3, "EG401", "Xayr, yana keling"),
        (4, "EG401", "Buyurtmalar soni: {n}"),
    ]
    messages = [f.message for f in check(ISSUE_EXAMPLE)]
    assert "log message" in messages[0] and "exception message" in messages[1]


def test_the_english_version_gives_nothing():
    assert codes(ENGLISH_EXAMPLE) == []


def test_a_non_english_msgid_is_eg403():
    source = 'total = _("Buyurtmangiz qabul qilindi: %s") % 5\nlabel = _("Total: %s")\n'
    assert codes(source) == [(1, "EG403", "Buyurtmangiz qabul qilindi: %s")]


def test_names_inside_strings_are_eg402_and_data_is_never_judged():
    source = """
stats = {"yetkazilgan": 1, "bekor_qilingan": 2}
rows = Grade.objects.order_by("oquvchi__ism_familiya")
app.conf.beat_schedule = {"x": {"task": "workers.tasks.pereschitat_reiting"}}
cursor.execute("SELECT ism FROM tbl_zakaz WHERE holat = 'yangi'")
pattern = re.compile(r"^buyurtma_(\\d+)$")
URL = "https://example.uz/buyurtmalar/yangi"
picture = "rasmlar/mahsulot.png"
stamp = when.strftime("%d.%m.%Y %H:%M")
"""
    found = codes(source)
    assert [(line, code) for line, code, _text in found] == [(2, "EG402"), (2, "EG402"), (3, "EG402"), (4, "EG402")]
    assert {text for _line, _code, text in found} == {
        "yetkazilgan",
        "bekor_qilingan",
        "oquvchi__ism_familiya",
        "workers.tasks.pereschitat_reiting",
    }


def test_flows_that_make_a_string_user_facing():
    source = """
from aiogram import F
STATUS_CHOICES = [("yangi", "yangi"), ("bekor", "bekor qilingan")]

@app.route("/x")
def view():
    return "topilmadi", 404

@router.message(F.text == "Orqaga")
async def back(message):
    text = "Bosh menyu"
    if message.from_user.id == 1:
        text += " (admin)"
    match message.text:
        case "Ha":
            await message.answer("tasdiqlandi" if ok else "rad etildi")
    await message.answer(text)
"""
    found = {(f.text, f.code) for f in check(source)}
    assert ("yangi", "EG402") in found and ("bekor", "EG402") in found  # the stored keys
    assert {
        ("topilmadi", "EG401"),
        ("Orqaga", "EG401"),
        ("Bosh menyu", "EG401"),
        ("tasdiqlandi", "EG401"),
        ("rad etildi", "EG401"),
        ("bekor qilingan", "EG401"),
    } <= found


def test_migration_options_and_verbose_names_are_user_facing():
    source = """
operations = [migrations.CreateModel(name="Order", fields=[], options={"verbose_name": "Buyurtma",
              "verbose_name_plural": "Buyurtmalar"})]
"""
    assert {(f.text, f.code) for f in check(source, "shop/migrations/0001_initial.py")} == {
        ("Buyurtma", "EG401"),
        ("Buyurtmalar", "EG401"),
    }


def test_strings_in_tests_are_test_data_never_eg401():
    source = 'def test_reply():\n    assert reply() == "Buyurtma qabul qilindi"\n    message.answer("Salom dunyo")\n'
    assert {f.code for f in candidates_of(source, "tests/test_bot.py")} == {"EG402"}
    assert all("test data" in f.message for f in candidates_of(source, "tests/test_bot.py"))


QUIZ_HANDLER = """from aiogram import Router

router = Router()


async def test_yaratish(message):
    await message.answer("Test savollarini yuboring")
"""


def test_quiz_folders_and_files_named_like_tests_are_the_bot_s_own_code():
    """In Uzbek and Russian a "test" is a quiz: a handler named like a test file but holding no test
    (no test function or class, no test framework import) is the product, not test data."""
    for path in ("handlers/test/savollar.py", "handlers/test_tuzish.py", "test_quiz/yaratish.py", "test/test_1.py"):
        strings = [(f.code, f.text) for f in check(QUIZ_HANDLER, path) if f.kind == "string"]
        assert strings == [("EG401", "Test savollarini yuboring")], path
    # The same text in real tests: a test framework import, a test class, or conftest.py.
    for path, source in (
        ("handlers/test_tuzish.py", "import pytest\n\n" + QUIZ_HANDLER),
        ("test/test_plain.py", "def test_reply():\n    assert reply() == 'Test savollari'\n"),
        ("tests/test_fakes.py", "def test_reply(fake):\n    fake.answer('Test savollari')\n"),
        ("tests/test_quiz.py", "import unittest\n\n\nclass QuizTest(unittest.TestCase):\n    x = 'Test savollari'\n"),
        ("tests/conftest.py", QUIZ_HANDLER),
    ):
        assert [f for f in check(source, path) if f.kind == "string"] == [], path
        result = check_source(path, source.encode(), Config(), "python")
        assert {c.finding.code for c in result.candidates if c.finding.kind == "string"} == {"EG402"}, path


def test_a_test_that_asserts_a_source_locale_translation_checks_the_ui(tmp_path: Path):
    catalog = tmp_path / "locales" / "uz" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Order accepted"\nmsgstr "Buyurtma qabul qilindi"\n',
        encoding="utf-8",
    )
    config = Config(root=str(tmp_path), source_lang="uz")
    source = 'def test_reply():\n    assert reply() == "Buyurtma qabul qilindi"\n    assert x == "Salom dunyo"\n'
    assert [f.text for f in candidates_of(source, str(tmp_path / "tests" / "test_bot.py"), config)] == ["Salom dunyo"]


def test_per_file_ignores_turn_codes_off_for_matching_files(tmp_path: Path):
    config = Config(root=str(tmp_path), per_file_ignores={"tests/**": ["EG402"]})
    source = 'assert reply() == "Buyurtma qabul qilindi"\n'
    assert candidates_of(source, str(tmp_path / "tests" / "test_bot.py"), config) == []
    assert [f.code for f in check('logger.info("Buyurtma qabul qilindi")\n', str(tmp_path / "bot.py"), config)] == [
        "EG402"
    ]


def test_shapes():
    assert text_shape("tbl_zakaz") == NAME
    assert text_shape("workers.tasks.pereschitat_reiting") == NAME
    assert text_shape("Xayr, yana keling") == "prose"
    assert text_shape("Yanvar") == "prose"
    for data in ("https://x.uz/a", "a/b/c.png", "%Y-%m-%d", "{}: {}", "SELECT a FROM b", r"^\d+$", "user@mail.uz"):
        assert text_shape(data) == "data", data
    # HTML a bot sends: the tags are markup, the word inside is what users read (not a path for its "</b>").
    assert text_shape("<b><i>🛠Sozlamalar</i></b>") == "prose"
    assert text_shape('<a href="{url}">{name}</a>') == "data"
    assert codes('async def f(message):\n    await message.answer("<b><i>🛠Sozlamalar</i></b>")\n') == [
        (2, "EG401", "<b><i>🛠Sozlamalar</i></b>")
    ]


def test_code_inside_a_string_and_slug_pairs_are_not_prose():
    assert looks_like_code("natija = self.narx * self.soni")
    assert looks_like_code("def qoshish(self, miqdor: int) -> int:")
    assert not looks_like_code("Holat: yangi")
    assert not looks_like_code("Xush kelibsiz, {name}!")
    assert is_slug_pair("Kraków Główny", "krakow-glowny")
    assert not is_slug_pair("Kraków", "warszawa")


def test_every_string_literal_gets_one_segment_with_its_role():
    text = 'log.warning("Diqqat: %s", x)\nprint(f"Jami {n} ta")\nassert ok, "Xato holat"\n'
    found = [(s.text, s.symbol) for s in read_python_text("app.py", text, Config()) if s.kind == "string"]
    assert found == [("Diqqat: %s", "log message"), ("Jami {n} ta", "user-facing"), ("Xato holat", "developer text")]


def test_character_tables_are_data():
    """A codec's decoding table or a set of word characters holds letters in code-point order: no language
    writes them as a word, so the table is data however many non-ASCII letters it has."""
    assert text_shape("\x00\x01\x02 !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "data"
    assert text_shape("ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ") == "data"
    assert text_shape("\xa0âäàáãåçñ¢.<(+|&éêëè abcdefghi«»ðýþ±°jklmnopqr") == "data"
    assert text_shape("Buyurtma qabul qilindi") == "prose"
    assert text_shape("Добро пожаловать в магазин") == "prose"


def test_a_value_that_refers_to_itself_is_followed_once():
    """`text = text + "..."` (as in the standard library's codecs and pdb) made the role walk recurse
    without end: every such file was an EG900 error."""
    source = (
        'def build(parts):\n    text = "Buyurtmangiz tayyor"\n    for part in parts:\n'
        "        text = text + part\n    message.answer(text)\n"
    )
    result = check_source("bot/handlers.py", source.encode(), Config(), "python")
    assert result.error is None
    assert [(f.code, f.text) for f in result.findings] == [("EG401", "Buyurtmangiz tayyor")]


def test_a_verdict_does_not_depend_on_the_texts_judged_before_it():
    """One cached word object per word is shared by every text of a process: re-labelling it as a name in
    one text ("Oddiy" in Title Case) must not make it a name in the next (the check's result then depended
    on which worker read which file first)."""
    import subprocess
    import sys

    text = "Oddiy test, avto"
    code = (
        "from english_guard.language import judge\n"
        "import sys\n"
        "if sys.argv[1] == 'after': judge('Oddiy Test Tahlili Natija', 'string')\n"
        f"v = judge({text!r}, 'string')\n"
        "print(v.english, v.language)\n"
    )
    fresh = subprocess.run([sys.executable, "-c", code, "fresh"], capture_output=True, text=True, check=True)
    after = subprocess.run([sys.executable, "-c", code, "after"], capture_output=True, text=True, check=True)
    assert fresh.stdout == after.stdout == "False uz\n"


def test_callback_ids_are_data_wherever_a_bot_sends_or_matches_them():
    """A callback id travels in a button and back; chats keep it, so it is data, in every place a bot
    writes it: `callback_data=`, a callback handler's filters, a comparison with or a test of `.data`,
    a CallbackData prefix. A text with spaces in those places is still judged."""
    source = """
kb = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Ortga qaytish", callback_data="ortga"),
    InlineKeyboardButton(text="Keyingi sahifa", callback_data=f"sahifa_{n}")]])
@dp.callback_query_handler(text="dossari12")
async def one(call):
    if call.data == "tasdiqlash":
        await call.message.answer("Buyurtma tasdiqlandi")
    elif call.data.startswith("bekor_qilish:"):
        pass
@router.callback_query(F.data == "yuborish")
async def two(callback): pass
@router.callback_query(F.data.in_({"oldinga", "orqaga"}))
async def three(callback): pass
ovoz = CallbackData("ovoz", "tanlov")
class Sura(CallbackData, prefix="surani_tanlash"):
    number: int
@dp.callback_query_handler(text="Bosh sahifaga qaytish")
async def four(call): pass
"""
    assert codes(source) == [
        (2, "EG401", "Ortga qaytish"),
        (3, "EG401", "Keyingi sahifa"),
        (7, "EG401", "Buyurtma tasdiqlandi"),
        (17, "EG401", "Bosh sahifaga qaytish"),
    ]


def test_a_callback_id_compared_with_a_message_text_stays_a_button_label():
    source = 'if message.text == "Tasdiqlash":\n    pass\n'
    assert codes(source) == [(1, "EG401", "Tasdiqlash")]


REPRS = """class Address:
    def __repr__(self):
        return f"<Manzil: {self.title}, Foydalanuvchi ID: {self.user_id}>"

    def __str__(self):
        return f"<Buyurtma item: {self.title}, Nusxa: {self.copies}>"


class Branch:
    def __str__(self):
        return f"Filial {self.name}"


class User:
    def __repr__(self):
        return f"<User: {self.name}, Telegram ID: {self.telegram_id}>"
"""


def test_a_repr_shaped_f_string_is_developer_text_not_an_html_tag():
    # `<Manzil: ...>` is what a repr prints, not a tag: its words are read, and it is developer text (EG402);
    # a plain `__str__` may be shown to users (an admin's list), so it keeps the presumed role.
    # Title Case words (`Manzil`, `Foydalanuvchi`) are candidates that the project's profile decides.
    result = check_source("bot/models.py", REPRS.encode(), Config(), "python")
    found = sorted([*result.findings, *(c.finding for c in result.candidates)], key=lambda f: f.line)
    assert [(f.line, f.code) for f in found] == [(3, "EG402"), (6, "EG402"), (11, "EG401")]
    assert all("developer text" in f.message for f in found[:2])


def test_a_numbered_menu_item_is_text_not_a_dotted_name():
    source = (
        "from aiogram.types import KeyboardButton\n"
        'menu = [KeyboardButton(text="1.Shartnomalar"), KeyboardButton(text="2.Buyruqlar")]\n'
        'ITEMS = ["3.Hisobotlar", "1.Introduction"]\n'
        'FILES = ["3.py", "os.path", "1.5.2"]\n'
    )
    assert codes(source) == [
        (2, "EG401", "1.Shartnomalar"),
        (2, "EG401", "2.Buyruqlar"),
        (3, "EG401", "3.Hisobotlar"),
    ]
    assert text_shape("1.Shartnomalar") == "prose"
    assert text_shape("3.py") == "data"
