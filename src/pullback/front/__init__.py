"""Stage 1, the front end: source text to a normalised gast tree.

``parse`` (source and lines) → ``resolve`` (what each name and call denotes) →
``fence`` (refuse what is not supported) → ``desugar`` (``op=``, loops over
sequences) → ``jumps`` (``return``/``break``/``continue`` as flags) → ``anf``
(one primitive per active statement). Imports only ``syntax``, ``rules``,
``markers`` and ``errors``."""
