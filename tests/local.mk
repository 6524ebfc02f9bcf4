# tests/ - unit tests (Check) and integration tests (shell scripts) of the shared pieces.
# Each part registers its own tests in its own fragment.
check_PROGRAMS += tests/unit/test_bus
tests_unit_test_bus_SOURCES = tests/unit/test_bus.c
tests_unit_test_bus_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_bus_LDADD = libemu.a $(CHECK_LIBS)
TESTS += tests/unit/test_bus
