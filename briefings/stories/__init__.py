"""Stories: a workspace follows several stories, each channel its own.

A story is stored data (`briefings.store.story_schema`): a slug, a title, a description, its
feeds, its explicit ingests and a match rule (`rules`). Articles join stories when stored and
when a rule changes (`matching`); a command or digest is answered for one story inside
`scope.story_scope`.
"""
