namespace DataSelection.Simulation.ActiveLearning;

/// <summary>How one training run of <see cref="LogisticRegression"/> ended.</summary>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="GradientNorm">Largest absolute component of the objective's gradient at the end.</param>
/// <param name="Objective">Σ cross-entropy + ‖W‖²/(2C) at the end.</param>
/// <param name="Converged">True if the gradient test was met.</param>
public sealed record LogisticRegressionFit(int Iterations, double GradientNorm, double Objective, bool Converged);
