"""What a fresh install reads: pyproject.toml's metadata, the sdist, the docs links."""

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def project():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as fh:
        return tomllib.load(fh)["project"]


def ci_pythons():
    """The Python versions CI runs: the suite's (3.11) and the smoke tests'."""
    ci = open(os.path.join(ROOT, ".ci", "run")).read()
    smoke = set(re.findall(r'^smoke "\$\(pick (3\.\d+)\)"', ci, re.M))
    return smoke | {"3.11"}


def test_license_is_spdx_with_its_text(project):
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    text = open(os.path.join(ROOT, "LICENSE")).read()
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # SPDX only


def test_python_versions_are_exactly_those_tested(project):
    declared = {c.rsplit(" ", 1)[1] for c in project["classifiers"]
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)}
    assert declared == ci_pythons()
    low = min(declared, key=lambda v: int(v.split(".")[1]))
    high = max(declared, key=lambda v: int(v.split(".")[1]))
    assert project["requires-python"] == f">={low},<3.{int(high.split('.')[1]) + 1}"


def test_numpy_floor_is_the_one_ci_installs(project):
    floor = next(d for d in project["dependencies"] if d.startswith("numpy"))
    ci = open(os.path.join(ROOT, ".ci", "run")).read()
    assert floor == "numpy>=2.0"
    assert 'numpy==$numpy_floor.0' in ci


def test_docs_links_and_no_machine_paths():
    readme = open(os.path.join(ROOT, "README.md")).read()
    assert "[docs/api.md](docs/api.md)" in readme
    assert os.path.exists(os.path.join(ROOT, "docs", "api.md"))
    for md in ("README.md", "benchmarks/README.md", "docs/api.md", "examples/README.md"):
        text = open(os.path.join(ROOT, md)).read()
        assert not re.search(r"/(work|root|tmp)/\w", text), md


def test_sdist_ships_the_tests_helpers(tmp_path):
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if files.returncode != 0:
        pytest.skip("not a git checkout")
    tree = tmp_path / "tree"
    for rel in files.stdout.split():
        os.makedirs(tree / os.path.dirname(rel), exist_ok=True)
        shutil.copy(os.path.join(ROOT, rel), tree / rel)
    code = ("import setuptools.build_meta as b, sys; "
            "print(b.build_sdist(sys.argv[1]))")
    r = subprocess.run([sys.executable, "-W", "error::DeprecationWarning:setuptools",
                        "-c", code, str(tmp_path)],
                       cwd=tree, capture_output=True, text=True)
    if r.returncode and "setuptools" in r.stderr and "77" in r.stderr:
        pytest.skip("this setuptools predates SPDX license strings")
    assert r.returncode == 0, r.stderr
    assert "License classifiers are deprecated" not in r.stderr
    assert "project.license` as a TOML table is deprecated" not in r.stderr
    name = r.stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / name) as tar:
        shipped = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for need in ("LICENSE", "tests/conftest.py", "tests/harness.py", "docs/api.md",
                 "tests/test_api.py", ".ci/smoke.py"):
        assert need in shipped, need
    assert any(n.startswith("tests/corpus/") for n in shipped)
    assert any(n.startswith("tests/regress_modules/") for n in shipped)
    assert any(n.startswith("tests/golden/") for n in shipped)
