"""Benchmarks, run with `make bench` apart from the test suite."""
