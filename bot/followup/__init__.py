"""The follow-up feature: lessons learned, pulse surveys and the evaluation report."""
