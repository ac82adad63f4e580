"""Printed documents (picking list, packing slips, Code 128), drawn with Qt for the GUI and
the command line alike; the data comes from ``app/core/services/picking.py``."""
