"""`python -m tui` runs the `dateline` command."""

from tui.cli import main

if __name__ == "__main__":
    main()
