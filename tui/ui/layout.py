"""The terminal sizes at which Dateline's screens change their layout, shared by every screen.

They live apart from the screens so that a screen can read them without importing another screen
(the bookmarks screen once imported the main screen for them, and the main screen opens the bookmarks).
"""

from __future__ import annotations

NARROW_WIDTH = 100  # below this the facts sidebar folds away
TINY_WIDTH = 70  # below this the list and the article take turns
MIN_WIDTH, MIN_HEIGHT = 40, 12
TOO_SMALL = f"Terminal too small for Dateline: make it at least {MIN_WIDTH}×{MIN_HEIGHT}."
# The main screen's subtitle until the model is loaded (the article view's `FIRST_STATUS`): here so
# that the first frame shows it without importing the article view.
MODEL_LOADING = "loading model…"
