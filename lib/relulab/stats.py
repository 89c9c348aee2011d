"""Mean and spread over seeds, and the text and HTML tables that show them.

Taught in: chapters/06_dying_relu_lab (every result is a mean ± spread over
seeds) and chapters/07_born_dead (tables). Printed numbers are fixed-format,
so re-running a chapter reproduces them exactly.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import numpy as np

from ._checks import as_float_array, check_choice, check_int

SPREADS = ("std", "se")


@dataclass(frozen=True)
class Summary:
    """Mean and spread of one quantity over independent runs (seeds).

    ``std`` is the sample standard deviation (ddof = 1), the spread of a single
    run; ``se = std / sqrt(n)`` is the standard error, the uncertainty of the
    mean. Arrays when the quantity has a shape (e.g. one value per layer).
    """

    mean: np.ndarray
    std: np.ndarray
    se: np.ndarray
    n: int

    def __iter__(self) -> Iterator[np.ndarray]:  # ``mean, std, se = summarize(v)`` reads like the formula
        return iter((self.mean, self.std, self.se))

    def format(self, digits: int = 3, spread: str = "std") -> str:
        """"mean ± spread" with ``digits`` decimals, e.g. "0.412 ± 0.031" (scalars only)."""
        check_int(digits, "digits", 0)
        check_choice(spread, "spread", SPREADS)
        if np.ndim(self.mean) != 0:
            raise ValueError("format() needs a scalar summary; index the arrays for one value per layer.")
        value = self.std if spread == "std" else self.se
        return f"{float(self.mean):.{digits}f} ± {float(value):.{digits}f}"


def summarize(values: Any, axis: int = 0) -> Summary:
    """Mean, sample std and standard error of ``values`` along ``axis`` (the runs).

    mean = sum(x_i) / n,  std = sqrt(sum((x_i - mean)^2) / (n - 1)),
    se = std / sqrt(n). Needs n >= 2 runs and refuses NaN and inf: a diverged
    run must be left out (and counted) by the caller, never averaged.
    """
    array = as_float_array(values, "values")
    if array.ndim == 0:
        raise ValueError("values must hold one entry per run (at least 1-D), got a scalar.")
    check_int(axis, "axis", -array.ndim)
    if axis >= array.ndim:
        raise ValueError(f"axis {axis} is out of range for values with {array.ndim} dimension(s).")
    n = array.shape[axis]
    if n < 2:
        raise ValueError(f"a spread needs at least 2 runs along axis {axis}, got {n}.")
    mean = array.mean(axis=axis)
    std = array.std(axis=axis, ddof=1)
    return Summary(mean=mean, std=std, se=std / np.sqrt(n), n=n)


def format_mean_spread(values: Any, digits: int = 3, spread: str = "std", total: int | None = None) -> str:
    """One table cell for the finite runs among ``total``: "0.41 ± 0.03", "0.41 (1 run)" or "-".

    ``values`` are the finite per-run numbers (diverged runs already removed).
    When ``total`` is given and runs are missing, the cell ends with how many
    of the runs are summarized, e.g. "0.41 ± 0.03 (3/5)" or "0.41 (1/5)".
    """
    array = as_float_array(values, "values").ravel()
    check_int(digits, "digits", 0)
    check_choice(spread, "spread", SPREADS)
    n = len(array)
    if total is not None:
        check_int(total, "total", n)
    counted = f"{n}/{total}" if total is not None and n < total else ""
    if n == 0:
        return "-"
    if n == 1:
        return f"{array[0]:.{digits}f} ({counted or '1 run'})"
    return summarize(array).format(digits, spread) + (f" ({counted})" if counted else "")


def format_table(rows: Sequence[Sequence[str | int]], headers: Sequence[str]) -> str:
    """A fixed-width text table: headers, a rule, one line per row.

    Cells are strings (format numbers yourself, e.g. ``f"{x:.3f}"``, so that
    printed results are reproducible digit for digit) or ints. The first
    column is left-aligned, the others right-aligned.
    """
    headers = [str(h) for h in headers]
    if not headers:
        raise ValueError("headers must name at least one column.")
    cells = []
    for i, row in enumerate(rows):
        if isinstance(row, str) or len(row) != len(headers):
            raise ValueError(f"row {i} must have {len(headers)} cells (one per header), got {row!r}.")
        for cell in row:
            if isinstance(cell, bool) or not isinstance(cell, (str, int, np.integer)):
                raise TypeError(
                    f"row {i} holds {cell!r} of type {type(cell).__name__}; cells must be str or int "
                    "(format floats with a fixed number of digits first)."
                )
        cells.append([str(c) for c in row])
    widths = [max(len(r[j]) for r in [headers, *cells]) for j in range(len(headers))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def html_table(rows: Sequence[Sequence[str | int]], headers: Sequence[str]) -> str:
    """The same table as ``format_table``, as an HTML ``<table>`` (text escaped).

    For tables with long text cells, which wrap on a web page; show it with
    ``IPython.display.HTML``.
    """
    format_table(rows, headers)  # the same checks on shape and cell types
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    # "mean ± std" never breaks apart on a narrow page; a cell breaks between numbers only.
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c)).replace(' ± ', '&nbsp;±&nbsp;')}</td>" for c in row)
        + "</tr>" for row in rows
    )
    return f'<table class="table relulab-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

