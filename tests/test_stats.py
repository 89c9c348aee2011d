"""Tests of relulab.stats: mean and spread over runs, and the tables, against textbook formulas."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from relulab.stats import format_mean_spread, format_table, html_table, summarize

finite = st.floats(-1e3, 1e3, allow_nan=False)


@given(arrays(np.float64, st.integers(2, 30), elements=finite))
def test_summarize_matches_textbook_formulas(values):
    n = len(values)
    mean = sum(values) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    summary = summarize(values)
    assert summary.n == n
    assert summary.mean == pytest.approx(mean, rel=1e-9, abs=1e-9)
    assert summary.std == pytest.approx(std, rel=1e-7, abs=1e-7)
    assert summary.se == pytest.approx(std / math.sqrt(n), rel=1e-7, abs=1e-7)


def test_summarize_works_along_an_axis_and_unpacks_to_mean_std_se():
    values = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    mean, std, se = summarize(values, axis=0)
    np.testing.assert_allclose(mean, [2.0, 4.0])
    np.testing.assert_allclose(std, [2.0, np.sqrt(13.0)])
    np.testing.assert_allclose(se, np.array([2.0, np.sqrt(13.0)]) / np.sqrt(3))


@pytest.mark.parametrize(
    "values, error",
    [([1.0], ValueError), ([1.0, np.nan], ValueError), ([1.0, np.inf], ValueError), (3.0, ValueError),
     (["a", "b"], TypeError)],
)
def test_summarize_refuses_what_has_no_spread(values, error):
    with pytest.raises(error):
        summarize(values)


def test_summary_format_and_cells():
    assert summarize([1.0, 2.0, 3.0]).format(2) == "2.00 ± 1.00"
    assert summarize([1.0, 2.0, 3.0]).format(3, spread="se") == f"2.000 ± {1 / np.sqrt(3):.3f}"
    assert format_mean_spread([1.0, 3.0], 1, total=5) == "2.0 ± 1.4 (2/5)"
    assert format_mean_spread([1.0, 3.0], 1, total=2) == "2.0 ± 1.4"
    assert format_mean_spread([0.25], 2, total=5) == "0.25 (1/5)"
    assert format_mean_spread([0.25], 2) == "0.25 (1 run)"
    assert format_mean_spread([], 2, total=5) == "-"
    with pytest.raises(ValueError):
        format_mean_spread([1.0, 2.0, 3.0], 2, total=2)  # more values than runs
    with pytest.raises(ValueError):
        summarize([[1.0, 2.0], [3.0, 4.0]]).format()


def test_format_table_aligns_columns():
    text = format_table([["relu", "0.50"], ["leaky_relu", 7]], ["activation", "x"])
    lines = text.splitlines()
    assert lines[0] == "activation     x"
    assert lines[1] == "----------  ----"
    assert lines[2] == "relu        0.50"
    assert lines[3] == "leaky_relu     7"


def test_format_table_refuses_floats_and_ragged_rows():
    with pytest.raises(TypeError, match="format floats"):
        format_table([["a", 0.5]], ["x", "y"])
    with pytest.raises(ValueError, match="2 cells"):
        format_table([["a"]], ["x", "y"])
    with pytest.raises(ValueError):
        format_table([], [])


def test_html_table_escapes_text():
    html = html_table([["a < b & c", 3]], ["claim", "n"])
    assert "<td>a &lt; b &amp; c</td><td>3</td>" in html
    assert html.count("<tr>") == 2
