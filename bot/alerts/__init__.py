"""Alert delivery: the `alerts` CLI, the run that posts pending alerts, platform deliverers."""
