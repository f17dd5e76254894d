"""factcheck: claim-level fact-checking that compares the figures across news articles."""
