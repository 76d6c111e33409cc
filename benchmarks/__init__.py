"""Benchmarks of wirewatch: `make bench` (python -m benchmarks.run); method and figures in BENCHMARKS.md."""
