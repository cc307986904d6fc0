"""Benchmarks and the synthetic corpus generator (not part of the installed package).

Run from the repository root with the project's venv, e.g.
`.venv/bin/python -m bench.run_all`; see bench/README.md.
"""
