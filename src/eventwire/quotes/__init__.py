"""Quotes and attributions: who said what."""
