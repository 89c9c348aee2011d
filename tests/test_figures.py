"""relulab.viz.figures: the book's interactive figures show what the mathematics says."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from relulab.viz import figures
from relulab.data import make_moons
from relulab.diagnostics import count_dead_neurons, dead_fraction_per_layer
from relulab.viz.drawing import Drawing
from relulab.viz.interactive import SPEC_KEY, Explorer, explorer_from_spec
from relulab.network import MLP
from relulab.viz.plotting import MIN_FONT_PT, smallest_font_pt

BUILDERS = figures.EXPLORERS


def draw(explorer: Explorer, **params) -> tuple[Figure, str]:
    """Draw one view the way the engine does; return the figure and its description."""
    drawing = Drawing(explorer.plot_fn, explorer.figsize, 100, first=explorer.settings()[0], keep_layout=False)
    description = drawing.draw({**explorer.params, **params})
    return drawing.figure, description


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_figure_builds_small_and_labels_its_axes(builder):
    explorer = builder()
    assert isinstance(explorer, Explorer)
    assert explorer.n_frames <= 60
    assert "Taught in: chapters/0" in builder.__doc__
    bundle, metadata = explorer._repr_mimebundle_()
    assert "relulab-explorer-placeholder" in bundle["text/html"]
    # The book build redraws the figure from this recipe (_ext/static_explorers.py).
    assert explorer_from_spec(metadata[SPEC_KEY]).figure_id == explorer.figure_id
    fig, description = draw(explorer)
    assert isinstance(description, str) and description
    plots = [ax for ax in fig.axes if getattr(ax, "_colorbar", None) is None]  # colorbars: one label
    assert plots
    for ax in plots:
        assert ax.get_xlabel() and ax.get_ylabel(), f"unlabelled axes in {builder.__name__}"


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_figure_keeps_the_book_text_size(builder):
    """No legend, tick or note smaller than the plot style's smallest size."""
    fig, _ = draw(builder())
    assert smallest_font_pt(fig) >= MIN_FONT_PT


def test_smallest_font_finds_the_smallest_visible_text():
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_title("title", fontsize=14)
    ax.tick_params(labelsize=12)
    ax.text(0.5, 0.5, "note", fontsize=7)
    ax.text(0.2, 0.2, "hidden", fontsize=3, visible=False)
    assert smallest_font_pt(fig) == 7


def test_smallest_font_rejects_what_is_not_a_figure():
    with pytest.raises(TypeError, match="Figure"):
        smallest_font_pt("figure")
    with pytest.raises(ValueError, match="no visible text"):
        empty = Figure()
        FigureCanvasAgg(empty)
        smallest_font_pt(empty)


# -- activation explorer ------------------------------------------------------
@pytest.mark.parametrize("name", figures.ACTIVATIONS)
def test_only_relu_has_a_zero_derivative_for_negative_inputs(name):
    _, description = draw(figures.activation_explorer(), name=name, alpha=0.1)
    assert ("exactly 0 for every z < 0" in description) == (name == "relu")


@pytest.mark.parametrize("alpha", figures.ALPHAS)
def test_leaky_relu_slope_shown_is_alpha(alpha):
    _, description = draw(figures.activation_explorer(), name="leaky_relu", alpha=alpha)
    assert f"runs from {alpha:.3g} to {alpha:.3g}" in description


# -- one neuron -------------------------------------------------------------------
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@pytest.mark.parametrize("angle", figures.ANGLES)
@pytest.mark.parametrize("b", figures.NEURON_BIASES)
def test_one_neuron_verdict_and_gradients_match_hand_computation(angle, b):
    state = figures.one_neuron_state(angle, b)
    X, y = make_moons(n=100, noise=0.1, seed=0)
    w = np.array([np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))])
    z = X @ w + b
    assert state.dead == bool(np.all(z <= 0))
    assert state.dead == (count_dead_neurons(np.maximum(z, 0)[:, None]) == 1)
    np.testing.assert_allclose(state.z, z, rtol=0, atol=1e-12)

    # Hidden a = f(z) feeds a sigmoid output with weight 1 and bias 0; the mean
    # BCE gives dL/dz_hidden = (sigmoid(a) - y) / n * f'(z).
    def gradient(a, slope):
        delta = (sigmoid(a) - y) / len(y) * slope
        return np.array([X[:, 0] @ delta, X[:, 1] @ delta, delta.sum()])

    alpha = state.alpha
    np.testing.assert_allclose(state.relu_grad, gradient(np.maximum(z, 0), (z > 0) * 1.0), atol=1e-14)
    np.testing.assert_allclose(state.leaky_grad, gradient(np.where(z > 0, z, alpha * z),
                                                          np.where(z > 0, 1.0, alpha)), rtol=1e-10)
    if state.dead:
        assert np.all(state.relu_grad == 0.0)
        factor = state.leaky_grad / alpha
        np.testing.assert_allclose(factor, gradient(alpha * z, 1.0), rtol=1e-10)
        assert np.all(np.abs(factor) > 0)


def test_one_neuron_grid_shows_dead_and_alive_neurons_and_says_so():
    explorer = figures.one_neuron_explorer()
    verdicts = {(a, b): figures.one_neuron_state(a, b).dead
                for a in figures.ANGLES for b in figures.NEURON_BIASES}
    assert any(verdicts.values()) and not all(verdicts.values())
    assert not verdicts[(explorer.params["angle"], explorer.params["b"])]
    for setting in [(0, -3.0), (180, -2.0), (0, 0.0)]:
        _, description = draw(explorer, angle=setting[0], b=setting[1])
        assert description.startswith("DEAD") == verdicts[setting]


# -- training lab ---------------------------------------------------------------------
def test_training_lab_runs_are_real_and_reproducible():
    relu_run, leaky_run = figures.training_lab_runs(1.0, -1.0, 2)
    assert len(relu_run.loss) == len(leaky_run.loss) == figures.LAB_EPOCHS + 1
    X, y = make_moons(n=200, noise=0.1, seed=0)
    fresh = MLP([2, figures.LAB_WIDTH, figures.LAB_WIDTH, 1], activation="relu", bias=-1.0, seed=0)
    np.testing.assert_array_equal(relu_run.dead_fractions()[0], dead_fraction_per_layer(fresh, X))
    # A Leaky ReLU unit outputs alpha * z, which is 0 only where z == 0 exactly.
    assert np.all(leaky_run.dead_fractions() == 0)
    assert relu_run.dead_fractions()[-1].mean() > 0.2
    figures.training_lab_runs.cache_clear()
    again, _ = figures.training_lab_runs(1.0, -1.0, 2)
    assert again.loss == relu_run.loss


# -- signal through depth -----------------------------------------------------------------
def test_he_init_keeps_a_relu_signal_and_small_init_shrinks_it_geometrically():
    he = figures.signal_depth_stds("he_normal", "relu")
    assert len(he) == figures.SIGNAL_DEPTH
    assert np.all((he > he[0] / 4) & (he < he[0] * 4))
    small = figures.signal_depth_stds("normal_std_0.01", "relu")
    # ReLU halves the second moment; a layer multiplies it by n_in * std^2.
    expected_ratio = np.sqrt(figures.SIGNAL_WIDTH * 0.01**2 / 2)
    ratio = np.exp(np.mean(np.log(small[1:] / small[:-1])))
    assert ratio == pytest.approx(expected_ratio, rel=0.1)
    with pytest.raises(ValueError, match="init must be one of"):
        figures.signal_depth_stds("lecun", "relu")


# -- gradient flow ----------------------------------------------------------------------
@pytest.mark.parametrize("bias", figures.FLOW_BIASES)
@pytest.mark.parametrize("depth", [5, 20])
def test_exact_zero_gradients_come_from_fully_dead_relu_layers(bias, depth):
    relu_norms = figures.gradient_flow_norms(bias, depth, "relu")
    leaky_norms = figures.gradient_flow_norms(bias, depth, "leaky_relu")
    assert len(relu_norms) == depth + 1
    assert np.all(leaky_norms > 0)
    X, _ = make_moons(n=200, noise=0.1, seed=0)
    network = MLP([2] + [figures.FLOW_WIDTH] * depth + [1], activation="relu", bias=bias, seed=0)
    fully_dead = np.flatnonzero(dead_fraction_per_layer(network, X) == 1.0)
    if fully_dead.size == 0:
        assert np.all(relu_norms > 0)
    else:
        # Layer k (1-based) dead: no gradient reaches W_1 .. W_k, and W_{k+1} sees zero inputs.
        deepest = fully_dead.max() + 1
        assert np.all(relu_norms[: deepest + 1] == 0)


def test_gradient_flow_grid_contains_exact_zeros():
    counts = [int(np.sum(figures.gradient_flow_norms(b, d, "relu") == 0))
              for b in figures.FLOW_BIASES for d in figures.FLOW_DEPTHS]
    assert counts[0] == 0 and max(counts) > 0
