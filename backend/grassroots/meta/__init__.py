"""Facts about the API itself: its enumerations and their labels."""
