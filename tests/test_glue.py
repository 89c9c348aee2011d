"""relulab.glue writes the very output myst-nb's glue reads."""
from __future__ import annotations

import numpy as np
import pytest
from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue import extract_glue_data_cell
from nbformat.v4 import new_code_cell, new_output

from relulab.glue import _glue_bundle


def read_back(name: str, value: object) -> dict:
    """What myst-nb extracts from a cell whose only output is our glue."""
    data, metadata = _glue_bundle(name, value)
    cell = new_code_cell(outputs=[new_output("display_data", data=data, metadata=metadata)])
    extracted = extract_glue_data_cell(cell)
    assert cell.outputs == [], "a glued value must not show in the notebook's rendered output"
    [(key, output)] = extracted
    assert key == name
    return output["data"]


@pytest.mark.parametrize(
    "value, spec, shown",
    [
        (59.59321, ".2f", "59.59"),
        (np.float64(0.19234), ".0%", "19%"),
        (np.int64(234752), ",d", "234,752"),
        (3, "d", "3"),
        ("holds in part", "", "holds in part"),
        ("grows with the square", "s", "grows with the square"),
        (1e-33, ".1e", "1.0e-33"),
    ],
)
def test_myst_nb_reads_and_formats_the_value(value: object, spec: str, shown: str) -> None:
    data = read_back("key", value)
    assert format_plain_text(data["text/plain"], spec) == shown


def test_a_float_keeps_twelve_significant_digits_and_no_more() -> None:
    # 0.1 + 0.2 is 0.30000000000000004: its 17th digit is summation noise.
    assert read_back("x", 0.1 + 0.2)["text/plain"] == "0.3"
    assert float(read_back("x", 1 / 3)["text/plain"]) == pytest.approx(1 / 3, rel=1e-12)
    assert read_back("x", 1 / 3)["text/plain"] == "0.333333333333"


@pytest.mark.parametrize("value", [float("nan"), np.inf, -np.inf])
def test_non_finite_values_are_refused(value: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        _glue_bundle("x", value)


@pytest.mark.parametrize("value", [True, None, [1, 2], np.array([1.0, 2.0]), {"a": 1}])
def test_values_that_are_not_one_number_or_text_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="str, int or float"):
        _glue_bundle("x", value)


@pytest.mark.parametrize("name", ["", "two words", "1st", None, "a-b"])
def test_names_must_be_identifiers(name: object) -> None:
    with pytest.raises(ValueError, match="identifier"):
        _glue_bundle(name, 1.0)  # type: ignore[arg-type]
