"""The sandbox: local marketplaces with a planted catalogue, faults and an abuse desk.

Entry points: :func:`sandbox.server.run_sandbox` (tests, demo, benchmarks)
and ``ktpwatch sandbox serve``. Nothing outside the CLI and tests imports this.
"""
