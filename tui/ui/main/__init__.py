"""The main screen's panes and parts, one per module: the list pane and the article view (widgets
that own their state and workers), the article's keys (bookmark, export, link), the names and the
feeds with the read state (mixins of the screen); `base` holds what the mixins share."""
