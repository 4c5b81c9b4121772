"""The one exception the parsers raise."""

from __future__ import annotations


class ParseError(Exception):
    """A file could not be parsed; the text is German and meant for the uploading user.

    ``line`` is the 1-based line (CSV) or row (XLSX) in the file, ``column`` the column
    name; either is ``None`` when the problem concerns the file as a whole.
    """

    def __init__(self, file: str, line: int | None, column: str | None, message: str) -> None:
        super().__init__(file, line, column, message)
        self.file = file
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        place = [self.file or "Datei"]
        if self.line is not None:
            place.append(f"Zeile {self.line}")
        if self.column:
            place.append(f"Spalte {self.column}")
        return f"{', '.join(place)}: {self.message}"
