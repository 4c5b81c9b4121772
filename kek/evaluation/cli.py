"""`kek evaluate`: options, run and summary, shared by the console script's fast path (no
Django: start-up is Python, numpy and polars only) and the management command `kek_evaluate`.

:func:`main` handles a plain run; anything it does not understand (``--help``, Django's own
options such as ``--verbosity``, abbreviated or unknown options, missing values) returns
``None`` so that the caller hands the arguments to the management command, which answers as
it always has.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import polars as pl

from kek.evaluation import methods
from kek.evaluation.statuses import LABELS
from kek.evaluation.tables import InputError, evaluate_csv

HELP = "Bewertet Zeitreihen aus CSV-Dateien (Reihen S.csv, Parameter P.csv) → R.csv."
PROG = "kek evaluate"


class EvaluateError(Exception):
    """A user error; ``str(error)`` is the German message (Django: CommandError)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--method", required=True, help="open-sdg (Fortschrittsmaß), dns (Wettersymbole), trend"
    )
    parser.add_argument("--series", required=True, type=Path, help="S.csv: series_id, year, value")
    parser.add_argument(
        "--params",
        required=True,
        type=Path,
        help="P.csv: series_id, direction, base_year, target, target_year",
    )
    parser.add_argument("--out", required=True, type=Path, help="Ergebnisdatei R.csv")
    parser.add_argument(
        "--profile",
        default=methods.DEFAULT_PROFILE,
        help="Schwellen ohne Zielwert (open-sdg): default oder eurostat",
    )
    parser.add_argument(
        "--estimator",
        default=methods.DEFAULT_ESTIMATOR,
        help="Trendschätzer (dns): slope, endpoints oder compound",
    )


def run(*, method: str, series: Path, params: Path, out: Path, profile: str, estimator: str) -> str:
    """Evaluate S.csv + P.csv into R.csv; returns the summary line. Raises EvaluateError."""
    if not out.parent.is_dir():
        raise EvaluateError(f"{out}: das Verzeichnis {out.parent} gibt es nicht.")
    try:
        result = evaluate_csv(method, series, params, out, profile=profile, estimator=estimator)
    except InputError as exc:
        raise EvaluateError(str(exc)) from None
    except OSError as exc:
        reason = exc.strerror or "keine Schreibberechtigung?"
        raise EvaluateError(f"{out}: kann nicht geschrieben werden ({reason}).") from None
    return summary(result, method, out)


def summary(result: pl.DataFrame, method: str, out: Path) -> str:
    counts = Counter(result["status"].to_list())
    parts = ", ".join(
        f"{label.text} {counts[code]}" for code, label in LABELS.items() if counts[code]
    )
    return f"{len(result)} Reihen mit {method} bewertet → {out} ({parts})"


class _NotPlain(Exception):
    """The arguments need the management command's parser."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotPlain(message)


def main(argv: list[str]) -> int | None:
    """Run `kek evaluate ARGV` without Django; exit code, or None for the management command."""
    parser = _Parser(prog=PROG, description=HELP, add_help=False, allow_abbrev=False)
    add_arguments(parser)
    try:
        options, unknown = parser.parse_known_args(argv)
    except _NotPlain:
        return None
    if unknown:
        return None
    try:
        print(run(**vars(options)))
    except EvaluateError as exc:
        sys.stderr.write(f"CommandError: {exc}\n")
        return 1
    return 0
