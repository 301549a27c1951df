"""Stage 4, the back end: generated trees to compiled functions (``codegen``),
to a stand-alone module (``export``), to the terminal (``show``), and the
generated operator table (``docs``). Imports the stages before it."""
