"""Event extraction: triggers, roles, modality, attribution, casualties, dates."""
