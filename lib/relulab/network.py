"""A multilayer perceptron written out in numpy: forward, backward, gradients, every intermediate kept.

Taught in: chapters/04_forward_propagation (``forward``) and chapters/05_backward_propagation
(``backward``, ``gradients``). A batch X has shape (n_samples, n_in), ``weights[i]`` (n_in, n_out)
and ``biases[i]`` (n_out,), so every layer computes z = X @ W + b and then a = activation(z).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from . import activations as act
from ._checks import as_matrix, check_choice, check_int, check_real
from .initializers import Initializer, _constant_bias, get_initializer
from .losses import OUTPUTS, output_delta, output_loss, output_targets
from .optim import SGD

HIDDEN_ACTIVATIONS = ("relu", "leaky_relu", "prelu", "elu", "selu", "swish", "gelu", "softplus", "sigmoid", "tanh")
BATCHNORM_EPS = 1e-5
BATCHNORM_MOMENTUM = 0.9


class MLP:
    """A fully connected network: ``MLP([2, 16, 16, 1])`` has two hidden layers of 16.

    Parameters
    ----------
    layer_sizes
        Units per layer, input first, output last; every size must be >= 1.
    activation
        Hidden-layer activation: one of ``HIDDEN_ACTIVATIONS``. "prelu" learns
        one slope per unit (He et al., 2015), starting at ``alpha``.
    output
        "sigmoid" (binary cross-entropy; its output delta is a - y), "softmax"
        (categorical cross-entropy on integer labels) or "identity" (MSE, regression).
    init
        Weight initializer name (see ``relulab.initializers``) or a callable
        ``init(n_in, n_out, rng)``. ``init_std`` sets the std of "normal".
    bias
        Initial bias of every hidden unit (a negative one provokes dying); output biases start at 0.
    seed
        Seed of the weight draw: the same seed gives the same network, bit for bit.
    alpha
        Slope for z <= 0: Leaky ReLU in [0, 1) (default 0.01), PReLU's start
        (default 0.25) or ELU's alpha (default 1.0).
    batchnorm
        Normalize every hidden pre-activation over the batch before the
        activation (Ioffe & Szegedy, 2015), with a learned scale and shift.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str = "relu",
        output: str = "sigmoid",
        init: str | Initializer = "he_normal",
        bias: float = 0.0,
        seed: int = 0,
        alpha: float | None = None,
        batchnorm: bool = False,
        init_std: float | None = None,
    ) -> None:
        if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
            raise TypeError(f"layer_sizes must be a sequence of ints, got {layer_sizes!r}.")
        if len(layer_sizes) < 2:
            raise ValueError(f"layer_sizes needs an input and an output size, got {list(layer_sizes)}.")
        self.layer_sizes = [check_int(n, f"layer_sizes[{i}]", 1) for i, n in enumerate(layer_sizes)]
        self.output = check_choice(output, "output", OUTPUTS)
        if self.output == "softmax" and self.layer_sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 units (one per class).")
        if not isinstance(batchnorm, bool):
            raise TypeError(f"batchnorm must be True or False, got {batchnorm!r}.")
        self.batchnorm = batchnorm
        check_int(seed, "seed", 0)
        bias = check_real(bias, "bias")
        init_fn = init if callable(init) else get_initializer(init, std=init_std)

        rng = np.random.default_rng(seed)
        pairs = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:]))
        self.weights = [np.asarray(init_fn(n_in, n_out, rng), dtype=np.float64) for n_in, n_out in pairs]
        self.biases = [_constant_bias(n_out, bias) for _, n_out in pairs[:-1]]
        self.biases.append(_constant_bias(pairs[-1][1], 0.0))
        for i, W in enumerate(self.weights):
            if W.shape != pairs[i]:
                raise ValueError(f"the initializer returned shape {W.shape} for layer {i}; expected {pairs[i]}.")

        hidden = self.layer_sizes[1:-1]
        self.gammas = [np.ones(n) for n in hidden] if batchnorm else []
        self.betas = [np.zeros(n) for n in hidden] if batchnorm else []
        self.running_means = [np.zeros(n) for n in hidden] if batchnorm else []
        self.running_vars = [np.ones(n) for n in hidden] if batchnorm else []
        self.set_activation(activation, alpha)
        self.zs: list[np.ndarray] = []
        self.activations: list[np.ndarray] = []

    # ------------------------------------------------------------------ set-up
    @property
    def n_hidden(self) -> int:
        """Number of hidden layers."""
        return len(self.layer_sizes) - 2

    def set_activation(self, activation: str, alpha: float | None = None) -> None:
        """Switch every hidden layer to another activation, keeping the weights.

        This is the "more than 10% dead: switch to Leaky ReLU" move of
        chapters/06_dying_relu_lab.
        """
        check_choice(activation, "activation", HIDDEN_ACTIVATIONS)
        self._activation = act.get_activation(activation, alpha)
        self.activation = activation
        self.alpha = act.DEFAULT_ALPHA.get(activation) if alpha is None else alpha
        hidden = self.layer_sizes[1:-1]
        self.alphas = [np.full(n, float(self.alpha)) for n in hidden] if activation == "prelu" else []

    def parameters(self) -> list[tuple[str, np.ndarray]]:
        """Every learnable array, by name ("W0", "b0", ..., "gamma0", "beta0", "alpha0").

        The arrays are the network's own: changing them in place changes the network.
        """
        named = [(f"W{i}", W) for i, W in enumerate(self.weights)]
        named += [(f"b{i}", b) for i, b in enumerate(self.biases)]
        named += [(f"gamma{i}", g) for i, g in enumerate(self.gammas)]
        named += [(f"beta{i}", b) for i, b in enumerate(self.betas)]
        named += [(f"alpha{i}", a) for i, a in enumerate(self.alphas)]
        return named

    def __repr__(self) -> str:
        extras = ", batchnorm=True" if self.batchnorm else ""
        return f"MLP({self.layer_sizes}, activation={self.activation!r}, output={self.output!r}{extras})"

    # ----------------------------------------------------------------- forward
    def forward(self, X: np.ndarray, *, inference: bool = False) -> np.ndarray:
        """Run the batch X through every layer and return the output activations.

        For each layer: z = a_prev @ W + b, then a = activation(z) (the output
        layer applies sigmoid, softmax or identity). Every z and a is kept in
        ``self.zs`` and ``self.activations``, because backpropagation needs them.
        With batch normalization, ``zs`` holds the normalized pre-activations;
        ``inference=True`` normalizes with the running statistics instead of the
        batch's. Cost: O(n * sum of n_in * n_out) multiply-adds for n samples.
        """
        a = as_matrix(X, "X", self.layer_sizes[0])
        self.zs, self.activations = [], []
        self._bn_cache: list[tuple[np.ndarray, ...]] = []
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = self._affine(a, W, b, i)
            if i < self.n_hidden:
                if self.batchnorm:
                    z = self._batchnorm_forward(z, i, inference)
                a = self._hidden_activation(z, i)
            else:
                a = self._output_activation(z)
            self.zs.append(z)
            self.activations.append(a)
        return a

    def hidden_activations(self, X: np.ndarray) -> list[np.ndarray]:
        """The post-activation matrix, shape (n_samples, units), of each hidden layer."""
        self.forward(X)
        return self.activations[:-1]

    @staticmethod
    def _affine(a: np.ndarray, W: np.ndarray, b: np.ndarray, layer: int) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            z = a @ W + b
        if not np.isfinite(z).all():
            raise FloatingPointError(
                f"layer {layer} pre-activations became non-finite: the weights diverged "
                "(try a lower learning rate)."
            )
        return z

    def _hidden_activation(self, z: np.ndarray, layer: int) -> np.ndarray:
        if self.activation == "prelu":
            return act.prelu(z, self.alphas[layer])
        return self._activation.fn(z)

    def _hidden_derivative(self, z: np.ndarray, layer: int) -> np.ndarray:
        if self.activation == "prelu":
            return act.prelu_derivative(z, self.alphas[layer])
        return self._activation.derivative(z)

    def _output_activation(self, z: np.ndarray) -> np.ndarray:
        if self.output == "sigmoid":
            return act.sigmoid(z)
        if self.output == "softmax":
            return act.softmax(z)
        return z

    def _batchnorm_forward(self, z: np.ndarray, layer: int, inference: bool) -> np.ndarray:
        """u = gamma * (z - mean) / sqrt(var + eps) + beta, statistics over the batch."""
        if inference:
            mean, var = self.running_means[layer], self.running_vars[layer]
        else:
            mean, var = z.mean(axis=0), z.var(axis=0)
        inv_std = 1.0 / np.sqrt(var + BATCHNORM_EPS)
        z_hat = (z - mean) * inv_std
        self._bn_cache.append((z_hat, inv_std, mean, var))
        return self.gammas[layer] * z_hat + self.betas[layer]

    # ------------------------------------------------------------- loss, data
    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """The mean loss of the network on (X, y): BCE, cross-entropy or MSE by output."""
        self.forward(X)
        return output_loss(self.output, self.zs[-1], self.targets(y, len(X)))

    def targets(self, y: Any, n: int) -> np.ndarray:
        """y checked against a batch of n samples and this output; shaped like the output."""
        return output_targets(self.output, y, n, self.layer_sizes[-1])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels (sigmoid: a > 0.5; softmax: argmax) or regression values."""
        out = self.forward(X, inference=True)
        if self.output == "sigmoid":
            labels = (out > 0.5).astype(np.int64)
            return labels[:, 0] if labels.shape[1] == 1 else labels
        if self.output == "softmax":
            return out.argmax(axis=1)
        return out[:, 0] if out.shape[1] == 1 else out

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        """Fraction of samples classified correctly (classification outputs only)."""
        if self.output == "identity":
            raise ValueError("accuracy needs a classification output ('sigmoid' or 'softmax').")
        X = as_matrix(X, "X", self.layer_sizes[0])
        targets = self.targets(y, len(X))
        predicted = self.predict(X)
        expected = targets[:, 0] if self.output == "sigmoid" and targets.shape[1] == 1 else targets
        return float(np.mean(predicted == expected))

    # ---------------------------------------------------------------- backward
    def backward(self, X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
        """Gradients of the mean loss for every parameter, by the chain rule.

        Run after ``forward(X)``. Going from the output back to the input:

        - dW = a_prev.T @ delta and db = sum of delta over the batch;
        - the upstream gradient of the previous layer is delta @ W.T;
        - it is multiplied, elementwise, by the activation derivative at z.
          For ReLU that derivative is 0 wherever z <= 0: the gradient stops
          there, and a unit with z <= 0 for every sample gets no update at all.
        """
        targets = self.targets(y, len(X))
        grads: dict[str, np.ndarray] = {}
        delta = output_delta(self.output, self.zs[-1], targets)
        for i in reversed(range(len(self.weights))):
            a_prev = X if i == 0 else self.activations[i - 1]
            grads[f"W{i}"] = a_prev.T @ delta
            grads[f"b{i}"] = delta.sum(axis=0)
            if i == 0:
                break
            upstream = delta @ self.weights[i].T  # dL/da of hidden layer i - 1
            z = self.zs[i - 1]
            delta = upstream * self._hidden_derivative(z, i - 1)  # zero where ReLU is off
            if self.activation == "prelu":
                grads[f"alpha{i - 1}"] = (upstream * act.prelu_alpha_derivative(z)).sum(axis=0)
            if self.batchnorm:
                delta = self._batchnorm_backward(delta, i - 1, grads)
        return grads

    def _batchnorm_backward(self, du: np.ndarray, layer: int, grads: dict[str, np.ndarray]) -> np.ndarray:
        """From dL/du back to dL/dz through u = gamma * z_hat + beta (batch statistics)."""
        z_hat, inv_std, _, _ = self._bn_cache[layer]
        grads[f"gamma{layer}"] = (du * z_hat).sum(axis=0)
        grads[f"beta{layer}"] = du.sum(axis=0)
        dz_hat = du * self.gammas[layer]
        n = len(du)
        return inv_std / n * (n * dz_hat - dz_hat.sum(axis=0) - z_hat * (dz_hat * z_hat).sum(axis=0))

    def parameter_gradients(self, X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
        """Forward then backward: the gradient of every parameter, keyed like ``parameters()``."""
        self.forward(X)  # checks X
        return self.backward(np.asarray(X, dtype=np.float64), y)

    def gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(dW, db): gradients of the mean loss, aligned with ``weights`` and ``biases``; no update."""
        grads = self.parameter_gradients(X, y)
        n_layers = len(self.weights)
        return [grads[f"W{i}"] for i in range(n_layers)], [grads[f"b{i}"] for i in range(n_layers)]

    # ---------------------------------------------------------------- learning
    def sgd_step(self, X: np.ndarray, y: np.ndarray, lr: float) -> float:
        """One gradient-descent step, W <- W - lr * dW for every parameter (``relulab.optim.SGD``).

        Returns the loss on (X, y) before the step. With batch normalization
        it also updates the running statistics that ``predict`` uses.
        """
        optimizer = SGD(lr)
        grads = self.parameter_gradients(X, y)
        loss = output_loss(self.output, self.zs[-1], self.targets(y, len(X)))
        names, params = zip(*self.parameters())
        optimizer.step(params, [grads[name] for name in names])
        if self.batchnorm:
            m = BATCHNORM_MOMENTUM
            for layer, (_, _, mean, var) in enumerate(self._bn_cache):
                self.running_means[layer] = m * self.running_means[layer] + (1 - m) * mean
                self.running_vars[layer] = m * self.running_vars[layer] + (1 - m) * var
        return loss
