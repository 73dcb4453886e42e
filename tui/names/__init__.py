"""Names across the library: one identity per person, organisation and place, follows, timelines,
entity queries, who is in the news, and stories (articles about the same event grouped).

No Textual here: the layer between output and analysis (it may import analysis, store, ingest, core).
"""
