# fuzz/
