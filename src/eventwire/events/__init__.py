"""Events: PLOVER type, mode, roles, modality and confidence."""
