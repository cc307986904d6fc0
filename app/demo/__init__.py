"""The project's own small demo corpus (synthetic, labelled as such): data only."""
