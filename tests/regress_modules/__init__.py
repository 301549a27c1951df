"""Helper modules of the tests/test_regress_*.py files."""
