print("TensorsBenchmark: no figures yet")
