"""The chapters' code listings: the lines that carry the idea, still valid Python."""
from __future__ import annotations

import ast

import pytest

import relulab
from relulab import MLP
from relulab._checks import as_float_array, check_real
from relulab.listing import core_source


class Sample:
    batchnorm = False

    def step(self, X, lr):
        """A docstring the listing drops."""
        lr = check_real(lr, "lr", low=0.0)
        a = as_float_array(X, "X")
        if a.ndim != 2:
            raise ValueError(
                "X must be 2-D"
            )
        out = a * lr
        if self.batchnorm:
            out = out - out.mean()
        return out


def test_checks_guards_docstring_and_batchnorm_are_left_out_and_named() -> None:
    assert core_source(Sample.step).splitlines() == [
        "def step(self, X, lr):",
        "    # (docstring, input checks, batch-norm branches left out: inspect.getsource shows all)",
        "    a = X",
        "    out = a * lr",
        "    return out",
    ]


@pytest.mark.parametrize("function", [relulab.relu, relulab.relu_derivative, relulab.leaky_relu,
                                      relulab.leaky_relu_derivative, relulab.count_dead_neurons,
                                      MLP.forward, MLP.backward, MLP.sgd_step, MLP.predict, MLP._affine])
def test_every_listing_the_chapters_show_is_valid_python(function) -> None:
    tree = ast.parse(core_source(function))
    assert isinstance(tree.body[0], ast.FunctionDef) and tree.body[0].name == function.__name__
