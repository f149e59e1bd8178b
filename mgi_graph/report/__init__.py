"""The static HTML report: a page per profile, country, entry and query, and the heatmap."""
