"""Benchmarks (`make bench`): speed and memory of parse, ingest, store queries and dashboard pages."""
