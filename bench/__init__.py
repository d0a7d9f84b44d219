"""Bosam's benchmark suite: `./dev bench` (see bench/README.md). Not part of the test suite."""
