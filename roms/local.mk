# roms/
