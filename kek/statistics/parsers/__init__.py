"""Parse official statistics files into one normalised long polars DataFrame (SPEC §5, F8).

Pure module: no Django, polars for all row-wise work.

Formats, told apart by the content (first line, footer), never by the file name; any of
them may be zipped (a .zip holding exactly one file):

* ``ffcsv`` – flat-file CSV, English column names (``statistics_code; …; value;
  value_unit; value_variable_code; value_variable_label[; value_q]``), see ``flatfile``.
* ``ffcsv-alt`` – flat-file CSV, German column names (``Statistik_Code; …``) with one
  value column ``CODE__Label__Unit`` per value variable (optional ``CODE__…__q``
  quality columns), see ``flatfile``.
* ``genesis-tabelle`` – classic GENESIS table CSV with title block and footer; the
  supported header layouts are described in ``table``.
* ``vorlage`` – the KEK long template (CSV or XLSX) for every other source, see
  ``template``.

Encoding: BOM decides (UTF-8, UTF-16); without BOM UTF-8 is tried, then Windows-1252
(which reads ISO-8859-1 letters identically). Damaged UTF-8 is an error, not mojibake.

Output (``OUTPUT_SCHEMA``), one row per value cell:

``table`` statistic code (flat files: ``statistics_code``; classic tables: the five
digits before the first ``-`` of the table code) · ``region_key`` text with leading
zeros · ``region_name`` without indentation · ``period`` ISO date / year / semester
code as in the file, other period texts unchanged · ``period_kind`` date|year|semester|
other · ``value_variable_code``, ``value_variable_label``, ``unit`` · ``disaggregation``
``VAR:ATTR`` pairs sorted by variable code and joined with ``|`` (``GES:GESW|NAT:NATA``),
empty for the total; region variables are not part of it · ``disaggregation_label``
the same with labels (``Geschlecht: weiblich | Nationalität: ausländisch``) · ``value``
Float64, null whenever ``symbol`` is set · ``symbol`` one of ``- . ... / x () |`` ·
``quality`` ``e p r s``, ``()`` for a number in parentheses or from ``value_q`` (flags
may combine, e.g. ``() p``) · ``source_line`` 1-based line in the file (row in XLSX).

Decisions:

* Only an empty attribute code is a total in flat files; codes such as ``INSGESAMT``
  (21311) or ``LB-INS`` (12211) stay part of the disaggregation because the file says
  so. Classic tables have no codes, so there the attribute label "Insgesamt" is the total.
* A row without any region variable (national GENESIS tables) belongs to ``DG``.
* ``0`` (and ``0,0``) is a number, value 0.0, symbol null: real files use it for true zero
  counts (52411, Ansbach) as well as for "less than half the smallest unit", and the two
  can't be told apart; ``-`` ("nothing") is kept as the symbol with a null value.
* Decimal comma or point, never thousands separators (GENESIS never writes them).
* Region keys must have 2, 3, 5, 8, 9 or 12 digits or be ``DG``; a four-digit key is
  reported as a lost leading zero instead of being padded.
* Every problem raises ``ParseError`` with file, line and column, in German.
"""

from .api import parse_bytes, parse_file
from .cells import QUALITY_FLAGS, SYMBOLS
from .errors import ParseError
from .model import OUTPUT_SCHEMA, FileFormat, ParseResult, ValueVariable
from .source import ArchiveLimits

__all__ = [
    "ArchiveLimits",
    "OUTPUT_SCHEMA",
    "QUALITY_FLAGS",
    "SYMBOLS",
    "FileFormat",
    "ParseError",
    "ParseResult",
    "ValueVariable",
    "parse_bytes",
    "parse_file",
]
