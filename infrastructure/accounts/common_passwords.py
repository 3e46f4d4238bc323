"""The passwords nobody may choose: zxcvbn's 30,000 most common ones plus common Chinese ones.

zxcvbn (PyPI `zxcvbn`, MIT, a port of Dropbox's zxcvbn) ships `FREQUENCY_LISTS["passwords"]`, the
most frequent passwords of public leak corpora. It is mostly English-language, so
`data/common_passwords_zh.txt` adds the Chinese families (see its header), and `chinese_families()`
expands them: pinyin words and common surnames followed by the usual number suffixes.
"""

from __future__ import annotations

from functools import cached_property
from importlib import resources

PINYIN_WORDS = (
    "woaini",
    "aini",
    "wo",
    "woaiwojia",
    "nihao",
    "zhongguo",
    "mima",
    "iloveyou",
    "love",
    "qq",
    "a",
    "aa",
    "abc",
    "qwe",
    "asd",
    "zxc",
    "qaz",
    "china",
    "dalian",
    "beijing",
    "shanghai",
    "laopo",
    "laogong",
    "baobao",
    "xiaoxiao",
    "tiantian",
    "bb",
    "dd",
)
# The twenty commonest surnames of mainland China, in pinyin.
SURNAMES = (
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "xu",
    "sun",
    "ma",
    "zhu",
    "hu",
    "guo",
    "he",
    "gao",
    "lin",
    "luo",
)
NUMBER_SUFFIXES = (
    "1314",
    "520",
    "521",
    "5201314",
    "1314520",
    "13145201314",
    "123",
    "1234",
    "12345",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "111",
    "888",
    "8888",
    "888888",
    "666",
    "6666",
    "666666",
    "000",
    "0000",
    "000000",
    "147258",
    "159357",
    "123321",
    "7758521",
    "584520",
    "110",
    "119",
    "2008",
    "2012",
    *(str(year) for year in range(1960, 2031)),
)


def chinese_families() -> set[str]:
    """Pinyin word or surname + a common number suffix, and the same with the word doubled or after the digits."""
    words = PINYIN_WORDS + SURNAMES
    found = {word + suffix for word in words for suffix in NUMBER_SUFFIXES}
    found |= {suffix + word for word in words for suffix in NUMBER_SUFFIXES}
    found |= {word + word + suffix for word in words for suffix in ("1314", "520", "123", "123456")}
    return found


def _shipped_list() -> list[str]:
    text = resources.files("infrastructure").joinpath("data/common_passwords_zh.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class CommonPasswordList:
    """CommonPasswords over zxcvbn's list and the Chinese families; `allowing` exempts the demo's own password."""

    def __init__(self, allowed: frozenset[str] = frozenset()) -> None:
        self.allowed = allowed

    @cached_property
    def passwords(self) -> frozenset[str]:
        """Every refused password, lower-case (loaded at first use: zxcvbn's module takes ~0.3 s to import)."""
        from zxcvbn.frequency_lists import FREQUENCY_LISTS  # noqa: PLC0415 - ~0.3 s to import: loaded at first use

        return frozenset(p.lower() for p in (*FREQUENCY_LISTS["passwords"], *_shipped_list(), *chinese_families()))

    def contains(self, password: str) -> bool:
        """Whether the password (ignoring case) is a common one, and not exempted."""
        return password not in self.allowed and password.lower() in self.passwords

    def allowing(self, password: str) -> CommonPasswordList:
        """The same list with one password exempted (demo mode's documented password)."""
        exempt = CommonPasswordList(self.allowed | {password})
        if "passwords" in self.__dict__:
            exempt.__dict__["passwords"] = self.passwords
        return exempt
