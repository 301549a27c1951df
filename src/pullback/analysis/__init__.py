"""Stage 2, static analyses over the normalised tree: what is active
(``activity``), live (``liveness``), written in place (``mutation``), built as a
list (``lists``), and the small shared facts both modes ask (``facts``).
Imports ``front`` and the layers below it."""
