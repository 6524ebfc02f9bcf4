# guest/
