"""Places: toponyms found, resolved against the gazetteer."""
