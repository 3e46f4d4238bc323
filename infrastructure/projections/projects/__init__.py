"""The task-force, project and service-star read models."""
