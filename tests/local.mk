# tests/ - unit tests (Check) and integration tests (shell scripts).
