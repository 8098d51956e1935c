"""One module per demo provider site; each exposes SLUG, NAME, HOST and build() -> Site."""
