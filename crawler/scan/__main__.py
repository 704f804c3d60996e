"""``python -m crawler.scan``: one scan in this process, its summary printed as JSON (see :mod:`crawler.scan.child`)."""

import sys

from crawler.log_redaction import install_process_redaction
from crawler.scan.child import child_main

install_process_redaction()
sys.exit(child_main(sys.argv[1:]))
