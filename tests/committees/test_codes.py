"""Committee codes: the shapes accepted, their canonical form and level."""

import pytest

from stdhub.committees.codes import CodeError, parse


@pytest.mark.parametrize(("text", "canonical", "level"), [
    ("SAC/TC 28", "SAC/TC 28", "national"),
    ("sac/tc28", "SAC/TC 28", "national"),
    ("SAC / TC 28 / SC 42", "SAC/TC 28/SC 42", "national"),
    ("SAC/SWG 5", "SAC/SWG 5", "national"),
    ("ZJ/TC 012", "ZJ/TC 12", "provincial"),
    ("zj/tc 3/sc 1", "ZJ/TC 3/SC 1", "provincial"),
])
def test_accepted(text, canonical, level):
    code = parse(text)
    assert (code.canonical, code.level) == (canonical, level)


@pytest.mark.parametrize("text", ["", "TC 28", "SAC/TC", "SAC/TC 28/WG 1", "ABCD/TC 1",
                                  "ISO/TC 211", "SAC/TC 28 x", "GB/T 1.1"])
def test_refused(text):
    with pytest.raises(CodeError, match="is not a committee code"):
        parse(text)
