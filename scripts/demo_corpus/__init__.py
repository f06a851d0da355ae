"""Hand-written content and noise planting for the demo corpus (see scripts/make_demo_corpus.py)."""
