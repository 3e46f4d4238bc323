"""`python -m web.cli`: the `ganxin` command."""

import sys

from web.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
