"""The distributions: `python -m build` makes a wheel and an sdist that pass
`twine check`, the wheel installs into a fresh virtual environment (its dependencies
from the package registry), and the installed command and package work from a folder
outside the source tree, with nothing of the source tree on the path."""

from __future__ import annotations

import email.parser
import functools
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import agenda_kit

from .helpers import ROOT, SEED

pytestmark = pytest.mark.slow

# Left out of the copy the distributions are built from: what a checkout does not hold.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "node_modules", "*.egg-info", "__pycache__",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis",
)  # fmt: skip


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def clean_env() -> dict[str, str]:
    """The environment less anything that would put the source tree on the path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


@functools.cache
def registry_problem(where: Path) -> str | None:
    """None when pip can fetch from the package registry (the build's setuptools and
    the wheel's dependencies come from there), else why not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = [*project["build-system"]["requires"], *project["project"]["dependencies"]]
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", where, *wanted],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if probe.returncode == 0:
        return None
    last = (probe.stderr.strip().splitlines() or ["?"])[-1]
    return f"the package registry cannot be reached ({last})"


def need_registry(where: Path) -> None:
    reason = registry_problem(where)
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: CI has the registry)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist, built from a copy of the working tree (the build writes
    its egg-info beside the sources)."""
    need_registry(tmp_path_factory.mktemp("probe"))
    tree = tmp_path_factory.mktemp("tree") / "agenda-kit"
    shutil.copytree(ROOT, tree, ignore=_NOT_SOURCE)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, tree, cwd=tree)
    return out


def test_build_makes_a_wheel_and_an_sdist_that_pass_twine_check(dist: Path) -> None:
    version = agenda_kit.__version__
    names = sorted(p.name for p in dist.iterdir())
    assert names == [f"agenda_kit-{version}-py3-none-any.whl", f"agenda_kit-{version}.tar.gz"]
    out = run(sys.executable, "-m", "twine", "check", "--strict", *dist.iterdir(), cwd=dist)
    assert out.count("PASSED") == 2
    with zipfile.ZipFile(dist / names[0]) as wheel:
        files = set(wheel.namelist())
        metadata = email.parser.Parser().parsestr(
            wheel.read(f"agenda_kit-{version}.dist-info/METADATA").decode()
        )
    assert metadata["Version"] == version  # one source: agenda_kit.__version__
    package = ROOT / "src" / "agenda_kit"
    shipped = {
        f"agenda_kit/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "agenda_kit/py.typed" in shipped
    assert "agenda_kit/render/templates/agenda.html.j2" in shipped
    assert shipped <= files  # every module, template and py.typed
    assert not any(f.startswith(("tests/", "bench/", "examples/")) for f in files)


def test_the_wheel_installs_and_runs_outside_the_source_tree(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path, env=clean_env())
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SEED, work / "agenda.yaml")
    env = clean_env()
    checked = run(env_dir / "bin" / "agenda-kit", "check", "--lang", "en", "agenda.yaml",
                  cwd=work, env=env)  # fmt: skip
    assert checked == "All checks passed (1 file).\n"
    where = run(
        python,
        "-c",
        "import agenda_kit; print(agenda_kit.__file__); print(agenda_kit.__version__); "
        "print(len(agenda_kit.sessions(agenda_kit.load('agenda.yaml'))))",
        cwd=work,
        env=env,
    ).splitlines()
    assert Path(where[0]).is_relative_to(env_dir)
    assert where[1:] == [agenda_kit.__version__, "13"]
    version = run(env_dir / "bin" / "agenda-kit", "--version", cwd=work, env=env)
    assert version == f"agenda-kit {agenda_kit.__version__}\n"
