"""The parts `MainScreen` is made of, one per module: the list pane, the article view, the article's
keys (bookmark, export, link), the names and the feeds with the read state; `base` holds what they
share."""
