# view/ - the SDL2 viewer and the PNG snapshot writer.
