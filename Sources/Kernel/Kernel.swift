// Kernel: sessions, cell semantics, outputs, limits, notebooks.
