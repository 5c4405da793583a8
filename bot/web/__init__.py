"""HTTP mode: the Bolt app, its door (size, signature, shape) and the WSGI server."""
