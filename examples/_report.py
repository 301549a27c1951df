"""The one helper the example scripts share: print a result and keep it."""


def report(results, label, value):
    """Print one result the way NumPy prints it, and keep it for the tests."""
    results[label] = value
    text = str(value)
    print(f"{label}:" + ("\n" if "\n" in text else " ") + text)
