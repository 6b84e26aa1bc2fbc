"""Views: offline HTML network views and standard graph exports."""
