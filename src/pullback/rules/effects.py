"""Calls made for what they show, not for what they compute: ``print`` (with the
builtins), ``logging`` and ``warnings.warn``.

They return nothing a derivative could flow through and leave their arguments
alone, so a statement such as ``log.info("loss %s", y)`` runs in the forward
sweep as written and the adjoint ignores it (a handler that keeps the record
keeps the array, as it would without pullback).
"""

import logging
import warnings

from .registry import nondifferentiable

_LEVELS = ("debug", "info", "warning", "error", "critical", "exception", "log")

nondifferentiable(*(getattr(logging.Logger, name) for name in _LEVELS),
                  *(getattr(logging.LoggerAdapter, name) for name in _LEVELS),
                  *(getattr(logging, name) for name in _LEVELS),
                  warnings.warn, family="effects")
