"""Stage 3, derivative code: the shared driver (``function``), the per-request
``builder``, argument ``containers``, and the two modes, ``reverse`` (adjoint
code with a tape) and ``forward`` (tangent code). Produces ``Unit`` trees;
imports ``analysis``, ``front`` and the layers below."""
