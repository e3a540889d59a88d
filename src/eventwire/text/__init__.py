"""Text in: reading inputs, cleaning boilerplate, the language check."""
