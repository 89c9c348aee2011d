"""Born dead: deep, narrow ReLU networks that are constant from the start.

Taught in: chapters/07_born_dead.

Lu, Shin, Su and Karniadakis (2019, arXiv:1903.06733) prove that a deep ReLU
network with symmetric random initialization is, with a probability that
tends to 1 as the depth grows, *born dead*: some hidden layer outputs zero for
every input, so the network is a constant function before training starts.
This package gives the exact formula for the one-point version (``theory``),
detects dead networks exactly (``detection``), measures the probability for
many networks at once (``montecarlo``; every array carries a leading axis of
independent trials, only the layers are looped over), and trains many small
networks on f(x) = |x| in one batched computation (``stack``, ``abs_fit``).
The paper's remedy, randomized asymmetric initialization (RAI), lives with
the other initializers in ``relulab.initializers``.

Every network here has one input, ``depth`` hidden layers (its depth) of
``width`` units and one linear output unit; a stack of T networks stores
layer l as ``W`` of shape (T, n_in, n_out) and ``b`` of shape (T, n_out).
"""
from .abs_fit import (
    COLLAPSE_TOLERANCE,
    AbsFitResult,
    abs_target,
    abs_training_inputs,
    init_abs_networks,
    fit_abs,
)
from .detection import death_depth_at_points, death_depth_on_interval
from .montecarlo import WHERE_CHOICES, born_dead_curve, born_dead_depths, born_dead_probability
from .stack import NetworkStack, batched_forward, batched_mse_gradients
from .theory import BIAS_CHOICES, DOMAIN_HALF_WIDTH, INIT_CHOICES, point_death_probability_exact, sample_hidden_layers
