"""Volunteer service (志愿服务): activities, records and their verification, pledges, rollups."""
