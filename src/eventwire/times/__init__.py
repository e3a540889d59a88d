"""Times: TIMEX3 expressions resolved against the publication date."""
