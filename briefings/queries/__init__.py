"""Read-side queries over the store; each returns plain data the cards module lays out."""
