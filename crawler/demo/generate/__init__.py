"""Generate the demo web: one module per demo provider site.

Each site module exposes SLUG, NAME, HOST and build() -> Site; courses, markup, site and topics
hold what the sites share.
"""
