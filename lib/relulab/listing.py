"""Show the lines of a library function that carry its idea, for the chapters' code listings.

Used in: chapters/04_forward_propagation, chapters/05_backward_propagation and chapters/07_born_dead,
which print ``MLP.forward``, ``MLP.backward`` and ``MLP.sgd_step`` this way.

``inspect.getsource`` shows everything, including the checks that turn bad
input into a clear error and the batch-normalization branches; those matter to
a maintainer, not to a reader learning what ReLU or backpropagation does.
"""
from __future__ import annotations

import inspect
import re
import textwrap
from typing import Callable

# A statement that checks or converts its input: ``x = check(x, ...)`` or ``a = as_matrix(X, ...)``.
CHECK = re.compile(r"^(\s*)(?:([\w.]+)\s*=\s*)?(?:as_float_array|as_matrix|check_\w+|_check_\w+)\((\w+)")
OPTIONAL_BRANCH = re.compile(r"^(\s*)(?:el)?if self\.batchnorm\b.*:\s*$")
BATCHNORM_STATE = re.compile(r"\b_bn_\w*|running_(?:means|vars)")


def _drop_docstring(lines: list[str]) -> list[str]:
    """``lines`` without the docstring that follows the ``def`` line."""
    body_start = next(i for i, line in enumerate(lines) if line.rstrip().endswith(":")) + 1
    rest = "\n".join(lines[body_start:]).lstrip()
    for quote in ('"""', "'''"):
        if rest.startswith(quote):
            end = rest.index(quote, 3) + 3
            return lines[:body_start] + rest[end:].lstrip("\n").splitlines()
    return lines


def _drop_blocks(lines: list[str], is_header: Callable[[list[str], int], bool]) -> list[str]:
    """``lines`` without every block (header and deeper-indented body) whose header ``is_header``."""
    kept, skip_deeper_than = [], None
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if not line.strip() or indent > skip_deeper_than or line.strip() in {")", "]", "}"}:
                continue
            skip_deeper_than = None
        if is_header(lines, index):
            skip_deeper_than = indent
            continue
        kept.append(line)
    return kept


def _is_guard(lines: list[str], index: int) -> bool:
    """``if bad: raise ...``: a block whose first statement raises."""
    following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
    return lines[index].lstrip().startswith("if ") and following.startswith("raise ")


def _is_batchnorm_branch(lines: list[str], index: int) -> bool:
    return OPTIONAL_BRANCH.match(lines[index]) is not None


def _without_checks(lines: list[str]) -> list[str]:
    """Drop input checks; a check that also names its input keeps the naming (``a = X``)."""
    kept = []
    for line in _drop_blocks(lines, _is_guard):
        match = CHECK.match(line)
        if match:
            indent, target, argument = match.groups()
            if target and target != argument:
                kept.append(f"{indent}{target} = {argument}")
            continue
        kept.append(line)
    return kept


def core_source(function: Callable) -> str:
    """The source of ``function`` without its docstring, its input checks and its batch-norm branches.

    A comment line says what was left out, so the listing never pretends to be
    the whole function; ``inspect.getsource(function)`` shows all of it.
    """
    lines = textwrap.dedent(inspect.getsource(function)).splitlines()
    lines = _drop_docstring(lines)
    without_checks = _without_checks(lines)
    core = [line for line in _drop_blocks(without_checks, _is_batchnorm_branch)
            if not BATCHNORM_STATE.search(line)]
    left_out = [what for what, dropped in (("input checks", without_checks != lines),
                                           ("batch-norm branches", core != without_checks))
                if dropped]
    header_end = next(i for i, line in enumerate(core) if line.startswith("def ") or line.startswith("async def "))
    while not core[header_end].rstrip().endswith(":"):
        header_end += 1
    note = f"    # (docstring{''.join(', ' + w for w in left_out)} left out: inspect.getsource shows all)"
    return "\n".join([*core[: header_end + 1], note, *core[header_end + 1:]])
