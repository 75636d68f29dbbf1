"""Writers: a transformed Document → output bytes (handout PDF, deck PPTX)."""
