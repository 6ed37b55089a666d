"""Search: what is searched (`records.py`, from the model), Pagefind's index
of it (`pagefind_index.py`, made reproducible by `reproducible.py`), and
the page with its index beside it (`generator.py`)."""
