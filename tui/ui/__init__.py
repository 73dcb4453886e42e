"""The terminal reader (Textual): the app, its screens and widgets, the parts of the main screen
(`tui/ui/main/`), the messages its workers post (`messages`), the read-state write queue
(`read_queue`), the one writer of the user's small files (`writer`) and the one analysis queue
(`analysis_queue`). The only package besides `tui.cli`
that imports Textual; everything it shows comes from the packages below it."""
