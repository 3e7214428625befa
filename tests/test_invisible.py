"""EG103/EG102: invisible and look-alike characters (issue 16, item 7), per class of character.

The table of invisible characters is Unicode's Default_Ignorable_Code_Point property, generated into
english_guard/invisible_table.py by tools/build_invisible_table.py; the first test checks it is current.
"""

from __future__ import annotations

import pytest
from check_helpers import check_json, make_project

HIDDEN = {
    "hangul filler U+3164 as a name": ("python", "\u3164 = 1\nprint(\u3164)\n", "U+3164"),
    "halfwidth hangul filler U+FFA0": ("python", "x\uffa0 = 1\n", "U+FFA0"),
    "hangul choseong filler U+115F": ("python", "# a\u115fb\n", "U+115F"),
    "hangul jungseong filler U+1160": ("python", "# a\u1160b\n", "U+1160"),
    "combining grapheme joiner U+034F": ("python", "# pass\u034fword\n", "U+034F"),
    "variation selector U+FE0F between letters": ("python", "# a\ufe0fb\n", "U+FE0F"),
    "variation selector supplement U+E0100": ("python", "# a\U000e0100b\n", "U+E0100"),
    "khmer inherent vowel U+17B4": ("python", "# a\u17b4b\n", "U+17B4"),
    "khmer inherent vowel U+17B5": ("python", "# a\u17b5b\n", "U+17B5"),
    "mongolian vowel separator U+180E": ("python", "# a\u180eb\n", "U+180E"),
    "tag characters in a comment": ("python", "# ok\U000e0001\U000e0069\U000e0067\U000e006e\n", "U+E0001"),
    "word joiner U+2060 in YAML": ("yaml", "name: a\u2060b\n", "U+2060"),
    "hangul filler in a YAML comment": ("yaml", "# x\u3164y\nname: a\n", "U+3164"),
    "reserved default-ignorable U+FFF0 in markdown": ("markdown", "Some\ufff0text\n", "U+FFF0"),
    "a range end next to ASCII letters": ("python", 'CHARS = "[a-\U000e01ef]"\n', "U+E01EF"),
}
WRITING = {
    "emoji with variation selector": "# Done \u2764\ufe0f\n",
    "emoji ZWJ sequence": "# Family \U0001f468\u200d\U0001f469\u200d\U0001f467\n",
    "flag of England (tag sequence)": "# Flag \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f\n",
    "persian zero-width non-joiner": "# \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n",
    "CJK ideographic variation": "# \u845b\U000e0100\n",
    "a code-point range of a generated character class": 'ID = "[\U0001e944-\U0001e94a\U000e0100-\U000e01ef]+"\n',
}
FILE_NAMES = {"python": "module.py", "yaml": "config.yaml", "markdown": "README.md"}


def test_the_table_is_unicode_default_ignorable_code_point():
    regex = pytest.importorskip("regex")
    from english_guard.invisible_table import DEFAULT_IGNORABLE

    table = {code for first, last in DEFAULT_IGNORABLE for code in range(first, last + 1)}
    pattern = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    assert table == {code for code in range(0x110000) if pattern.match(chr(code))}


@pytest.mark.parametrize("reader, text, code", HIDDEN.values(), ids=HIDDEN.keys())
def test_hidden_characters_are_reported(tmp_path, reader, text, code):
    root = make_project(tmp_path / "p", {FILE_NAMES[reader]: text})
    _exit, report, _stderr = check_json(root, "--no-cache", "--select", "EG103")
    assert code in [f["text"] for f in report["findings"] if f["code"] == "EG103"], report["findings"]


@pytest.mark.parametrize("text", WRITING.values(), ids=WRITING.keys())
def test_invisible_characters_that_are_part_of_writing_are_not_reported(tmp_path, text):
    root = make_project(tmp_path / "p", {"module.py": text + "x = 1\n"})
    _exit, report, _stderr = check_json(root, "--no-cache", "--select", "EG103")
    assert report["findings"] == []


def test_a_full_width_name_that_python_reads_as_an_english_one_is_eg102(tmp_path):
    root = make_project(tmp_path / "p", {"module.py": "\uff50assword = 'hunter2'\nprint(password)\n"})
    _exit, report, _stderr = check_json(root, "--no-cache")
    assert [(f["code"], f["text"]) for f in report["findings"]] == [("EG102", "\uff50assword")]
