"""Benchmarks: ``make bench`` runs every ``bench/bench_*.py`` module's ``run()``.

Each ``run()`` returns a dict of named measurements (numbers, with units in
the key names, e.g. ``listings_per_second``) plus optional ``targets``. The
runner writes them all to ``bench/results.json`` and prints a short table.
Speed and memory targets live here, never in timed tests.
"""
