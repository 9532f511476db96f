"""The generator: plans, the pure batch function, column generators by family, relations, keys,
sinks and executors, and the engine that orchestrates them."""
