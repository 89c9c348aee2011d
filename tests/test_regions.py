"""Linear regions against counts known in closed form."""
import numpy as np
import pytest

from relulab import MLP
from relulab.regions import activation_patterns, linear_regions, sawtooth_network

# (k + 0.37) / N for a prime N: no grid point falls exactly on a kink.
LINE = ((np.arange(99_991) + 0.37) / 99_991)[:, None]


@pytest.mark.parametrize("seed", range(5))
def test_one_layer_in_1d_has_its_kinks_plus_one_pieces(seed):
    """Unit j switches at x = -b_j / w_j; the kinks inside the line cut it into that many + 1 pieces."""
    net = MLP([1, 12, 1], seed=seed)
    net.biases[0] = np.random.default_rng(100 + seed).normal(scale=0.5, size=12)  # not MLP's own stream
    x = 6 * LINE - 3
    kinks = -net.biases[0] / net.weights[0][0]
    inside = np.sum((kinks > x.min()) & (kinks < x.max()))
    assert linear_regions(net, x) == inside + 1


@pytest.mark.parametrize("depth", range(1, 8))
def test_sawtooth_has_two_to_the_depth_pieces(depth):
    net = sawtooth_network(depth)
    assert linear_regions(net, LINE) == 2**depth
    # and it is the sawtooth: 0 at x = 0 and 1 at each tooth's tip x = (2k + 1) / 2**depth
    tips = ((2 * np.arange(2 ** (depth - 1)) + 1) / 2**depth)[:, None]
    np.testing.assert_allclose(net.forward(tips), 1.0)
    np.testing.assert_allclose(net.forward(np.zeros((1, 1))), 0.0)


def test_a_shallow_network_of_as_many_units_has_far_fewer_pieces():
    units = 2 * 7
    shallow = MLP([1, units, 1], seed=0)
    shallow.biases[0] = -np.linspace(0.01, 0.99, units) * shallow.weights[0][0]  # every kink inside
    assert linear_regions(shallow, LINE) == units + 1 < linear_regions(sawtooth_network(7), LINE)


@pytest.mark.parametrize("depth", [1, 3, 5])
def test_activation_patterns_number_the_sawtooth_teeth_left_to_right_in_contiguous_runs(depth):
    pieces = activation_patterns(sawtooth_network(depth), LINE)
    changes = np.count_nonzero(np.diff(pieces))
    assert changes == 2**depth - 1  # each piece is one unbroken interval of the line
    assert set(pieces.tolist()) == set(range(2**depth))
