"""Writes about personal data as such: consents, requests under the GDPR, erasure, and the
organisation's privacy settings."""
