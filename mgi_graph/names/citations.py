"""A law's number, year, date and period, as its name in a text gives them ("Law No. 200 …
(2010)", "Ley 1465 de 2011", "Loi n° 2005-06 du 10 mai 2005", "… for 2021–2025")."""

from __future__ import annotations

import re

from mgi_graph.names.rules import NameRules
from mgi_graph.names.tokens import Tok

_PERIOD = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{4})$")
_YEAR = re.compile(r"\d{4}")


def citation(
    piece: list[int], toks: list[Tok], rules: NameRules
) -> tuple[str | None, str | None, str | None, tuple[str, str] | None]:
    """A law's number, year, date (ISO) and period as its name gives them: the number
    after a number sign or right after the head ("Ley 1465"), a date ("du 10 mai 2005"), a
    year ("de 2011") and a period ("for 2021–2025", "2018-2040")."""
    number = year = date = None
    period: tuple[str, str] | None = None
    n = 0
    while n < len(piece):
        t = toks[piece[n]]
        before = toks[piece[n - 1]] if n else None
        after = toks[piece[n + 1]] if n + 1 < len(piece) else None
        if t.kind == "number":
            number = number or re.sub(r"^\D+", "", t.text)
        elif t.kind == "date":
            date, year = iso_date(t.text, rules), t.text[-4:]
        elif t.digits:
            pair = _PERIOD.match(t.text)
            if pair:
                period = (pair[1], pair[2])
            elif _YEAR.fullmatch(t.text) and after is not None and _YEAR.fullmatch(after.text):
                period, n = (t.text, after.text), n + 1
            elif (
                before is not None
                and before.capital
                and number is None
                and (rules.head_first or not _YEAR.fullmatch(t.text))
            ):
                number = t.text  # "Ley 1465", "Decreto 1067"; "Immigration Act 2015": a year
            elif _YEAR.fullmatch(t.text):
                year = t.text
        n += 1
    return number, year, date, period


def iso_date(text: str, rules: NameRules) -> str | None:
    """An ISO date of a date token, by the language's month names ("10 mai 2005")."""
    words = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    numbers = [w for w in words if w.isdigit()]
    index = next((rules.months[w] for w in words if w in rules.months), None)
    if index is None or len(numbers) != 2:
        return None
    day, year = (numbers[0], numbers[1]) if len(numbers[0]) <= 2 else (numbers[1], numbers[0])
    return f"{year}-{index:02d}-{int(day):02d}"


__all__ = ["citation", "iso_date"]
