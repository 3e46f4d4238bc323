"""The working calendar: the State Council schedules the chinesecalendar package knows."""
