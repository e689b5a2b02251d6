print("InterpreterBenchmark: no figures yet")
