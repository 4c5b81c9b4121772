"""Mutated exchange files for the fuzz tests (hypothesis, tests/goals, tests/projects) and the
benchmark `bench/fuzz_imports.py`: start from a real export, damage it the way a careless or
hostile user would. Pure: no Django; every mutation is driven by a `random.Random`."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCALAR = re.compile(r"^(?P<head>\s*(?:- )?[A-Za-z_]+: )(?P<value>.*)$")


def random_value(rnd: random.Random) -> Any:
    """A value a file should never break on: text, numbers, dates (also impossible ones)."""
    choices: list[Callable[[], Any]] = [
        lambda: "".join(
            rnd.choice("abcäöüß =+-@'\"[]{}:#,&*!|>%") for _ in range(rnd.randint(0, 12))
        ),
        lambda: rnd.randint(-(10**6), 10**6),
        lambda: rnd.choice([0, -1, 10**20, 2**63, 1e308, -0.0, float("inf")]),
        lambda: rnd.uniform(-1e9, 1e9),
        lambda: f"{rnd.randint(0, 9999):04d}-{rnd.randint(0, 19):02d}-{rnd.randint(0, 39):02d}",
        lambda: dt.date(rnd.randint(1, 9999), rnd.randint(1, 12), rnd.randint(1, 28)),
        lambda: "x" * rnd.choice([301, 1000, 100_000]),
        lambda: "9" * rnd.choice([19, 5000]),
        lambda: rnd.choice(
            ["", "ja", "nein", "null", "~", "true", "[", "{", "&a", "*a", "!!binary x"]
        ),
        lambda: "[" * rnd.choice([5, 200, 20_000]),
        lambda: rnd.choice(["\x00", "\u202e", "\t", "\r", "é" * 3]),
    ]
    return rnd.choice(choices)()


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def mutate_text(text: str, rnd: random.Random) -> bytes:
    """One to three damages to a YAML text: lines deleted, duplicated, swapped or re-indented,
    the file cut, scalars replaced, random bytes inserted."""
    lines = text.splitlines(keepends=True)
    data: bytes | None = None
    for _ in range(rnd.randint(1, 3)):
        if not lines:
            break
        kind = rnd.randrange(8)
        index = rnd.randrange(len(lines))
        if kind == 0:
            del lines[index]
        elif kind == 1:
            lines.insert(index, lines[index])
        elif kind == 2:
            other = rnd.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == 3:
            joined = "".join(lines)
            lines = [joined[: rnd.randrange(len(joined) + 1)]]
        elif kind == 4:
            lines[index] = " " * rnd.randint(1, 3) + lines[index]
        elif kind in (5, 6):
            candidates = [i for i, line in enumerate(lines) if SCALAR.match(line)]
            if candidates:
                index = rnd.choice(candidates)
                match = SCALAR.match(lines[index])
                assert match is not None
                lines[index] = f"{match['head']}{_yaml_scalar(random_value(rnd))}\n"
        else:
            raw = "".join(lines).encode("utf-8")
            at = rnd.randrange(len(raw) + 1)
            data = raw[:at] + bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8))) + raw[at:]
            lines = []
    return data if data is not None else "".join(lines).encode("utf-8")


def read_sheets(path: Path) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {
        name: [list(row) for row in book[name].iter_rows(values_only=True)]
        for name in book.sheetnames
    }


def mutate_book(sheets: dict[str, list[list[Any]]], rnd: random.Random) -> bytes:
    """One to three damages to a workbook's cells (rows deleted, duplicated or cut, cells
    replaced, a header or a sheet lost), written as XLSX; now and then the bytes of the file
    are cut or flipped."""
    from openpyxl import Workbook

    sheets = {name: [list(row) for row in rows] for name, rows in sheets.items()}
    for _ in range(rnd.randint(1, 3)):
        name = rnd.choice(list(sheets))
        rows = sheets[name]
        kind = rnd.randrange(10)
        if not rows:
            continue
        index = rnd.randrange(len(rows))
        if kind == 0:
            del rows[index]
        elif kind == 1:
            rows.insert(index, list(rows[index]))
        elif kind == 2:
            del rows[index:]
        elif kind == 3 and rnd.random() < 0.3:
            del sheets[name]
        elif kind == 4 and rows[0]:
            rows[0][rnd.randrange(len(rows[0]))] = random_value(rnd) if rnd.random() < 0.5 else None
        elif rows[index]:
            rows[index][rnd.randrange(len(rows[index]))] = random_value(rnd)
    book = Workbook()
    for sheet in book.worksheets:
        book.remove(sheet)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if rnd.random() < 0.1:
        at = rnd.randrange(len(data))
        data = (
            data[:at]
            if rnd.random() < 0.5
            else data[:at] + bytes([rnd.randrange(256)]) + data[at + 1 :]
        )
    return data


def _cell(value: Any) -> Any:
    """What openpyxl can store: text that it would take for a formula or that has characters
    XML forbids stays text without them."""
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
        if value.startswith("="):
            return value  # a formula: read back without a cached value (None)
        return value[:32767]
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    if isinstance(value, int) and abs(value) > 2**53:
        return str(value)
    return value


BYTE_TOKENS = [b";", b"\n", b"\r\n", b'"', b"\xc3", b"\xa4", b" ", b"-", b",", b"0", b"x", b"p"]
BYTE_TOKENS += [
    b"()",
    b"__________\n",
    b"\xef\xbb\xbf",
    b"DG",
    b"31.12.2024",
    b"Insgesamt",
    b"\x00",
]


def damage_bytes(data: bytes, rnd: random.Random) -> bytes:
    """One to four damages to a statistics file's bytes: cut, bytes deleted, a token or random
    bytes inserted, a byte replaced, a line repeated elsewhere."""
    damaged = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        position = rnd.randint(0, len(damaged))
        action = rnd.choice(["cut", "delete", "insert", "replace", "repeat"])
        if action == "cut":
            del damaged[position:]
        elif action == "delete":
            del damaged[position : position + rnd.randint(1, 60)]
        elif action == "insert":
            token = rnd.choice(BYTE_TOKENS) if rnd.random() < 0.7 else rnd.randbytes(3)
            damaged[position:position] = token
        elif action == "replace" and position < len(damaged):
            damaged[position] = rnd.randrange(256)
        elif action == "repeat":
            lines = bytes(damaged).split(b"\n")
            lines.insert(rnd.randrange(len(lines)), lines[rnd.randrange(len(lines))])
            damaged = bytearray(b"\n".join(lines))
    return bytes(damaged)


def replace_once(path: Path, old: str, new: str) -> None:
    """Change one place of a text file (which must contain `old`)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
