"""The bundled demo web: realistic CE provider sites (build.py) served on loopback (server.py)."""
