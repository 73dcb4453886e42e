"""The main screen's panes and parts, one per module: the list pane and the article view (widgets
that draw), the feeds with the read state, the names and the article's keys (bookmark, export,
link: parts, widgets that draw nothing); `base` holds what they share (`MainHost`, `Part`). Each owns
its state and workers; `MainScreen` owns them all and routes between them."""
