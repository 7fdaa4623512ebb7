"""Importing members and volunteer records from CSV and XLSX tables."""
