# os/ - the HLE kernel and its memory manager.
