"""``python -m crawler.distributed``: one worker child for one scan (see :mod:`crawler.distributed.worker`)."""

import sys

from crawler.distributed.worker import child_main
from crawler.log_redaction import install_process_redaction

install_process_redaction()
sys.exit(child_main(sys.argv[1:]))
