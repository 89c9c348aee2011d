"""relulab: the shared library of the course book *ReLU vs Leaky ReLU*."""
