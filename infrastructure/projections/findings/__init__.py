"""The findings read models: the manifestation list, findings and their citations."""
