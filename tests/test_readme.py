"""README.md's 30-second example prints exactly what the README shows."""

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_quick_example_output_matches_readme(tmp_path):
    readme = open(os.path.join(ROOT, "README.md")).read()
    code = re.search(r"## 30 seconds\n\n```python\n(.*?)```", readme, re.S).group(1)
    shown = re.search(r"prints\n\n```python\n(.*?)```", readme, re.S).group(1)
    script = tmp_path / "quick.py"  # the name the README's header line mentions
    script.write_text(code)
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert out.rstrip("\n") == shown.rstrip("\n")
    assert out.startswith("4096.0\n")  # f(a) / a for a = 0.37, as torch gives
