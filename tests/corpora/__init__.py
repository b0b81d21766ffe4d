"""Scoring on the public corpora in ../shared/corpora (read in place, never copied here)."""
