"""Mutation testing of the register's core rules, one module at a time, with mutmut.

    .venv/bin/python tools/mutation_report.py                 # every module in MODULES
    .venv/bin/python tools/mutation_report.py deadlines vat   # some of them
    .venv/bin/python tools/mutation_report.py --survivors vat # and show each survivor's diff
    .venv/bin/python tools/mutation_report.py lifecycle --only '*erasure_plan*'  # some mutants
    .venv/bin/python tools/mutation_report.py --database sqlite counter  # on SQLite only

mutmut changes one thing in the code at a time (a `<` into `<=`, a `continue` into a
`break`, a message into another text) and runs the tests that reach the changed function;
a mutant that no test notices "survives". Each module is tested on its own, against the
test files that exercise its rules (MODULES below), so that a run takes minutes: mutmut
first records which of those tests call which function, then runs only those per mutant.

Every module starts from a fresh copy under mutants/<module>/<database>/ (gitignored), so a
result never comes from an earlier run's cache. The tests run on the databases the module
names (SQLite unless it says otherwise), whatever DATABASE_URL says; a module run on two
databases counts a mutant killed if the tests on either kill it. On PostgreSQL, the
server of MUTATION_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), the
run migrates one database, <prefix>_<pid> (MUTATION_DATABASE_PREFIX, default
webstrella_mutation), each test process creates its own from it, <prefix>_<pid>_<its pid>,
and the run drops them all at the end, finished or not.
Survivors judged equivalent (no test could tell them apart from the original) are
listed in tools/mutation_equivalents.toml with their reason; the score counts them
separately and `docs/testing.md` explains them.
"""

import argparse
import ast
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
BIN = Path(sys.executable).parent
EQUIVALENTS_FILE = ROOT / "tools" / "mutation_equivalents.toml"
# The project as the tests import it; mutmut copies these into each module's run.
SOURCE_PATHS = ["customers", "jobs", "orders", "privacy", "webstrella"]
ALSO_COPY = ["conftest.py", "locale", "manage.py", "static", "templates"]
# Browser tests need Chromium and seconds per test, and no rule below is checked only there.
PYTEST_ARGS = ["--reuse-db", "-m", "not browser", "-p", "no:cacheprovider", "-W", "ignore"]
# mutmut's exit codes, as in mutmut.stats.status_by_exit_code.
KILLED = {1, 3}
TIMEOUT = {36, -24, 24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
# PostgreSQL first: a run its server cannot make fails before any other work.
DATABASES = ("postgres", "sqlite")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
POSTGRES_PREFIX = "webstrella_mutation"


@dataclass(frozen=True)
class Module:
    files: tuple[str, ...]
    tests: tuple[str, ...]
    # Each is a run of its own; a mutant is killed if the tests on any of them kill it.
    databases: tuple[str, ...] = ("sqlite",)


MODULES = {
    "deadlines": Module(
        files=("privacy/requests/deadlines.py",),
        tests=(
            "tests/privacy/test_access_request_deadlines.py",
            "tests/privacy/test_deadline_limits.py",
            "tests/privacy/test_privacy_deadlines.py",
            # The reminder email is a request service and lists report_lines.
            "tests/privacy/test_request_services_rules.py",
        ),
    ),
    "vat": Module(
        files=("orders/vat.py",),
        tests=(
            "tests/orders/test_vat.py",
            "tests/orders/test_vat_limits.py",
            "tests/orders/test_models.py",
            "tests/orders/test_services.py",
        ),
    ),
    "declarations": Module(
        files=("privacy/inventory/declarations.py",),
        tests=(
            "tests/privacy/test_inventory.py",
            "tests/privacy/test_inventory_registry.py",
            "tests/privacy/test_inventory_declarations.py",
            "tests/privacy/test_inventory_check.py",
            "tests/privacy/test_new_kind_of_data.py",
            "tests/privacy/test_register_description.py",
            "tests/privacy/test_retention.py",
        ),
    ),
    "discovery": Module(
        files=("privacy/inventory/discovery.py",),
        tests=(
            "tests/privacy/test_discovery_rules.py",
            "tests/privacy/test_discovery_namesakes.py",
            "tests/privacy/test_access_request_matching.py",
            "tests/privacy/test_candidate_views.py",
            "tests/privacy/test_new_kind_of_data.py",
        ),
    ),
    # The answer's own tests (whose data, answer items) compile PDFs, seconds a test;
    # the rules they rest on are tested here without them.
    "subjects": Module(
        files=("privacy/inventory/subjects.py",),
        tests=(
            "tests/privacy/test_subjects_rules.py",
            "tests/privacy/test_inventory.py",
            "tests/privacy/test_new_kind_of_data.py",
        ),
    ),
    "matching": Module(
        files=("privacy/requests/matching.py",),
        tests=(
            "tests/privacy/test_access_request_matching.py",
            "tests/privacy/test_candidate_views.py",
            "tests/privacy/test_new_kind_of_data.py",
            "tests/privacy/test_access_request_workflow.py",
        ),
    ),
    # A view is counted in one statement on PostgreSQL, the production database, and in
    # one transaction on SQLite: each path is reached only by a run on its own database.
    "counter": Module(
        files=("privacy/visits/services.py",),
        tests=("tests/privacy/test_visit_counter.py", "tests/privacy/test_visit_record.py"),
        databases=("postgres", "sqlite"),
    ),
    "lifecycle": Module(
        files=("privacy/lifecycle/services.py",),
        tests=(
            "tests/privacy/test_retention.py",
            "tests/privacy/test_erasure_requests.py",
            "tests/privacy/test_restricted_records.py",
            "tests/privacy/test_request_kinds.py",
            "tests/privacy/test_lifecycle_refusals.py",
            "tests/privacy/test_erasure_record.py",
            "tests/privacy/test_lifecycle_rules.py",
        ),
    ),
    "services": Module(
        files=("privacy/requests/services.py",),
        tests=(
            "tests/privacy/test_access_request_services.py",
            "tests/privacy/test_access_request_workflow.py",
            "tests/privacy/test_request_services_rules.py",
        ),
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"default: all of {', '.join(MODULES)}")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested side by side")
    parser.add_argument("--survivors", action="store_true", help="show each survivor's diff")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--database",
        action="append",
        choices=DATABASES,
        default=[],
        help="test on this database (repeatable) instead of the ones each module names",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PATTERN",
        help="test only the mutants whose names match (fnmatch, repeatable); the rest "
        "are counted as not checked",
    )
    parser.add_argument(
        "--last",
        action="store_true",
        help="run nothing: the table of the last run's results, finished or not",
    )
    parser.add_argument(
        "--equivalents",
        action="store_true",
        help="run nothing: the list of equivalent survivors with their reasons, as "
        "docs/testing.md shows it",
    )
    args = parser.parse_args()
    names = args.modules or list(MODULES)
    unknown = [name for name in names if name not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; known: {', '.join(MODULES)}")
    databases = {
        name: tuple(dict.fromkeys(args.database)) or MODULES[name].databases for name in names
    }

    equivalents = load_equivalents()
    if args.equivalents:
        for mutant in sorted(equivalents, key=mutant_order):
            print(f"- `{mutant}`: {equivalents[mutant]}")
        return 0
    if args.last:
        rows = [
            row
            for name in names
            for row in module_rows(name, MODULES[name], databases[name], equivalents)
        ]
        print_table(rows, markdown=args.markdown)
        return 0
    WORK.mkdir(exist_ok=True)
    needed = [db for db in DATABASES if any(db in databases[name] for name in names)]
    # Stopped by `kill` as by Ctrl-C, the run still removes its databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    rows = []
    with ExitStack() as stack:
        templates = {"postgres": postgres_template, "sqlite": sqlite_template}
        environments = {db: stack.enter_context(templates[db]()) for db in needed}
        for name in names:
            rows.extend(
                run_module(
                    name,
                    MODULES[name],
                    {db: environments[db] for db in databases[name]},
                    args.jobs,
                    equivalents,
                    args.only,
                )
            )
            if args.survivors:
                show_survivors(name, rows, equivalents)
    print()
    print_table(rows, markdown=args.markdown)
    stale = [e for e in equivalents if e not in {m for row in rows for m in row["survivors"]}]
    tested_files = {row["file"] for row in rows}
    stale = [e for e in stale if module_file(e) in tested_files]
    if args.only:
        stale = [e for e in stale if any(fnmatch.fnmatch(e, pattern) for pattern in args.only)]
    if stale:
        print("\nListed as equivalent but no longer surviving (remove from the list):")
        for mutant in stale:
            print(f"  {mutant}")
    unmutated = [
        f"{file}: {function}" for file in sorted(tested_files) for function in decorated(file)
    ]
    if unmutated:
        print("\nNot mutated, for mutmut leaves out functions with a decorator:")
        for function in unmutated:
            print(f"  {function}")
    return 0


def decorated(file: str) -> list[str]:
    """The functions and methods of `file` that mutmut does not change: those with a
    decorator other than @staticmethod or @classmethod (a @property, for one)."""
    found = []

    def visit(nodes, prefix: str) -> None:
        for node in nodes:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = {ast.unparse(d) for d in node.decorator_list}
                if names - {"staticmethod", "classmethod"}:
                    found.append(f"{prefix}{node.name} (@{', @'.join(sorted(names))})")

    visit(ast.parse((ROOT / file).read_text()).body, "")
    return found


@contextmanager
def sqlite_template() -> Iterator[dict[str, str]]:
    """One SQLite database migrated for the run, which each test process copies."""
    # One per run of this script, so that two runs side by side keep their own.
    template = WORK / f"test-template-{os.getpid()}.sqlite3"
    env = {"MUTATION_TEST_DATABASE": str(template)}
    try:
        migrate_template_database(str(template), env)
        yield env
    finally:
        # With the copies of test processes that ended before their own clean-up.
        for leftover in [template, *WORK.glob(f"{template.stem}-*.sqlite3*")]:
            leftover.unlink(missing_ok=True)


def postgres_server() -> str:
    """The URL of the PostgreSQL server to test on, once it has answered."""
    url = os.environ.get("MUTATION_DATABASE_URL", POSTGRES_URL)
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as error:
        where = urlsplit(url)
        sys.exit(
            f"PostgreSQL at {where.hostname}:{where.port or 5432} cannot be reached as "
            f"{where.username}: {str(error).strip()}\n"
            "Start the server, or set MUTATION_DATABASE_URL to one that can create databases, "
            "or test on SQLite only: --database sqlite."
        )
    return url


@contextmanager
def postgres_template() -> Iterator[dict[str, str]]:
    """One PostgreSQL database migrated for the run, from which each test process creates its
    own (CREATE DATABASE ... TEMPLATE, tools/mutation_conftest.py); all dropped at the end."""
    url = postgres_server()
    prefix = os.environ.get("MUTATION_DATABASE_PREFIX", POSTGRES_PREFIX)
    template = f"{prefix}_{os.getpid()}"
    env = {"DATABASE_URL": url, "MUTATION_TEST_DATABASE": template}
    try:
        migrate_template_database(template, env)
        yield env
    finally:
        # With the databases of test processes that ended before their own clean-up.
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as server:
            existing = server.execute("SELECT datname FROM pg_database").fetchall()
            for (database,) in existing:
                if database == template or database.startswith(f"{template}_"):
                    server.execute(
                        sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database))
                    )


def migrate_template_database(template: str, env: dict[str, str]) -> None:
    """Migrate the database that every test process copies instead of migrating."""
    code = (
        "import sys, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.db import connection\n"
        "settings.DATABASES['default']['TEST']['NAME'] = sys.argv[1]\n"
        "connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)\n"
        "connection.close()\n"
    )
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code, template],
        cwd=ROOT,
        env=test_environment(env),
        check=True,
    )
    print(f"migrated the test database {Path(template).name} in {time.monotonic() - started:.0f} s")


def test_environment(database_env: dict[str, str]) -> dict[str, str]:
    """This process's environment for the tests: SQLite unless `database_env` names a
    DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    env.update(database_env)
    return env


def stage_of(name: str, database: str) -> Path:
    return WORK / name / database


def run_module(name, module, environments, jobs, equivalents, only=()) -> list[dict]:
    """Test the module on each of its databases (environments: their tests' variables)."""
    for database, database_env in environments.items():
        stage = stage_of(name, database)
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        for entry in [*SOURCE_PATHS, *ALSO_COPY, "tests"]:
            source = (
                ROOT / "tools" / "mutation_conftest.py" if entry == "conftest.py" else ROOT / entry
            )
            (stage / entry).symlink_to(source)
        (stage / "pyproject.toml").write_text(stage_pyproject(module))

        log = stage / "mutmut.log"
        started = time.monotonic()
        with log.open("w") as out:
            finished = subprocess.run(  # noqa: S603 - mutmut of this environment
                [str(BIN / "mutmut"), "run", "--max-children", str(jobs), *only],
                cwd=stage,
                env=test_environment(database_env),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        minutes = (time.monotonic() - started) / 60
        if finished.returncode != 0:
            sys.exit(f"{name}: mutmut failed on {database} (exit {finished.returncode}); see {log}")
        for row in module_rows(name, module, [database], equivalents):
            print(
                f"{row['file']} on {database}: {row['mutants']} mutants, "
                f"{row['survived']} survived ({minutes:.1f} min)"
            )
    rows = module_rows(name, module, list(environments), equivalents)
    if len(environments) > 1:
        for row in rows:
            print(f"{row['file']}, killed on any: {row['survived']} survived")
    return rows


# Which result of a mutant's runs on several databases counts: the first of these it has.
RESULT_ORDER = (KILLED, TIMEOUT, SURVIVED, NO_TESTS)


def combined(results: list[int | None]) -> int | None:
    """A mutant's result over its runs: killed if any run killed it, survived if a run's
    tests reached it and none killed it."""
    for codes in RESULT_ORDER:
        for result in results:
            if result in codes:
                return result
    return next((r for r in results if r is not None), None)


def module_rows(name, module, databases, equivalents) -> list[dict]:
    """Each file's counts, read from mutmut's results under mutants/<name>/<database>/."""
    rows = []
    for file in module.files:
        runs = {}
        for database in databases:
            meta_path = stage_of(name, database) / "mutants" / (file + ".meta")
            if meta_path.exists():
                runs[database] = json.loads(meta_path.read_text())["exit_code_by_key"]
        if not runs:
            continue
        keys = dict.fromkeys(key for run in runs.values() for key in run)
        codes = {key: combined([run.get(key) for run in runs.values()]) for key in keys}
        survivors = sorted(k for k, v in codes.items() if v in SURVIVED)
        row = {
            "module": name,
            "file": file,
            "mutants": len(codes),
            "killed": sum(v in KILLED for v in codes.values()),
            "timeout": sum(v in TIMEOUT for v in codes.values()),
            "survived": len(survivors),
            "no_tests": sum(v in NO_TESTS for v in codes.values()),
            "equivalent": sum(k in equivalents for k in survivors),
            "not_checked": sum(v is None for v in codes.values()),
            "survivors": survivors,
            "survived_on": {
                mutant: [db for db, run in runs.items() if run.get(mutant) in SURVIVED]
                for mutant in survivors
            },
        }
        rows.append(row)
    return rows


def stage_pyproject(module: Module) -> str:
    """The run's pyproject.toml: mutmut's settings, and pytest's own from the project."""
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]
    mutmut_options = {
        "source_paths": SOURCE_PATHS,
        "only_mutate": list(module.files),
        "also_copy": ALSO_COPY,
        "pytest_add_cli_args": PYTEST_ARGS,
        "pytest_add_cli_args_test_selection": list(module.tests),
        "use_setproctitle": False,
    }
    lines = ["[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in mutmut_options.items()]
    lines += ["", "[tool.pytest.ini_options]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in pytest_options.items()]
    return "\n".join(lines) + "\n"


def mutant_order(mutant: str) -> tuple[str, int]:
    """By module and function, then by number: mutmut_9 before mutmut_10."""
    name, _, number = mutant.rpartition("__mutmut_")
    return (name, int(number) if number.isdigit() else 0)


def load_equivalents() -> dict[str, str]:
    if not EQUIVALENTS_FILE.exists():
        return {}
    return tomllib.loads(EQUIVALENTS_FILE.read_text())


def module_file(mutant: str) -> str:
    dotted = mutant.split(".x_")[0].split(".xǁ")[0]
    return dotted.replace(".", "/") + ".py"


def score(row) -> float:
    """Killed of the mutants checked, leaving out the equivalent ones."""
    logic = row["mutants"] - row["not_checked"] - row["equivalent"]
    return 100 * (row["killed"] + row["timeout"]) / logic if logic else 100.0


def print_table(rows, *, markdown: bool) -> None:
    header = [
        "module",
        "mutants",
        "killed",
        "survived",
        "equivalent",
        "no tests",
        "not checked",
        "score",
    ]
    table = [
        [
            row["file"],
            str(row["mutants"]),
            str(row["killed"] + row["timeout"]),
            str(row["survived"]),
            str(row["equivalent"]),
            str(row["no_tests"]),
            str(row["not_checked"]),
            f"{score(row):.1f} %",
        ]
        for row in rows
    ]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|" + "---:|" * (len(header) - 1))
        for line in table:
            print("| " + " | ".join(line) + " |")
        return
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    for line in [header, *table]:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
        )


def show_survivors(name, rows, equivalents) -> None:
    for row in rows:
        if row["module"] != name:
            continue
        for mutant in row["survivors"]:
            survived_on = row["survived_on"][mutant]
            shown = subprocess.run(  # noqa: S603 - mutmut of this environment
                [str(BIN / "mutmut"), "show", mutant],
                cwd=stage_of(name, survived_on[0]),
                capture_output=True,
                text=True,
            ).stdout
            reason = equivalents.get(mutant)
            verdict = f"equivalent: {reason}" if reason else "survived"
            print(f"\n{verdict} (survived on {', '.join(survived_on)})\n{shown}")


if __name__ == "__main__":
    sys.exit(main())
