"""`python -m crawler.cli` runs the ktpwatch command (handy in a venv without the script)."""

from crawler.cli import main

main()
