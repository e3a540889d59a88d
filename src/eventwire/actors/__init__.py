"""Actors: who is named, with country, sectors and title."""
