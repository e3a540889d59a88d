"""Counts: numbers of people and things, with killed/injured/arrested."""
