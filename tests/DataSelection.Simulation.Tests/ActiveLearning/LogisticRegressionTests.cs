using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.ActiveLearning;

public class LogisticRegressionTests
{
    [Fact]
    public void Binary_fit_reaches_the_optimum_found_by_an_independent_bisection()
    {
        // One feature, overlapping classes, so the optimum is finite even without the penalty.
        double[] x = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0];
        int[] y = [0, 0, 1, 0, 1, 0, 1, 1];
        var model = new LogisticRegression(featureCount: 1, classCount: 2);
        var fit = model.Fit(x, y);

        // Independent solution: for a fixed w the best intercept solves Σ(σ(wx+b) − y) = 0 (monotone in b);
        // the profile objective is convex in w with derivative Σ(σ − y)x + w (C = 1), so bisect on both.
        double BestIntercept(double w) => Bisect(b => x.Select((xi, i) => Sigmoid(w * xi + b) - y[i]).Sum(), -50, 50);
        var wStar = Bisect(w =>
        {
            var b = BestIntercept(w);
            return x.Select((xi, i) => (Sigmoid(w * xi + b) - y[i]) * xi).Sum() + w;
        }, -50, 50);
        var bStar = BestIntercept(wStar);

        Assert.True(fit.Converged);
        var coefficients = model.Coefficients;
        Assert.Equal(wStar, coefficients[0], 1e-6);
        Assert.Equal(bStar, coefficients[1], 1e-6);
    }

    [Fact]
    public void Multinomial_fit_satisfies_the_optimality_conditions()
    {
        var random = new SeededRandom(3);
        const int rows = 300, d = 3, classes = 3;
        var features = new double[rows * d];
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            labels[r] = random.NextInt(classes);
            for (var j = 0; j < d; j++)
            {
                features[r * d + j] = random.NextGaussian() + (j == labels[r] ? 1.5 : 0.0);
            }
        }
        var model = new LogisticRegression(d, classes);
        Assert.True(model.Fit(features, labels).Converged);

        // KKT for Σ CE + ‖W‖²/2: per class k, Σᵢ (p_ik − y_ik)·xᵢ + w_k = 0 and Σᵢ (p_ik − y_ik) = 0.
        var p = model.PredictProbabilities(features);
        var w = model.Coefficients;
        for (var k = 0; k < classes; k++)
        {
            var interceptGradient = 0.0;
            for (var r = 0; r < rows; r++)
            {
                interceptGradient += p[r * classes + k] - (labels[r] == k ? 1 : 0);
            }
            Assert.InRange(interceptGradient, -1e-4, 1e-4);
            for (var j = 0; j < d; j++)
            {
                var g = w[k * (d + 1) + j];
                for (var r = 0; r < rows; r++)
                {
                    g += (p[r * classes + k] - (labels[r] == k ? 1 : 0)) * features[r * d + j];
                }
                Assert.InRange(g, -1e-4, 1e-4);
            }
        }
    }

    [Fact]
    public void Fit_recovers_the_Bayes_boundary_on_large_Gaussian_data()
    {
        // Classes N(±μ, I) with equal priors: the Bayes log-odds are 2μ·x, so w = 2μ, b = 0.
        double[] mu = [0.6, -0.4, 0.0, 0.3];
        var random = new SeededRandom(5);
        const int rows = 40_000;
        var d = mu.Length;
        var features = new double[rows * d];
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            labels[r] = random.NextInt(2);
            var sign = labels[r] == 1 ? 1.0 : -1.0;
            for (var j = 0; j < d; j++)
            {
                features[r * d + j] = sign * mu[j] + random.NextGaussian();
            }
        }
        var model = new LogisticRegression(d, 2);
        model.Fit(features, labels);
        var w = model.Coefficients;
        // Standard error of each coefficient is about 1/sqrt(n·E[p(1−p)]) ≈ 0.011; allow about five.
        for (var j = 0; j < d; j++)
        {
            Assert.InRange(w[j], 2 * mu[j] - 0.06, 2 * mu[j] + 0.06);
        }
        Assert.InRange(w[d], -0.06, 0.06);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_unseen_classes_get_none()
    {
        var random = new SeededRandom(9);
        const int rows = 200, d = 2;
        var features = new double[rows * d];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = random.NextGaussian();
        }
        // Labels use classes 0, 1 and 3 of 4: class 2 is never seen.
        var labels = Enumerable.Range(0, rows).Select(r => features[r * d] > 0.5 ? 3 : features[r * d + 1] > 0 ? 1 : 0).ToArray();
        var model = new LogisticRegression(d, classCount: 4);
        model.Fit(features, labels);
        var p = model.PredictProbabilities(features);
        for (var r = 0; r < rows; r++)
        {
            Assert.Equal(1.0, p[r * 4] + p[r * 4 + 1] + p[r * 4 + 2] + p[r * 4 + 3], 12);
            Assert.Equal(0.0, p[r * 4 + 2]);
        }
        Assert.Equal([0, 1, 3], model.TrainedClasses);
    }

    [Fact]
    public void Warm_start_reaches_the_same_optimum_in_fewer_steps()
    {
        var random = new SeededRandom(21);
        const int rows = 500, d = 4;
        var features = new double[rows * d];
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            labels[r] = random.NextInt(2);
            for (var j = 0; j < d; j++)
            {
                features[r * d + j] = random.NextGaussian() + (j == 0 && labels[r] == 1 ? 1.0 : 0.0);
            }
        }
        var cold = new LogisticRegression(d, 2);
        var coldFit = cold.Fit(features, labels);
        var warmFit = cold.Fit(features, labels);
        Assert.True(warmFit.Iterations < coldFit.Iterations);
        Assert.Equal(0, warmFit.Iterations);
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Bisect(Func<double, double> increasing, double low, double high)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (low + high);
            if (increasing(mid) > 0)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return 0.5 * (low + high);
    }
}
