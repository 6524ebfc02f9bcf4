# os/ - the HLE kernel and its memory manager.
noinst_HEADERS = os/observe.h
