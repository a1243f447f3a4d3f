namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// L2-regularised logistic regression with scikit-learn's default objective: minimise
/// Σᵢ cross-entropy + ‖W‖²/(2C) with C = 1 and no penalty on the intercepts. Two classes use one
/// weight vector and the sigmoid; three or more use one vector per class and the softmax
/// (multinomial). Trained by Newton's method with a backtracking line search until the gradient
/// is below a tolerance; each fit warm-starts from the previous coefficients.
/// </summary>
/// <remarks>
/// Like scikit-learn, the model is fitted over the classes present in the training labels;
/// classes never seen get probability 0.
/// </remarks>
public sealed class LogisticRegression
{
    // Newton stops when every gradient component of the summed objective is below this much per
    // training example: far tighter than scikit-learn's lbfgs default (1e-4 on the mean
    // objective) yet cheap, because Newton converges quadratically near the optimum.
    private const double GradientTolerancePerExample = 1e-7;

    // A safety net: Newton on this strictly convex objective needs a handful of steps.
    private const int MaxNewtonIterations = 100;

    // Step halvings before giving up on a direction (2^-40 is below double precision's use).
    private const int MaxLineSearchHalvings = 40;

    // Armijo sufficient-decrease constant (Nocedal & Wright's customary 1e-4).
    private const double ArmijoConstant = 1e-4;

    // Softmax intercepts are defined only up to a common shift, so the Hessian is singular along
    // it; this ridge (in the Hessian only, not the objective) makes the step solvable without
    // moving the fit, since the gradient has no component along that shift.
    private const double InterceptJitter = 1e-9;

    private double[] _coefficients = [];
    private int[] _classes = [];

    public LogisticRegression(int featureCount, int classCount, double inverseRegularization = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (!(inverseRegularization > 0.0) || !double.IsFinite(inverseRegularization))
        {
            throw new ArgumentOutOfRangeException(nameof(inverseRegularization), "C must be a positive finite number.");
        }
        FeatureCount = featureCount;
        ClassCount = classCount;
        InverseRegularization = inverseRegularization;
    }

    public int FeatureCount { get; }

    public int ClassCount { get; }

    /// <summary>C, the inverse regularisation strength (scikit-learn's name and default, 1).</summary>
    public double InverseRegularization { get; }

    public bool IsTrained => _classes.Length > 0;

    /// <summary>The classes the last fit saw, ascending.</summary>
    public IReadOnlyList<int> TrainedClasses => _classes;

    /// <summary>
    /// Coefficient blocks of FeatureCount weights followed by the intercept: one block (for the
    /// larger of two trained classes) in the binary case, one per trained class otherwise.
    /// </summary>
    public double[] Coefficients => (double[])_coefficients.Clone();

    private int Stride => FeatureCount + 1;

    /// <summary>Trains on row-major <paramref name="features"/> (labels.Length × FeatureCount), warm-starting from the last fit when the class set is unchanged.</summary>
    public LogisticRegressionFit Fit(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, CancellationToken cancellationToken = default)
    {
        var rows = labels.Length;
        if (features.Length != rows * FeatureCount)
        {
            throw new ArgumentException($"Expected {rows} × {FeatureCount} feature values.", nameof(features));
        }
        var positions = ClassPositions(labels, out var present);
        if (!_classes.AsSpan().SequenceEqual(present))
        {
            _classes = present;
            _coefficients = new double[BlockCount(present.Length) * Stride];
        }

        var size = _coefficients.Length;
        var gradient = new double[size];
        var hessian = new double[size * size];
        var trial = new double[size];
        var step = new double[size];
        var tolerance = GradientTolerancePerExample * Math.Max(1, rows);
        var objective = 0.0;
        var gradientNorm = double.PositiveInfinity;
        for (var iteration = 0; iteration <= MaxNewtonIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The gradient alone decides convergence; the costlier Hessian pass runs only when a step follows.
            objective = Evaluate(_coefficients, features, positions, gradient, hessian: null);
            gradientNorm = MaxAbs(gradient);
            if (gradientNorm <= tolerance)
            {
                return new LogisticRegressionFit(iteration, gradientNorm, objective, Converged: true);
            }
            if (iteration == MaxNewtonIterations)
            {
                break;
            }
            Evaluate(_coefficients, features, positions, gradient, hessian);
            for (var i = 0; i < size; i++)
            {
                step[i] = -gradient[i];
            }
            if (!CholeskySolver.TrySolveInPlace(hessian, size, step))
            {
                break;
            }
            if (!TryLineSearch(features, positions, objective, gradient, step, trial))
            {
                return new LogisticRegressionFit(iteration, gradientNorm, objective, Converged: false);
            }
            (_coefficients, trial) = (trial, _coefficients);
        }
        return new LogisticRegressionFit(MaxNewtonIterations, gradientNorm, objective, Converged: false);
    }

    /// <summary>Class probabilities for row-major <paramref name="features"/>, written as rows × ClassCount.</summary>
    public void PredictProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        if (!IsTrained)
        {
            throw new InvalidOperationException("The model has not been trained.");
        }
        var rows = features.Length / FeatureCount;
        if (features.Length != rows * FeatureCount || probabilities.Length != rows * ClassCount)
        {
            throw new ArgumentException("Features and probabilities must hold the same number of rows.");
        }
        probabilities.Clear();
        if (_classes.Length == 2)
        {
            PredictBinary(features, probabilities, rows);
            return;
        }
        var blocks = BlockCount(_classes.Length);
        Span<double> logits = stackalloc double[blocks];
        Span<double> trained = stackalloc double[_classes.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = features.Slice(r * FeatureCount, FeatureCount);
            Logits(_coefficients, row, logits);
            ToProbabilities(logits, trained);
            var output = probabilities.Slice(r * ClassCount, ClassCount);
            for (var c = 0; c < _classes.Length; c++)
            {
                output[_classes[c]] = trained[c];
            }
        }
    }

    /// <summary>
    /// The binary case of <see cref="PredictProbabilities(ReadOnlySpan{double}, Span{double})"/> without the
    /// general path's per-row buffers: the same arithmetic (bias + w·x, then the sigmoid), so the same bits.
    /// Scoring the whole pool every round is the hot loop of active learning.
    /// </summary>
    private void PredictBinary(ReadOnlySpan<double> features, Span<double> probabilities, int rows)
    {
        var weights = _coefficients.AsSpan(0, FeatureCount);
        var bias = _coefficients[FeatureCount];
        var negative = _classes[0];
        var positive = _classes[1];
        for (var r = 0; r < rows; r++)
        {
            var p = Sigmoid(bias + VectorMath.Dot(weights, features.Slice(r * FeatureCount, FeatureCount)));
            var output = probabilities.Slice(r * ClassCount, ClassCount);
            output[negative] = 1.0 - p;
            output[positive] = p;
        }
    }

    /// <summary>Class probabilities for row-major <paramref name="features"/>, rows × ClassCount.</summary>
    public double[] PredictProbabilities(ReadOnlySpan<double> features)
    {
        var probabilities = new double[features.Length / FeatureCount * ClassCount];
        PredictProbabilities(features, probabilities);
        return probabilities;
    }

    /// <summary>The most probable class of each row (ties go to the lower class index).</summary>
    public int[] Predict(ReadOnlySpan<double> features)
    {
        var probabilities = PredictProbabilities(features);
        var predictions = new int[probabilities.Length / ClassCount];
        for (var r = 0; r < predictions.Length; r++)
        {
            predictions[r] = ArgMax(probabilities.AsSpan(r * ClassCount, ClassCount));
        }
        return predictions;
    }

    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    private static int BlockCount(int trainedClasses) => trainedClasses == 2 ? 1 : trainedClasses;

    private int[] ClassPositions(ReadOnlySpan<int> labels, out int[] present)
    {
        var seen = new bool[ClassCount];
        foreach (var label in labels)
        {
            if ((uint)label >= (uint)ClassCount)
            {
                throw new ArgumentException($"Label {label} is outside 0…{ClassCount - 1}.", nameof(labels));
            }
            seen[label] = true;
        }
        var positionOf = new int[ClassCount];
        var presentList = new List<int>();
        for (var c = 0; c < ClassCount; c++)
        {
            positionOf[c] = presentList.Count;
            if (seen[c])
            {
                presentList.Add(c);
            }
        }
        if (presentList.Count < 2)
        {
            throw new ArgumentException("Training needs labels of at least two classes.", nameof(labels));
        }
        present = [.. presentList];
        var positions = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            positions[i] = positionOf[labels[i]];
        }
        return positions;
    }

    private bool TryLineSearch(
        ReadOnlySpan<double> features, int[] positions, double objective, double[] gradient, double[] step, double[] trial)
    {
        var slope = 0.0;
        for (var i = 0; i < step.Length; i++)
        {
            slope += gradient[i] * step[i];
        }
        var t = 1.0;
        for (var halving = 0; halving <= MaxLineSearchHalvings; halving++)
        {
            for (var i = 0; i < step.Length; i++)
            {
                trial[i] = _coefficients[i] + t * step[i];
            }
            var candidate = Evaluate(trial, features, positions, gradient: null, hessian: null);
            if (candidate <= objective + ArmijoConstant * t * slope)
            {
                return true;
            }
            t *= 0.5;
        }
        return false;
    }

    /// <summary>The objective at <paramref name="coefficients"/>, and its gradient and full Hessian when buffers are given.</summary>
    private double Evaluate(double[] coefficients, ReadOnlySpan<double> features, int[] positions, double[]? gradient, double[]? hessian)
    {
        var d = FeatureCount;
        var stride = Stride;
        var blocks = coefficients.Length / stride;
        var size = coefficients.Length;
        gradient?.AsSpan().Clear();
        hessian?.AsSpan().Clear();
        Span<double> logits = stackalloc double[blocks];
        Span<double> residual = stackalloc double[blocks];
        Span<double> probability = stackalloc double[blocks == 1 ? 2 : blocks];
        Span<double> x = stackalloc double[stride];
        x[d] = 1.0;
        var loss = 0.0;
        for (var r = 0; r < positions.Length; r++)
        {
            features.Slice(r * d, d).CopyTo(x);
            Logits(coefficients, x[..d], logits);
            var target = positions[r];
            if (blocks == 1)
            {
                // Binary cross-entropy: softplus(z) − y·z, computed without overflow.
                var z = logits[0];
                loss += Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))) - (target == 1 ? z : 0.0);
                probability[0] = Sigmoid(z);
                residual[0] = probability[0] - (target == 1 ? 1.0 : 0.0);
            }
            else
            {
                var logSumExp = LogSumExp(logits);
                loss += logSumExp - logits[target];
                for (var k = 0; k < blocks; k++)
                {
                    probability[k] = Math.Exp(logits[k] - logSumExp);
                    residual[k] = probability[k] - (k == target ? 1.0 : 0.0);
                }
            }
            if (gradient is null)
            {
                continue;
            }
            for (var k = 0; k < blocks; k++)
            {
                VectorMath.AddScaled(gradient.AsSpan(k * stride, stride), residual[k], x);
            }
            if (hessian is null)
            {
                continue;
            }
            // Hessian of the cross-entropy: Σ p_k(δ_kl − p_l)·x xᵀ per block pair (binary: p(1 − p)).
            for (var k = 0; k < blocks; k++)
            {
                for (var l = k; l < blocks; l++)
                {
                    var weight = probability[k] * ((k == l ? 1.0 : 0.0) - probability[l]);
                    for (var a = 0; a < stride; a++)
                    {
                        var first = k == l ? a : 0;
                        var rowOffset = (k * stride + a) * size + l * stride + first;
                        VectorMath.AddScaled(hessian.AsSpan(rowOffset, stride - first), weight * x[a], x[first..]);
                    }
                }
            }
        }
        var inverseC = 1.0 / InverseRegularization;
        var penalty = 0.0;
        for (var k = 0; k < blocks; k++)
        {
            for (var a = 0; a < d; a++)
            {
                var w = coefficients[k * stride + a];
                penalty += w * w;
                var index = k * stride + a;
                if (gradient is not null)
                {
                    gradient[index] += inverseC * w;
                }
                if (hessian is not null)
                {
                    hessian[index * size + index] += inverseC;
                }
            }
            if (hessian is not null)
            {
                var intercept = k * stride + d;
                hessian[intercept * size + intercept] += InterceptJitter;
            }
        }
        if (hessian is not null)
        {
            for (var i = 0; i < size; i++)
            {
                for (var j = i + 1; j < size; j++)
                {
                    hessian[j * size + i] = hessian[i * size + j];
                }
            }
        }
        return loss + 0.5 * inverseC * penalty;
    }

    private void Logits(double[] coefficients, ReadOnlySpan<double> row, Span<double> logits)
    {
        var stride = Stride;
        for (var k = 0; k < logits.Length; k++)
        {
            var block = coefficients.AsSpan(k * stride, stride);
            logits[k] = block[FeatureCount] + VectorMath.Dot(block[..FeatureCount], row);
        }
    }

    private static void ToProbabilities(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        if (logits.Length == 1)
        {
            var p = Sigmoid(logits[0]);
            probabilities[0] = 1.0 - p;
            probabilities[1] = p;
            return;
        }
        var logSumExp = LogSumExp(logits);
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp(logits[k] - logSumExp);
        }
    }

    // The logistic function, evaluated on the side that cannot overflow.
    private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Exp(v - max);
        }
        return max + Math.Log(sum);
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }
        return max;
    }
}
