"""The spaCy parse, named entities, mention lookup and shared English grammar."""
