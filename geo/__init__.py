"""geo: turn war reporting into dated, sourced control maps.

Stages flow one way: ingest -> mentions -> resolve (gazetteer) -> claims -> timeline
-> slices -> render / export, with the SQLite store beside the pipeline.
"""

__version__ = "0.1.0"
