"""The benchmark of issue 7: is the bot fast at national scale? Not collected by pytest.

Run it from the repository root (about 4 minutes on 2 cores; PostgreSQL is used when
127.0.0.1:5432 answers)::

    /work/venv/bin/python -m tests.benchmarks            # or: samverkansbot bench
    python -m tests.benchmarks --databases sqlite --duration 4   # quicker

Modules: `generate` (national-scale data), `bare_app` (the baseline WSGI app), `loadgen` (the
load generator process), `servers` (subprocesses, always cleaned up), `tick` (due query and
reminder delivery), `answering` (answerer and commands in-process), `run` (all of it, the table
and `bench-results/<timestamp>.json`). `tests/benchmarks_smoke/` checks that it works.
"""
