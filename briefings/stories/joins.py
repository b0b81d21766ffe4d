"""How an article joined a story, as stored: by the story's rule, through its feed, or by an
explicit ingest. A module of its own so that `briefings.service` can name them without loading
the store."""

RULE, FEED, INGEST = "rule", "feed", "ingest"
