// TensorFlowAPI: the `tensorflow` module as notebook cells see it.
