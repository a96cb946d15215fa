"""The `techkg` command line: argument parsing and printing only."""
