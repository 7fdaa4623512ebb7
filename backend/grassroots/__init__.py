"""Grassroots: the service-oriented grassroots Party organization platform."""
