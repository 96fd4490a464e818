"""Fill empty or fuzzy translations of bilingual labels ("现行 Current") with their English part.

Prints the entries that still need a translator and exits 1 if there are any.
"""

import re
import sys

import polib

# A Chinese label followed by its English: the English part starts at the first ASCII letter
# after the last CJK character or full-width punctuation.
_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_BILINGUAL = re.compile(rf"^(?P<zh>.*{_CJK})\s+(?P<en>[A-Za-z].*)$", re.S)


def english_part(msgid: str) -> str | None:
    match = _BILINGUAL.match(msgid)
    if not match or re.search(r"[\u3400-\u9fff]", match["en"]):
        return None
    en = match["en"].strip()
    return en[0].upper() + en[1:]


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^}]*\}|%\(\w+\)[sd]|%[sd]", text))


def main(path: str) -> int:
    catalogue = polib.pofile(path)
    missing = []
    for entry in catalogue:
        translated = entry.msgstr or all(entry.msgstr_plural.values()) if entry.msgid_plural \
            else entry.msgstr
        if entry.obsolete or (translated and "fuzzy" not in entry.flags):
            continue
        en = english_part(entry.msgid)
        if en and _placeholders(en) == _placeholders(entry.msgid):
            entry.msgstr = en
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        else:
            missing.append(entry.msgid)
    catalogue.save(path)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
