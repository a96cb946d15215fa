"""techkg tests."""
