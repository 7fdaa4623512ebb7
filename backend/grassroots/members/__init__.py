"""Party members (党员): profile, positions, residence registration, transfers."""
