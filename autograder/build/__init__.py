"""From text sources to notebooks, navigation and the student release (and its verification)."""
