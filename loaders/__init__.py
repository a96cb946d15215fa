"""Extract loaders: parse YAML extracts, validate them, resolve entities, load the graph."""
