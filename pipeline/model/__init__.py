"""Model choice, label mapping and the training recipe of the bundled German pipeline."""
