// Autodiff: tensors with identity, op dispatch, GradientTape, Variable, gradient rules.
