# view/ - the SDL2 viewer and the PNG snapshot writer.
# libview.a: render.c (layout + drawing), colour.c, font.c, png.c, window.c
# (SDL2 window + emulator hand-off), synth.c (synthetic observe states).
# Programs using it link $(SDL2_LIBS) $(LIBPNG_LIBS) -lpthread -lm.
noinst_LIBRARIES += libview.a
libview_a_SOURCES = \
	view/font.c view/font.h \
	view/colour.c \
	view/render.c view/render.h \
	view/png.c view/png.h \
	view/window.c view/viewer.h \
	view/synth.c view/synth.h
libview_a_CFLAGS = $(AM_CFLAGS) $(SDL2_CFLAGS) $(LIBPNG_CFLAGS)
VIEW_LIBS = libview.a $(SDL2_LIBS) $(LIBPNG_LIBS) -lpthread -lm

noinst_PROGRAMS += view/viewtool
view_viewtool_SOURCES = view/viewtool.c
view_viewtool_CFLAGS = $(AM_CFLAGS) $(SDL2_CFLAGS)
view_viewtool_LDADD = $(VIEW_LIBS)

check_PROGRAMS += tests/unit/test_render
tests_unit_test_render_SOURCES = tests/unit/test_render.c
tests_unit_test_render_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SDL2_CFLAGS)
tests_unit_test_render_LDADD = $(VIEW_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/test_render

TESTS += tests/integ/view_window.sh
EXTRA_DIST += tests/integ/view_window.sh docs/viewer.md

check_PROGRAMS += tests/unit/test_render_window
tests_unit_test_render_window_SOURCES = tests/unit/test_render_window.c
tests_unit_test_render_window_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SDL2_CFLAGS)
tests_unit_test_render_window_LDADD = $(VIEW_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/test_render_window

# The renderer on the real memory manager's tags (libmm.a from os/local.mk).
check_PROGRAMS += tests/unit/test_render_mm
tests_unit_test_render_mm_SOURCES = tests/unit/test_render_mm.c
tests_unit_test_render_mm_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SDL2_CFLAGS)
tests_unit_test_render_mm_LDADD = libmm.a $(VIEW_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/test_render_mm
