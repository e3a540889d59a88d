"""The stage contract, the registry of stages and the runner."""
