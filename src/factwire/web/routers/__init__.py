"""One router per resource; each is a thin layer over the store's named read-models."""
