"""The live preview: a source → its web handout and PDF pages on localhost, reloaded on save (server.py)."""
