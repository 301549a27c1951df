"""Tree utilities every stage shares: building and printing gast nodes
(``astutil``), hygienic names (``naming``) and rule templates (``inline``).

Imports nothing of pullback but ``rules`` and ``runtime``."""
