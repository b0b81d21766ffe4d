"""`briefbot story …`: stories managed from the command line."""
